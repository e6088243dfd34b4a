"""The calendar's key figures on fixed data: published events with a date in the period,
confirmed sign-ups, and their reach per age group and per area."""

import datetime as dt

import pytest
from django.utils import timezone

from dugnad.activities import figures
from dugnad.activities.models import Event, Occurrence, SignUp
from dugnad.core.models import AgeGroup
from tests.factories import AreaFactory, MunicipalityFactory, UnitFactory

pytestmark = pytest.mark.django_db

OSLO = timezone.get_default_timezone()
YEAR = (dt.date(2025, 1, 1), dt.date(2026, 1, 1))


def at(*args):
    return dt.datetime(*args, tzinfo=OSLO)


def event(municipality, title, starts, groups=(), area=None, status=Event.Status.PUBLISHED, **kw):
    made = Event.objects.create(
        municipality=municipality,
        unit=UnitFactory(municipality=municipality, name=f"Kulturhuset {municipality.number}"),
        title=title,
        status=status,
        area=area,
        category="music",
        **kw,
    )
    made.age_groups.set(AgeGroup.objects.filter(code__in=groups))
    occurrences = []
    for start in starts:
        occurrences.append(
            Occurrence.objects.create(
                event=made, start=start, end=start + dt.timedelta(hours=2), original_start=start
            )
        )
    return made, occurrences


def sign_up(occurrence, n, status=SignUp.Status.CONFIRMED):
    for index in range(n):
        SignUp.objects.create(occurrence=occurrence, participant_name=f"P{index}", status=status)


@pytest.fixture
def calendar(municipality):
    nordby = AreaFactory(municipality=municipality, name="Nordby", slug="nordby")
    _concert, (spring, autumn) = event(
        municipality, "Konsert", [at(2025, 3, 1, 18), at(2025, 10, 1, 18)],
        groups=["children", "youth"], area=nordby,
    )  # fmt: skip
    sign_up(spring, 3)
    sign_up(autumn, 2)
    sign_up(autumn, 4, SignUp.Status.WAITING)
    sign_up(autumn, 1, SignUp.Status.CANCELLED)
    _talk, (talk,) = event(municipality, "Foredrag", [at(2025, 12, 31, 23, 30)], ["elderly"])
    sign_up(talk, 1)
    _new_year, (new_year,) = event(municipality, "Nyttår", [at(2026, 1, 1, 0, 30)], ["adults"])
    sign_up(new_year, 5)
    _cancelled, (cancelled,) = event(municipality, "Avlyst", [at(2025, 5, 1, 18)], ["adults"])
    Occurrence.objects.filter(pk=cancelled.pk).update(status=Occurrence.Status.CANCELLED)
    sign_up(cancelled, 5)
    event(municipality, "Ikke godkjent", [at(2025, 5, 2, 18)], status=Event.Status.PENDING)
    other = MunicipalityFactory(number="3207", name="Nordre Follo")
    _elsewhere, (elsewhere,) = event(other, "Annet", [at(2025, 5, 1, 18)], ["children"])
    sign_up(elsewhere, 7)


def test_events_count_a_series_once(municipality, calendar):
    figure = figures.events(municipality, *YEAR)
    assert figure.value == 2  # the concert (two dates) and the talk on New Year's Eve


def test_signups_are_the_confirmed_ones(municipality, calendar):
    assert figures.signups(municipality, *YEAR).value == 6  # 3 + 2 + 1


def test_reach_per_age_group_counts_an_event_in_each_of_its_groups(municipality, calendar):
    figure = figures.reach_per_age_group(municipality, *YEAR)
    table = dict(figure.table)
    assert table[str(AgeGroup.objects.get(code="children"))] == 5
    assert table[str(AgeGroup.objects.get(code="youth"))] == 5
    assert table[str(AgeGroup.objects.get(code="elderly"))] == 1
    assert table[str(AgeGroup.objects.get(code="adults"))] == 0
    assert figure.value == 11


def test_reach_per_area(municipality, calendar):
    figure = figures.reach_per_area(municipality, *YEAR)
    table = dict(figure.table)
    assert table["Nordby"] == 5
    assert sum(table.values()) == 6 == figure.value


def test_an_empty_year(municipality):
    next_year = (dt.date(2027, 1, 1), dt.date(2028, 1, 1))
    for function in (figures.events, figures.signups, figures.reach_per_area):
        assert function(municipality, *next_year).value is None
    assert figures.reach_per_age_group(municipality, *next_year).value is None
