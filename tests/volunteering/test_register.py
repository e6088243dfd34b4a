"""The coordinator's volunteer register: search with consent respected, each volunteer's
history, hours recorded by the coordinator, certificate expiry, description size."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import DomainError
from dugnad.core.submit import FIELD, new_token
from dugnad.volunteering import actions, queries
from dugnad.volunteering.models import DESCRIPTION_MAX, HoursEntry, VolunteerProfile

from .conftest import make_shift, person

pytestmark = pytest.mark.django_db


def test_register_finds_consenting_and_engaged_volunteers_only(
    client, coordinator, volunteer, other_volunteer, assignment, nordby
):
    shy = person()
    VolunteerProfile.objects.create(user=shy, area=nordby, contactable=False)
    municipality = assignment.organisation.municipality
    found = queries.volunteer_register(municipality)
    assert volunteer in found and shy not in found
    actions.express_interest(shy, assignment)  # engaging with an assignment is consent
    assert shy in queries.volunteer_register(municipality)
    client.force_login(coordinator)
    page = client.get(reverse("volunteering:register"), {"q": volunteer.last_name})
    assert page.status_code == 200
    assert reverse("volunteering:volunteer", args=[volunteer.pk]) in page.content.decode()


def test_coordinator_records_hours_from_the_volunteer_page(
    client, coordinator, volunteer, assignment, leader
):
    interest = actions.express_interest(volunteer, assignment)
    actions.answer_interest(leader, interest, accept=True)
    client.force_login(coordinator)
    url = reverse("volunteering:volunteer", args=[volunteer.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is not None
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    data = {"assignment": assignment.pk, "date": yesterday, "hours": "2,5", "note": "Rigging"}
    response = client.post(url, {**data, FIELD: new_token()})
    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert entry.minutes == 150 and entry.status == HoursEntry.Status.APPROVED
    assert entry.decided_by == coordinator
    history = client.get(url).context["history"]
    assert history["hours_total"] == 2.5


def test_hours_only_for_volunteers_taken_on(coordinator, other_volunteer, assignment):
    with pytest.raises(DomainError):
        actions.record_hours_for(coordinator, other_volunteer, assignment, timezone.localdate(), 60)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("citizen", False), ("volunteer_contact", False), ("leader", True), ("coordinator", True)],
)
def test_permission_matrix_for_recording_hours(
    request, client, volunteer, assignment, leader, role, allowed
):
    interest = actions.express_interest(volunteer, assignment)
    actions.answer_interest(leader, interest, accept=True)
    client.force_login(request.getfixturevalue(role))
    today = timezone.localdate().isoformat()
    client.post(
        reverse("volunteering:volunteer", args=[volunteer.pk]),
        {"assignment": assignment.pk, "date": today, "hours": "1"},
    )
    assert HoursEntry.objects.exists() is allowed
    status = client.get(reverse("volunteering:register")).status_code
    assert status == (200 if role == "coordinator" else 403)


def test_an_expired_certificate_is_recorded_with_a_warning_and_never_counts(
    client, coordinator, volunteer, assignment
):
    actions.express_interest(volunteer, assignment)
    assignment.requires_police_certificate = True
    assignment.save()
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteering:certificate", args=[assignment.pk]),
        {"volunteer": volunteer.pk, "role": "Vert", "shown_on": "2012-03-01", FIELD: new_token()},
        follow=True,
    )
    [record] = volunteer.police_certificates.all()
    assert record.shown_on == dt.date(2012, 3, 1)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and str(record.expires_on.year) in warnings[0]
    assert queries.certificate_status([record]) == "expired"
    assert not queries.has_valid_certificate(volunteer, assignment, timezone.localdate())
    register = client.get(reverse("volunteering:register")).content.decode()
    assert 'data-color="danger">Utløpt<' in register or 'data-color="danger">Expired<' in register


def test_a_certificate_expiring_within_30_days_warns(coordinator, volunteer, assignment, settings):
    actions.express_interest(volunteer, assignment)
    today = timezone.localdate()
    days = settings.VOLUNTEERING_CERTIFICATE_VALID_DAYS
    soon = actions.record_certificate(
        coordinator, assignment, volunteer, "Vert", today - dt.timedelta(days=days - 10)
    )
    assert queries.certificate_status([soon]) == "expiring"
    assert "30" in queries.certificate_warning(soon)
    fresh = actions.record_certificate(coordinator, assignment, volunteer, "Vert", today)
    assert queries.certificate_warning(fresh) == ""
    assert queries.certificate_status([fresh]) == "valid"


def test_a_description_over_the_limit_is_refused(leader, organisation):
    data = {
        "title": "Stor",
        "description": "x" * (DESCRIPTION_MAX + 1),
        "kind": "one_off",
        "people_needed": 1,
    }
    with pytest.raises(DomainError):
        actions.create_assignment(leader, organisation, data)


def test_shift_dates_show_the_year(client, assignment, leader):
    shift = make_shift(assignment, days=3)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert str(timezone.localtime(shift.starts_at).year) in page
