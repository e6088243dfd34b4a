"""Shifts created as a series: previewed, then created; past dates, more than 100 shifts and
an end before the start refused with what to change; a second sending creates nothing twice;
only the assignment's organisers and the coordinators may."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import DomainError
from dugnad.core.submit import FIELD, new_token
from dugnad.volunteering import shift_series
from dugnad.volunteering.models import Shift

pytestmark = pytest.mark.django_db


def _data(first, last, **extra):
    return {
        "first_date": first.isoformat(),
        "last_date": last.isoformat(),
        "repeat": "weekly",
        "start": "18:00",
        "end": "20:00",
        "needed": "3",
        **extra,
    }


def _url(assignment):
    return reverse("volunteering:shift_series", args=[assignment.pk])


def test_weekly_series_keeps_the_wall_clock_across_summer_time():
    # 2030-03-31 is the last Sunday of March: Oslo moves from UTC+1 to UTC+2.
    times = shift_series.series_times(
        dt.date(2030, 3, 24), dt.date(2030, 4, 7), "weekly", dt.time(18), dt.time(20)
    )
    assert [timezone.localtime(start).hour for start, _end in times] == [18, 18, 18]
    assert [start.utcoffset() != times[0][0].utcoffset() for start, _e in times] == [
        False, True, True,
    ]  # fmt: skip


def test_refusals_say_what_to_change():
    today = timezone.localdate()
    with pytest.raises(DomainError) as past:
        shift_series.series_times(
            today - dt.timedelta(days=7), today, "weekly", dt.time(18), dt.time(20)
        )
    assert past.value.field == "first_date"
    with pytest.raises(DomainError) as many:
        shift_series.series_times(
            today + dt.timedelta(days=1), today + dt.timedelta(days=101), "daily",
            dt.time(18), dt.time(20),
        )  # fmt: skip
    assert "101" in str(many.value.message) and many.value.field == "last_date"
    assert (
        len(
            shift_series.series_times(
                today + dt.timedelta(days=1),
                today + dt.timedelta(days=100),
                "daily",
                dt.time(18),
                dt.time(20),
            )
        )
        == 100
    )
    with pytest.raises(DomainError) as backwards:
        shift_series.series_times(
            today + dt.timedelta(days=1), today + dt.timedelta(days=8), "weekly",
            dt.time(20), dt.time(18),
        )  # fmt: skip
    assert backwards.value.field == "end"


def test_preview_then_create_then_a_second_sending_creates_nothing(client, leader, assignment):
    client.force_login(leader)
    first = timezone.localdate() + dt.timedelta(days=2)
    data = _data(first, first + dt.timedelta(weeks=3))
    preview = client.post(_url(assignment), {**data, FIELD: new_token()})
    assert preview.status_code == 200 and len(preview.context["times"]) == 4
    assert not Shift.objects.filter(assignment=assignment).exists()
    page = preview.content.decode()
    assert str(first.year) in page and 'name="confirm"' in page
    confirm = {**data, "confirm": "1", "previewed": preview.context["previewed"]}
    token = new_token()
    created = client.post(_url(assignment), {**confirm, FIELD: token})
    assert created.status_code == 302
    shifts = Shift.objects.filter(assignment=assignment).order_by("starts_at")
    assert shifts.count() == 4 and {s.needed for s in shifts} == {3}
    assert client.post(_url(assignment), {**confirm, FIELD: token}).status_code == 302
    # The same series sent again from a fresh page: the shifts are there already.
    again = client.post(_url(assignment), {**confirm, FIELD: new_token()}, follow=True)
    assert Shift.objects.filter(assignment=assignment).count() == 4
    assert any("4" in str(m) for m in again.context["messages"])


def test_create_without_the_preview_of_these_dates_only_previews(client, leader, assignment):
    client.force_login(leader)
    first = timezone.localdate() + dt.timedelta(days=2)
    data = _data(first, first + dt.timedelta(weeks=2), confirm="1", previewed="something else")
    response = client.post(_url(assignment), {**data, FIELD: new_token()})
    assert response.status_code == 200 and len(response.context["times"]) == 3
    assert not Shift.objects.filter(assignment=assignment).exists()


def test_errors_keep_what_was_typed(client, leader, assignment):
    client.force_login(leader)
    # A last date before the first: refused whatever the time of day.
    first = timezone.localdate() + dt.timedelta(days=10)
    last = first - dt.timedelta(days=3)
    response = client.post(_url(assignment), {**_data(first, last), FIELD: new_token()})
    assert response.status_code == 400
    page = response.content.decode()
    assert last.isoformat() in page and first.isoformat() in page and 'value="18:00"' in page
    assert not Shift.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("volunteer", False), ("other_volunteer", False), ("leader", True), ("coordinator", True)],
)
def test_permission_matrix_for_shift_series(request, client, assignment, role, allowed):
    client.force_login(request.getfixturevalue(role))
    first = timezone.localdate() + dt.timedelta(days=2)
    data = _data(first, first + dt.timedelta(weeks=1))
    assert client.get(_url(assignment)).status_code == (200 if allowed else 403)
    preview = client.post(_url(assignment), data)
    assert preview.status_code == (200 if allowed else 403)
    key = preview.context["previewed"] if allowed else ""
    response = client.post(_url(assignment), {**data, "confirm": "1", "previewed": key})
    assert response.status_code == (302 if allowed else 403)
    assert Shift.objects.filter(assignment=assignment).exists() is allowed


def test_series_page_query_count(client, leader, assignment, django_assert_max_num_queries):
    client.force_login(leader)
    first = timezone.localdate() + dt.timedelta(days=1)
    with django_assert_max_num_queries(15):
        response = client.post(_url(assignment), _data(first, first + dt.timedelta(days=99)))
    assert response.status_code == 200 and len(response.context["times"]) == 15
