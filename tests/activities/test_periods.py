"""Week and month views of /kalender/: periods from the query, headings per day, prev/next."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.activities import actions, periods


def test_week_parses_iso_weeks_and_neighbours():
    period, error = periods.week("2026-W48", date(2026, 1, 1))
    assert error is None
    assert (period.first, period.last) == (date(2026, 11, 23), date(2026, 11, 29))
    assert (period.previous, period.next) == ("2026-W47", "2026-W49")
    # The last ISO week of 2026 is 53; the next one is week 1 of 2027.
    assert periods.week("2026-W53", date(2026, 1, 1))[0].next == "2027-W01"


def test_month_parses_and_wraps_the_year():
    period, error = periods.month("2026-12", date(2026, 1, 1))
    assert error is None
    assert (period.first, period.last) == (date(2026, 12, 1), date(2026, 12, 31))
    assert (period.previous, period.next) == ("2026-11", "2027-01")
    assert periods.month("2028-02", date(2026, 1, 1))[0].last == date(2028, 2, 29)


@pytest.mark.parametrize("value", ["2026-W99", "x", "2026-W00", "9999-W52", "0000-W01", "2026"])
def test_bad_week_falls_back_to_this_week(value):
    today = date(2026, 11, 25)
    period, error = periods.week(value, today)
    assert error and period.first == date(2026, 11, 23)


@pytest.mark.parametrize("value", ["2026-13", "2026-00", "9999-12", "des", "2026-W48"])
def test_bad_month_falls_back_to_this_month(value):
    period, error = periods.month(value, date(2026, 11, 25))
    assert error and period.first == date(2026, 11, 1)


def _week_of(day):
    return periods.week(None, day)[0].token


def test_week_view_has_a_heading_per_day_and_applies_filters(client, make_event):
    make_event(title="Breakdance", groups=("youth",), days=1)
    make_event(title="Eventyrstund", groups=("children",), days=1)
    make_event(title="Langt fram", days=40)
    day = timezone.localdate() + timedelta(days=1)
    url = reverse("activities:calendar")
    response = client.get(url, {"view": "week", "week": _week_of(day)})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('<h3 class="ds-heading"') == 7
    assert "Breakdance" in body and "Eventyrstund" in body and "Langt fram" not in body
    body = client.get(
        url, {"view": "week", "week": _week_of(day), "age_group": "youth"}
    ).content.decode()
    assert "Breakdance" in body and "Eventyrstund" not in body
    # Previous/next keep the filters, so the URL stays shareable.
    period = periods.week(_week_of(day), day)[0]
    assert f"age_group=youth&amp;view=week&amp;week={period.next}" in body
    assert f"age_group=youth&amp;view=week&amp;week={period.previous}" in body
    assert 'aria-current="true">Uke<' in body


def test_month_view_puts_events_in_their_day_cells(client, make_event):
    make_event(title="Konsert", days=1, rule="FREQ=WEEKLY;COUNT=2")
    day = timezone.localdate() + timedelta(days=1)
    response = client.get(
        reverse("activities:calendar"), {"view": "month", "month": f"{day:%Y-%m}"}
    )
    body = response.content.decode()
    in_month = [d for d in (day, day + timedelta(days=7)) if d.month == day.month]
    # The grid has no day headings; each date's event is one link in its day's cell.
    assert body.count('<h3 class="ds-heading"') == 0
    assert body.count(" Konsert</a>") == len(in_month)


def test_bad_period_values_show_a_message_not_500(client, make_event):
    make_event()
    for params in ({"view": "week", "week": "2026-W99"}, {"view": "month", "month": "13"}):
        response = client.get(reverse("activities:calendar"), params, follow=True)
        assert response.status_code == 200
        assert "ikke" in response.content.decode()


def test_week_across_dst_keeps_local_times(client, leader, organisation, age_groups):
    # 2027-03-28 is the last Sunday of March: clocks go forward in Oslo.
    schedule = actions.Schedule(
        first_day=date(2027, 3, 27),
        start_time=time(18),
        end_time=time(20),
        rule="FREQ=DAILY;COUNT=2",
    )
    actions.create_event(leader, organisation, {"title": "Sommertid"}, schedule)
    body = client.get(
        reverse("activities:calendar"), {"view": "week", "week": "2027-W12"}
    ).content.decode()
    assert body.count("18:00–20:00") == 2


@pytest.mark.parametrize("view,key", [("week", "week"), ("month", "month")])
def test_period_query_count_does_not_grow(
    client, make_event, django_assert_max_num_queries, view, key
):
    day = timezone.localdate() + timedelta(days=1)
    value = _week_of(day) if view == "week" else f"{day:%Y-%m}"
    params = {"view": view, key: value}
    make_event(capacity=5)
    client.get(reverse("activities:calendar"), params)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("activities:calendar"), params)
    for n in range(6):
        make_event(title=f"Event {n}", capacity=5, rule="FREQ=DAILY;COUNT=3")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("activities:calendar"), params)
