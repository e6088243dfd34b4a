"""Moving a single date, and the coordinator's page for "events need approval"."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.activities import actions
from dugnad.activities.models import Event, OrganiserPolicy
from dugnad.activities.recurrence import OSLO

ROLES = ["citizen", "leader", "org_editor", "unit_editor", "coordinator", "site_admin"]
MAY_MOVE = {"leader", "org_editor", "coordinator", "site_admin"}
MAY_SET_POLICY = {"coordinator", "site_admin"}


def _move_url(event, occurrence):
    return reverse("activities:move_occurrence", args=[event.pk, occurrence.pk])


@pytest.mark.parametrize("role", ROLES)
def test_move_single_date_by_role(client, request, role, make_event):
    event = make_event(rule="FREQ=WEEKLY;COUNT=2")
    first, second = event.occurrences.order_by("start")
    client.force_login(request.getfixturevalue(role))
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(
        _move_url(event, first),
        {"day": day.isoformat(), "start_time": "10:00", "end_time": "12:00", "note": "Nytt rom"},
    )
    first.refresh_from_db()
    moved = timezone.localtime(first.start) == datetime.combine(day, time(10), tzinfo=OSLO)
    if role in MAY_MOVE:
        assert response.status_code == 302 and moved and first.note == "Nytt rom"
        assert first.is_moved and first.sequence == 1
        # Only this date moved.
        assert timezone.localtime(second.start).time() == time(18)
        second.refresh_from_db()
        assert timezone.localtime(second.start).time() == time(18)
    else:
        assert response.status_code == 403 and not moved


def test_move_form_shows_errors_and_keeps_values(client, leader, make_event):
    event = make_event()
    occurrence = event.occurrences.get()
    client.force_login(leader)
    page = client.get(_move_url(event, occurrence))
    assert page.status_code == 200 and 'value="18:00"' in page.content.decode()
    response = client.post(
        _move_url(event, occurrence),
        {"day": "2030-01-02", "start_time": "12:00", "end_time": "11:00"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'value="11:00"' in body
    assert "aria-invalid" in body
    response = client.post(_move_url(event, occurrence), {"day": "not a day", "start_time": "x"})
    assert response.status_code == 200
    occurrence.refresh_from_db()
    assert not occurrence.is_moved


def test_move_across_dst_keeps_wall_clock(client, leader, make_event):
    event = make_event()
    occurrence = event.occurrences.get()
    client.force_login(leader)
    # 2027-10-31 is the last Sunday of October: clocks go back in Oslo.
    client.post(
        _move_url(event, occurrence),
        {"day": "2027-10-31", "start_time": "18:00", "end_time": "20:00"},
    )
    occurrence.refresh_from_db()
    # After the change Oslo is UTC+1, so 18:00 local is 17:00 UTC.
    assert occurrence.start == datetime(2027, 10, 31, 17, 0, tzinfo=UTC)
    assert (occurrence.end - occurrence.start) == timedelta(hours=2)


@pytest.mark.parametrize("role", ROLES)
def test_approval_policy_page_by_role(client, request, role, organisation):
    client.force_login(request.getfixturevalue(role))
    url = reverse("activities:approval_policies")
    response = client.post(
        url, {"organisation": organisation.slug, "requires_approval": "on", "reason": "Ny forening"}
    )
    has_policy = OrganiserPolicy.objects.filter(
        organisation=organisation, requires_approval=True
    ).exists()
    if role in MAY_SET_POLICY:
        assert response.status_code == 302 and has_policy
        body = client.get(url).content.decode()
        assert organisation.name in body and "Ny forening" in body
    else:
        assert response.status_code == 403 and not has_policy


def test_policy_holds_new_events_and_can_be_lifted(client, coordinator, organisation, make_event):
    client.force_login(coordinator)
    url = reverse("activities:approval_policies")
    client.post(url, {"organisation": organisation.slug, "requires_approval": "on"})
    assert make_event(title="Venter").status == Event.Status.PENDING
    client.post(url, {"organisation": organisation.slug})
    assert make_event(title="Direkte").status == Event.Status.PUBLISHED
    bad = client.post(url, {"organisation": "finnes-ikke"})
    assert bad.status_code == 200 and "aria-invalid" in bad.content.decode()


def test_policy_page_query_count(client, coordinator, django_assert_max_num_queries):
    from tests.factories import OrganisationFactory

    client.force_login(coordinator)
    url = reverse("activities:approval_policies")
    for org in OrganisationFactory.create_batch(2):
        actions.set_requires_approval(coordinator, org, True)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for org in OrganisationFactory.create_batch(5):
        actions.set_requires_approval(coordinator, org, True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
