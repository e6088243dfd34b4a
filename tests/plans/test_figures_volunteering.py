"""Volunteering's key figures on fixed data: approved hours only, dated in the period, of this
municipality's assignments, including the hours of a person who has since been deleted."""

import datetime as dt

import pytest
from django.utils import timezone

from dugnad.volunteering import figures
from dugnad.volunteering.models import Assignment, HoursEntry, Interest, VolunteerProfile
from tests.factories import AreaFactory, MunicipalityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2025, 1, 1), dt.date(2026, 1, 1))
OSLO = timezone.get_default_timezone()


def at(*args):
    return dt.datetime(*args, tzinfo=OSLO)


@pytest.fixture
def assignment(organisation):
    return Assignment.objects.create(organisation=organisation, title="Turvenn", description="-")


@pytest.fixture
def other_assignment(db):
    other = MunicipalityFactory(number="3207", name="Nordre Follo")
    return Assignment.objects.create(
        organisation=OrganisationFactory(municipality=other), title="Annet", description="-"
    )


def hours(assignment, volunteer, date, minutes, status=HoursEntry.Status.APPROVED):
    return HoursEntry.objects.create(
        assignment=assignment, volunteer=volunteer, date=date, minutes=minutes, status=status
    )


@pytest.fixture
def logged(assignment, other_assignment):
    anna, per, gone = UserFactory(), UserFactory(), UserFactory()
    hours(assignment, anna, dt.date(2025, 1, 1), 90)  # first day: in
    hours(assignment, anna, dt.date(2025, 3, 15), 60)
    hours(assignment, per, dt.date(2025, 12, 31), 30)  # last day: in
    hours(assignment, gone, dt.date(2025, 3, 20), 120)
    hours(assignment, per, dt.date(2024, 12, 31), 600)  # the year before
    hours(assignment, per, dt.date(2026, 1, 1), 600)  # the year after
    hours(assignment, anna, dt.date(2025, 5, 1), 240, HoursEntry.Status.PENDING)
    hours(assignment, anna, dt.date(2025, 5, 2), 240, HoursEntry.Status.REJECTED)
    hours(other_assignment, anna, dt.date(2025, 6, 1), 480)  # another municipality
    gone.delete()  # the hours stay, without the person
    return {"anna": anna, "per": per}


def test_approved_hours_count_a_deleted_persons_hours_and_split_per_month(municipality, logged):
    assert HoursEntry.objects.filter(volunteer__isnull=True).count() == 1
    figure = figures.approved_hours(municipality, *YEAR)
    assert figure.key == "volunteering.hours"
    assert figure.value == 5.0  # 90 + 60 + 30 + 120 minutes
    assert figure.unit == "hours"
    table = dict(figure.table)
    assert len(table) == 12
    assert table["2025-01"] == 1.5 and table["2025-03"] == 3.0 and table["2025-12"] == 0.5
    assert table["2025-05"] == 0
    assert figure.definition


def test_hours_value_uses_the_configured_hourly_rate(municipality, logged, settings):
    settings.VOLUNTEERING_HOURLY_VALUE_ORE = 60_000
    figure = figures.hours_value(municipality, *YEAR)
    assert figure.value == 300 * 60_000 // 60 == 300_000  # 5 hours at 600 kr
    assert figure.unit == "ore"
    assert "600" in figure.definition


def test_active_volunteers_are_the_people_with_approved_hours(municipality, logged):
    assert figures.volunteers_active(municipality, *YEAR).value == 2  # anna and per


def test_a_period_without_data_has_no_value(municipality, assignment):
    for function in (
        figures.approved_hours,
        figures.hours_value,
        figures.volunteers_active,
        figures.new_volunteers,
        figures.interests_answered,
        figures.median_answer_days,
    ):
        assert function(municipality, *YEAR).value is None, function.__name__


def test_four_month_period(municipality, logged):
    figure = figures.approved_hours(municipality, dt.date(2025, 1, 1), dt.date(2025, 5, 1))
    assert figure.value == 4.5
    assert [label for label, _ in figure.table] == ["2025-01", "2025-02", "2025-03", "2025-04"]


def test_new_volunteers_live_here_or_offered_help_here(municipality, assignment, other_assignment):
    area = AreaFactory(municipality=municipality)
    here = VolunteerProfile.objects.create(user=UserFactory(), area=area)
    helped = VolunteerProfile.objects.create(user=UserFactory())
    Interest.objects.create(assignment=assignment, volunteer=helped.user)
    Interest.objects.create(assignment=other_assignment, volunteer=helped.user)
    elsewhere = VolunteerProfile.objects.create(user=UserFactory())
    Interest.objects.create(assignment=other_assignment, volunteer=elsewhere.user)
    last_year = VolunteerProfile.objects.create(user=UserFactory(), area=area)
    VolunteerProfile.objects.filter(pk__in=[here.pk, helped.pk, elsewhere.pk]).update(
        created_at=at(2025, 6, 1, 12)
    )
    VolunteerProfile.objects.filter(pk=last_year.pk).update(created_at=at(2024, 12, 31, 23, 30))
    assert figures.new_volunteers(municipality, *YEAR).value == 2


def test_interests_answered_and_the_median_answer_time(municipality, assignment):
    waits = [1, 2, 10]  # days
    for index, days in enumerate(waits):
        sent = at(2025, 2, 1, 12)
        Interest.objects.create(
            assignment=assignment,
            volunteer=UserFactory(),
            created_at=sent,
            answered_at=sent + dt.timedelta(days=days),
            status=Interest.Status.ACCEPTED if index else Interest.Status.DECLINED,
        )
    Interest.objects.create(assignment=assignment, volunteer=UserFactory())  # unanswered
    answered = figures.interests_answered(municipality, *YEAR)
    assert answered.value == 3
    assert [n for _label, n in answered.table] == [2, 1]
    assert figures.median_answer_days(municipality, *YEAR).value == 2.0


def test_an_answer_at_new_year_counts_in_the_year_it_was_given(municipality, assignment):
    Interest.objects.create(
        assignment=assignment,
        volunteer=UserFactory(),
        created_at=at(2025, 12, 30, 10),
        answered_at=at(2026, 1, 1, 0, 30),  # half past midnight in Oslo: 2026
        status=Interest.Status.ACCEPTED,
    )
    assert figures.interests_answered(municipality, *YEAR).value is None
    next_year = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    assert figures.interests_answered(municipality, *next_year).value == 1
