"""After admission: sessions in the calendar and attendance, higher education, renewal; the key
figures; a person's data export and erasure."""

import datetime as dt

import pytest
from django.urls import reverse

from dugnad.activities.models import Event, Occurrence
from dugnad.core import privacy
from dugnad.talent import actions
from dugnad.talent.figures import key_figures
from dugnad.talent.models import Attendance, Call, Nomination, Session

from .conftest import NOW, completed

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil_in(time, call, teacher, guardian, admin):
    entry = completed(call, teacher, guardian)
    actions.decide(admin, entry, "admitted")
    actions.answer_offer(guardian, entry, accept=True)
    entry.refresh_from_db()
    return entry


@pytest.fixture
def occurrence(call):
    programme = call.programme
    event = Event.objects.create(
        municipality=programme.municipality, unit=programme.unit, title="UngMusikk: samling",
        status=Event.Status.PUBLISHED,
    )  # fmt: skip
    start = NOW + dt.timedelta(days=3)
    return Occurrence.objects.create(
        event=event, start=start, end=start + dt.timedelta(hours=3), original_start=start
    )


def test_sessions_and_attendance_in_the_pages(
    client, pupil_in, call, admin, follo_coordinator, romerike_coordinator, occurrence
):
    client.force_login(admin)
    response = client.post(
        reverse("talent:add_session", args=[call.pk]), {"session-occurrence": occurrence.pk}
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert client.get(reverse("talent:session", args=[session.pk])).status_code == 200
    # A coordinator marks attendance for their own sub-region's session only.
    session.subregion = pupil_in.subregion
    session.save()
    client.force_login(romerike_coordinator)
    url = reverse("talent:session", args=[session.pk])
    assert client.post(url, {"present": [pupil_in.pk]}).status_code == 403
    client.force_login(follo_coordinator)
    assert client.post(url, {"present": [pupil_in.pk, "x"]}).status_code in (302, 400)
    client.post(url, {"present": [pupil_in.pk]})
    assert Attendance.objects.get().present


def test_higher_education_and_renewal_in_the_pages(client, pupil_in, call, admin, teacher):
    following = Call.objects.create(
        programme=call.programme, year=2027, opens_at=NOW, places=5, criteria=["Teknikk"],
        nomination_deadline=NOW + dt.timedelta(days=300),
        completion_deadline=NOW + dt.timedelta(days=330),
    )  # fmt: skip
    client.force_login(teacher)
    client.post(reverse("talent:higher_education", args=[pupil_in.pk]), {"went_on": "on"})
    pupil_in.refresh_from_db()
    assert not pupil_in.higher_education
    client.force_login(admin)
    client.post(reverse("talent:higher_education", args=[pupil_in.pk]), {"went_on": "on"})
    pupil_in.refresh_from_db()
    assert pupil_in.higher_education
    response = client.post(reverse("talent:renew", args=[pupil_in.pk]), {"call": following.pk})
    assert response.status_code == 302
    assert Nomination.objects.get(call=following).renewed_from == pupil_in


def test_key_figures(pupil_in, call, teacher, guardian, admin, municipality):
    other = completed(call, teacher, guardian, name="Ola", number="3205")
    actions.decide(admin, other, "not_admitted")
    actions.record_higher_education(admin, pupil_in, True)
    figures = {
        f.key: f for f in key_figures(municipality, dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    }
    assert figures["talent.ungmusikk.nominations"].value == 2
    assert figures["talent.ungmusikk.admitted"].value == 1
    assert dict(figures["talent.ungmusikk.admitted_by_municipality"].table) == {"Ås": 1}
    assert dict(figures["talent.ungmusikk.nominations"].table) == {"Follo": 1, "Romerike": 1}
    assert figures["talent.ungmusikk.higher_education"].value == 1
    assert key_figures(municipality, dt.date(2020, 1, 1), dt.date(2021, 1, 1)) == []


def test_a_guardians_data_is_exported_and_erased(time, call, teacher, guardian, pupil_in):
    undecided = completed(call, teacher, guardian, name="Per")
    parts = {p["app"]: p["data"] for p in privacy.export_person(guardian)}
    names = {n["pupil"] for n in parts["talent"]["nominations"]}
    assert names == {"Ella Elev", "Per"}
    privacy.erase_person(guardian)
    assert not Nomination.objects.filter(pk=undecided.pk).exists()
    kept = Nomination.objects.get(pk=pupil_in.pk)
    assert kept.pupil_name.startswith("–") and kept.guardian_email == "" and kept.answers == {}
    assert kept.outcome == "admitted"
