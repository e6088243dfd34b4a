"""The coordinators' hours page: totals per organisation, unit and person, and CSV."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.volunteering import actions
from dugnad.volunteering.models import HoursEntry

from .conftest import make_shift, person

pytestmark = pytest.mark.django_db


def approved(volunteer, assignment, minutes, leader):
    if not assignment.shifts.filter(signups__volunteer=volunteer).exists():
        actions.sign_up(volunteer, make_shift(assignment, days=30 + HoursEntry.objects.count()))
    entry = actions.log_hours(volunteer, assignment, timezone.localdate(), minutes)
    entry.status = HoursEntry.Status.APPROVED
    entry.save()
    return entry


@pytest.fixture
def hours(assignment, unit_assignment, volunteer, leader, coordinator, settings):
    settings.VOLUNTEERING_HOURLY_VALUE_ORE = 60_000
    approved(volunteer, assignment, 120, leader)
    approved(volunteer, unit_assignment, 60, leader)
    anonymous = approved(person(), assignment, 30, leader)
    HoursEntry.objects.filter(pk=anonymous.pk).update(volunteer=None)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("citizen", 403),
        ("volunteer", 403),
        ("leader", 403),
        ("volunteer_contact", 403),
        ("coordinator", 200),
    ],
)
def test_hours_report_permission(client, request, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("volunteering:hours_report")).status_code == status
    csv = client.get(reverse("volunteering:hours_report"), {"format": "csv"})
    assert csv.status_code == status


def test_hours_report_totals(client, coordinator, hours, organisation, moertunet, volunteer):
    client.force_login(coordinator)
    response = client.get(reverse("volunteering:hours_report"))
    ctx = response.context
    assert [(r["key"], r["hours"]) for r in ctx["organisations"]] == [(organisation.name, 2.5)]
    assert [(r["key"], r["hours"]) for r in ctx["units"]] == [(moertunet.name, 1.0)]
    persons = {r["key"]: r["hours"] for r in ctx["persons"]}
    assert persons[None] == 0.5 and persons[volunteer.get_full_name()] == 3.0
    assert ctx["total_hours"] == 3.5 and ctx["total_value_ore"] == 210_000


def test_hours_report_csv(client, coordinator, hours, organisation):
    client.force_login(coordinator)
    response = client.get(reverse("volunteering:hours_report"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert f"{organisation.name};2,5;1500,00" in text


def test_hours_report_bad_year_falls_back(client, coordinator, hours):
    client.force_login(coordinator)
    for year in ("tull", "1850", "99999"):
        response = client.get(reverse("volunteering:hours_report"), {"year": year})
        assert response.status_code == 200
        assert response.context["year"] == timezone.localdate().year
    response = client.get(reverse("volunteering:hours_report"), {"year": "2001"})
    assert response.context["persons"] == []


def test_hours_report_query_count_does_not_grow(
    client, coordinator, assignment, leader, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("volunteering:hours_report"))
    for _n in range(5):
        approved(person(), assignment, 60, leader)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("volunteering:hours_report"))


def test_logging_hours_for_a_shift(client, assignment, volunteer, unit_assignment):
    shift = make_shift(assignment, days=2)
    actions.sign_up(volunteer, shift)
    other = make_shift(unit_assignment, days=1, hour=9)
    HoursEntry.objects.all().delete()
    # The shifts have started by the time hours are logged.
    start = timezone.now() - timezone.timedelta(days=1)
    type(shift).objects.filter(pk__in=[shift.pk, other.pk]).update(
        starts_at=start, ends_at=start + timezone.timedelta(hours=2)
    )
    client.force_login(volunteer)
    html = client.get(reverse("volunteering:mine")).content.decode()
    assert f'<option value="{shift.pk}">' in html and f'value="{other.pk}"' not in html
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("volunteering:mine"),
        {"assignment": unit_assignment.pk, "shift": shift.pk, "date": today, "hours": "2"},
    )
    assert response.status_code == 200 and not HoursEntry.objects.exists()
    client.post(
        reverse("volunteering:mine"),
        {"assignment": assignment.pk, "shift": shift.pk, "date": today, "hours": "2"},
    )
    assert HoursEntry.objects.get().shift == shift
