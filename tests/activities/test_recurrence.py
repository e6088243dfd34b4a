from datetime import UTC, date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dugnad.activities.recurrence import MAX_OCCURRENCES, OSLO, expand
from dugnad.core.errors import DomainError


def test_weekly_keeps_wall_clock_time_across_spring_dst():
    # 2026-03-29 is the last Sunday of March: clocks go forward.
    pairs = expand(date(2026, 3, 23), time(18), timedelta(hours=2), "FREQ=WEEKLY;COUNT=3")
    starts = [start for start, _ in pairs]
    assert [s.astimezone(OSLO).hour for s in starts] == [18, 18, 18]
    assert [s.utcoffset() for s in starts] == [
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=2),
    ]
    assert starts[1].astimezone(UTC) - starts[0].astimezone(UTC) == timedelta(days=7, hours=-1)


def test_weekly_keeps_wall_clock_time_across_autumn_dst():
    # 2026-10-25 is the last Sunday of October: clocks go back.
    pairs = expand(date(2026, 10, 24), time(10), timedelta(hours=1), "FREQ=DAILY;COUNT=2")
    (s1, _e1), (s2, e2) = pairs
    assert s1.utcoffset() == timedelta(hours=2) and s2.utcoffset() == timedelta(hours=1)
    assert s2.astimezone(OSLO).hour == 10
    assert e2 - s2 == timedelta(hours=1)


def test_event_over_the_autumn_change_night_lasts_one_wall_clock_span():
    pairs = expand(date(2026, 10, 24), time(22), timedelta(hours=6))
    ((_start, end),) = pairs
    assert end.astimezone(OSLO).hour == 4
    assert end.date() == date(2026, 10, 25)


def test_second_tuesday_of_the_month():
    pairs = expand(date(2026, 1, 1), time(19), timedelta(hours=2), "FREQ=MONTHLY;BYDAY=2TU;COUNT=4")
    assert [s.date() for s, _ in pairs] == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 14),
    ]


def test_every_other_week_with_exception_and_extra_date():
    pairs = expand(
        date(2026, 9, 1),
        time(17),
        timedelta(hours=1),
        "FREQ=WEEKLY;INTERVAL=2;COUNT=3",
        extra_dates=[date(2026, 9, 5)],
        exceptions=[date(2026, 9, 15)],
    )
    assert [s.date() for s, _ in pairs] == [date(2026, 9, 1), date(2026, 9, 5), date(2026, 9, 29)]


def test_open_ended_rule_is_cut_at_a_year():
    pairs = expand(date(2026, 1, 5), time(18), timedelta(hours=1), "FREQ=WEEKLY")
    assert 52 <= len(pairs) <= 53


@pytest.mark.parametrize(
    ("rule", "kwargs", "code"),
    [
        ("FREQ=WEEKLY;COUNT=1", {"exceptions": [date(2026, 1, 5)]}, "no_occurrences"),
        ("FREQ=DAILY;COUNT=5000", {}, "too_many_occurrences"),
        ("FREQ=DAILY", {"until": date(2030, 1, 1)}, "too_many_occurrences"),
        ("FREQ=MINUTELY;COUNT=3", {}, "invalid_rule"),
        ("FREQ=SOMETIMES", {}, "invalid_rule"),
        ("nonsense", {}, "invalid_rule"),
    ],
)
def test_unusable_rules_are_refused_with_a_code(rule, kwargs, code):
    with pytest.raises(DomainError) as error:
        expand(date(2026, 1, 5), time(18), timedelta(hours=1), rule, **kwargs)
    assert error.value.code == code


def test_end_before_start_is_refused():
    with pytest.raises(DomainError) as error:
        expand(date(2026, 1, 5), time(18), timedelta(hours=-1))
    assert error.value.code == "end_before_start"


@settings(max_examples=40, deadline=None)
@given(
    first=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    hour=st.integers(min_value=0, max_value=22),
    count=st.integers(min_value=1, max_value=60),
    interval=st.integers(min_value=1, max_value=4),
)
def test_weekly_rules_keep_local_time_and_order(first, hour, count, interval):
    pairs = expand(
        first, time(hour), timedelta(hours=1), f"FREQ=WEEKLY;INTERVAL={interval};COUNT={count}"
    )
    assert 1 <= len(pairs) <= MAX_OCCURRENCES
    starts = [s for s, _ in pairs]
    assert starts == sorted(starts)
    for start, end in pairs:
        # 02:xx on the spring-forward night does not exist; zoneinfo shifts it, all else is kept.
        assert start.astimezone(OSLO).hour == hour or hour == 2
        assert end > start
