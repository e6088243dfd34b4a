"""Pages and the API: the sub-region permission matrix over every write and read, bad input,
and query counts for the coordinator's list at 36 municipalities and 2,000 nominations."""

import datetime as dt

import pytest
from django.urls import reverse

from dugnad.accounts.models import ApiToken
from dugnad.core.models import Municipality
from dugnad.talent import actions
from dugnad.talent.models import (
    Discipline,
    Membership,
    Nomination,
    Score,
    SubRegion,
    Track,
)
from tests.factories import UserFactory

from .conftest import completed, nomination_data

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "admin", "follo_coordinator", "romerike_coordinator", "teacher", "pupil",
    "guardian", "panelist", "stranger",
]  # fmt: skip


@pytest.fixture
def people(admin, follo_coordinator, romerike_coordinator, teacher, pupil, guardian, panelist):
    return {
        "anonymous": None,
        "admin": admin,
        "follo_coordinator": follo_coordinator,
        "romerike_coordinator": romerike_coordinator,
        "teacher": teacher,
        "pupil": pupil,
        "guardian": guardian,
        "panelist": panelist,
        "stranger": UserFactory(),
    }


@pytest.fixture
def entry(time, call, teacher, guardian):
    """A completed nomination from Ås (Follo)."""
    return completed(call, teacher, guardian)


def as_(client, person):
    if person is not None:
        client.force_login(person)
    return client


def allowed(response) -> bool:
    if response.status_code in (302, 200) and "/konto/login" not in response.get("Location", ""):
        return True
    assert response.status_code in (302, 403, 404), response.status_code
    return False


READS = {
    "nomination": {"admin", "follo_coordinator", "teacher", "pupil", "guardian", "panelist"},
    "nominations": {"admin", "follo_coordinator", "romerike_coordinator"},
    "panel": {"panelist"},
    "ranking": {"admin"},
    "score": {"panelist"},
    "setup": {"admin"},
    "call": {"admin"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(READS))
def test_read_matrix(client, people, entry, call, role, page):
    args = {
        "nomination": [entry.pk], "score": [entry.pk], "nominations": [call.pk],
        "panel": [call.pk], "ranking": [call.pk], "setup": ["ungmusikk"], "call": [call.pk],
    }[page]  # fmt: skip
    response = as_(client, people[role]).get(reverse(f"talent:{page}", args=args))
    assert allowed(response) == (role in READS[page]), (role, page, response.status_code)


WRITES = {
    "decide": {"admin"},
    "conflict": {"panelist"},
    "score": {"panelist"},
    "note": set(),  # not admitted yet: nobody
    "withdraw": {"admin", "teacher", "pupil", "guardian"},
    "add_part": {"admin"},
    "add_role": {"admin"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_write_matrix(client, people, entry, call, role, write):
    as_(client, people[role])
    pk = entry.pk
    if write == "decide":
        url, data = reverse("talent:decide", args=[pk]), {"outcome": "admitted"}
    elif write == "conflict":
        url, data = reverse("talent:conflict", args=[pk]), {"reason": "Nabo"}
    elif write == "score":
        url, data = reverse("talent:score", args=[pk]), {"c0": "4", "c1": "5"}
    elif write == "note":
        url, data = reverse("talent:note", args=[pk]), {"text": "Bra"}
    elif write == "withdraw":
        url, data = reverse("talent:withdraw", args=[pk]), {}
    elif write == "add_part":
        url, data = reverse("talent:add_part", args=["ungmusikk", "fag"]), {"fag-name": "Cello"}
    else:
        url = reverse("talent:add_role", args=["ungmusikk"])
        data = {"role-role": "admin", "role-email": people["stranger"].email}
    client.post(url, data)
    entry.refresh_from_db()
    done = {
        "decide": entry.outcome == "admitted",
        "conflict": entry.conflicts.exists(),
        "score": Score.objects.filter(nomination=entry).exists(),
        "note": entry.notes.exists(),
        "withdraw": entry.withdrawn_at is not None,
        "add_part": Discipline.objects.filter(name="Cello").exists(),
        "add_role": call.programme.admins.filter(user=people["stranger"]).exists(),
    }[write]
    assert done == (role in WRITES[write]), (role, write)


def test_a_coordinator_opening_another_subregions_entry_is_told_why(
    client, time, call, teacher, guardian, romerike_coordinator, follo_coordinator
):
    entry = completed(call, teacher, guardian)
    response = as_(client, romerike_coordinator).get(entry.get_absolute_url())
    assert response.status_code == 403
    assert (
        "another sub-region" in response.content.decode()
        or "annen delregion" in response.content.decode()
    )
    listing = client.get(reverse("talent:nominations", args=[call.pk]))
    assert "Ella Elev" not in listing.content.decode()
    client.force_login(follo_coordinator)
    assert "Ella Elev" in client.get(reverse("talent:nominations", args=[call.pk])).content.decode()
    # Asking for the other sub-region by its id in the filter is a 404, not a leak.
    follo_id = entry.subregion_id
    client.force_login(romerike_coordinator)
    response = client.get(reverse("talent:nominations", args=[call.pk]), {"delregion": follo_id})
    assert response.status_code == 404


def test_a_nomination_from_a_non_member_keeps_what_was_typed(client, time, call, teacher):
    client.force_login(teacher)
    data = nomination_data(call)
    post = {
        "track": data["track"].pk, "discipline": data["discipline"].pk,
        "home_municipality": Municipality.objects.get(number="0301").pk,
        "pupil_name": "Ola Oslo", "birth_date": "2010-05-01", "gender": "boy",
        "pupil_email": "ola@test.example", "guardian_email": "", "teacher_statement": "Flink",
    }  # fmt: skip
    response = client.post(reverse("talent:nominate", args=[call.pk]), post)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ola Oslo" in body and "Flink" in body
    post["home_municipality"] = data["home_municipality"].pk
    response = client.post(reverse("talent:nominate", args=[call.pk]), post)
    assert response.status_code == 200  # under 18 without a guardian's email
    assert (
        "guardian" in response.content.decode().lower() or "foresatt" in response.content.decode()
    )
    assert not Nomination.objects.exists()


def test_the_pupil_completes_in_the_page(client, time, call, teacher, guardian, pupil):
    nomination = actions.nominate(teacher, call, nomination_data(call))
    client.force_login(pupil)
    page = client.get(nomination.get_absolute_url())
    assert page.status_code == 200
    response = client.post(
        reverse("talent:complete", args=[nomination.pk]),
        {"repertoire": "Bach", "q_motivasjon": "Jeg elsker musikk", "send": "1"},
    )
    assert response.status_code == 200  # no consent yet: shown, with the answers kept
    assert "Jeg elsker musikk" in response.content.decode()
    client.force_login(guardian)
    client.post(reverse("talent:consent", args=[nomination.pk]), {"consent": "on"})
    client.force_login(pupil)
    response = client.post(
        reverse("talent:complete", args=[nomination.pk]),
        {"repertoire": "Bach", "q_motivasjon": "Jeg elsker musikk", "send": "1"},
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.submitted_at is not None


def test_public_pages(client, call, follo):
    assert client.get(reverse("talent:index")).status_code == 200
    response = client.get(reverse("talent:programme", args=["ungmusikk"]))
    assert response.status_code == 200 and "Nordre Follo" in response.content.decode()


def _big_region(programme, count_municipalities=36, nominations=2000):
    numbers = list(
        Municipality.objects.exclude(number__in=["3218", "3207", "3205"])
        .order_by("number")
        .values_list("pk", flat=True)[: count_municipalities - 3]
    )
    subregions = list(SubRegion.objects.filter(programme=programme))
    Membership.objects.bulk_create(
        Membership(
            programme=programme, subregion=subregions[i % len(subregions)], municipality_id=m
        )
        for i, m in enumerate(numbers)
    )
    return numbers


def test_coordinators_list_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, call, follo, teacher, follo_coordinator, admin
):
    programme = call.programme
    _big_region(programme)
    memberships = list(Membership.objects.filter(programme=programme))
    assert len(memberships) == 36
    track = Track.objects.get(programme=programme)
    discipline = Discipline.objects.get(programme=programme)
    Nomination.objects.bulk_create(
        Nomination(
            call=call, track=track, discipline=discipline,
            home_municipality_id=memberships[i % 36].municipality_id,
            subregion_id=memberships[i % 36].subregion_id, teacher=teacher,
            pupil_name=f"Elev {i:04d}", birth_date=dt.date(2010, 1, 1), gender="girl",
            guardian_email=f"g{i}@test.example", teacher_statement="x",
        )
        for i in range(2000)
    )  # fmt: skip
    url = reverse("talent:nominations", args=[call.pk])
    for person in (follo_coordinator, admin):
        client.force_login(person)
        with django_assert_max_num_queries(16):
            response = client.get(url)
        assert response.status_code == 200
        with django_assert_max_num_queries(16):
            assert client.get(url, {"page": "3"}).status_code == 200
    client.force_login(follo_coordinator)
    body = client.get(url).content.decode()
    follo_count = Nomination.objects.filter(subregion=follo).count()
    assert f"{follo_count} nominations" in body or f"{follo_count} nominasjoner" in body


def _token(user) -> str:
    from django.utils import timezone

    raw = ApiToken.new_raw_key()
    ApiToken.objects.create(
        user=user, key_hash=ApiToken.hash(raw), prefix=raw[:8],
        expires_at=timezone.now() + dt.timedelta(days=1),
    )  # fmt: skip
    return raw


def test_api_programmes_and_a_coordinators_token(
    client, entry, call, follo_coordinator, romerike_coordinator
):
    listing = client.get("/api/v1/talent/programmes").json()
    assert listing["count"] == 1
    detail = client.get(f"/api/v1/talent/programmes/{listing['items'][0]['id']}").json()
    assert {s["name"] for s in detail["subregions"]} == {"Follo", "Romerike"}
    assert detail["calls"][0]["places"] == 2
    assert client.get("/api/v1/talent/programmes/999999").status_code == 404

    url = f"/api/v1/talent/calls/{call.pk}/nominations"
    assert client.get(url).status_code == 401
    key = _token(follo_coordinator)
    mine = client.get(url, headers={"Authorization": f"Bearer {key}"}).json()
    assert [n["pupil_name"] for n in mine["items"]] == ["Ella Elev"]
    other = _token(romerike_coordinator)
    theirs = client.get(url, headers={"Authorization": f"Bearer {other}"}).json()
    assert theirs["items"] == []
    stranger = _token(UserFactory())
    assert client.get(url, headers={"Authorization": f"Bearer {stranger}"}).status_code == 403
