"""Grants' key figures on fixed data: applications submitted, amounts awarded per scheme by
decisions taken in the period, and the share of due reports received."""

import datetime as dt

import pytest
from django.utils import timezone

from dugnad.grants import figures
from dugnad.grants.models import Application, Decision, GrantReport, GrantScheme, Round
from tests.factories import MunicipalityFactory, OrganisationFactory, UnitFactory

pytestmark = pytest.mark.django_db

OSLO = timezone.get_default_timezone()
YEAR = (dt.date(2025, 1, 1), dt.date(2026, 1, 1))


def at(*args):
    return dt.datetime(*args, tzinfo=OSLO)


def scheme(municipality, unit, name):
    made = GrantScheme.objects.create(
        municipality=municipality, unit=unit, name=name, slug=name.lower(), purpose="-"
    )
    round = Round.objects.create(
        scheme=made,
        name="Vår",
        year=2025,
        opens_at=at(2025, 1, 1),
        deadline=at(2025, 3, 1),
        report_due=dt.date(2025, 11, 1),
    )
    return made, round


def apply(made, round, organisation, submitted, outcome=None, amount=0, decided=None):
    application = Application.objects.create(
        scheme=made,
        round=round,
        organisation=organisation,
        title="Aktivitet",
        org_name=organisation.name,
        amount_requested=amount or 1000_00,
        submitted_at=submitted,
    )
    if outcome:
        Decision.objects.create(
            application=application,
            outcome=outcome,
            amount=amount if outcome != Decision.Outcome.REJECTED else 0,
            justification="-",
            appeal_deadline=dt.date(2025, 4, 1),
            decided_at=decided or at(2025, 3, 20),
        )
    return application


@pytest.fixture
def cases(municipality, unit, organisation):
    activity, spring = scheme(municipality, unit, "Aktivitetstilskudd")
    culture, culture_round = scheme(municipality, unit, "Kulturtilskudd")
    a = apply(activity, spring, organisation, at(2025, 2, 1), Decision.Outcome.APPROVED, 5000_00)
    b = apply(
        activity, spring, organisation, at(2025, 2, 2), Decision.Outcome.PARTLY_APPROVED, 2000_00
    )
    apply(activity, spring, organisation, at(2025, 2, 3), Decision.Outcome.REJECTED)
    apply(culture, culture_round, organisation, at(2025, 2, 4), Decision.Outcome.APPROVED, 3000_00)
    apply(culture, culture_round, organisation, at(2024, 12, 31, 23, 59))  # last year
    apply(  # decided in the new year
        culture, culture_round, organisation, at(2025, 12, 20), Decision.Outcome.APPROVED,
        9000_00, decided=at(2026, 1, 2),
    )  # fmt: skip
    GrantReport.objects.create(application=a, what_was_done="-", amount_used=5000_00, results="-")
    GrantReport.objects.create(application=b, what_was_done="-", amount_used=2000_00, results="-")
    other = MunicipalityFactory(number="3207", name="Nordre Follo")
    elsewhere, other_round = scheme(other, UnitFactory(municipality=other), "Annet")
    apply(
        elsewhere, other_round, OrganisationFactory(municipality=other), at(2025, 2, 1),
        Decision.Outcome.APPROVED, 7000_00,
    )  # fmt: skip


def test_applications_per_scheme(municipality, cases):
    figure = figures.applications(municipality, *YEAR)
    assert figure.value == 5
    assert dict(figure.table) == {"Aktivitetstilskudd": 3, "Kulturtilskudd": 2}


def test_awarded_amount_per_scheme_by_decision_date(municipality, cases):
    figure = figures.awarded(municipality, *YEAR)
    assert figure.value == 10_000_00
    assert dict(figure.table) == {"Aktivitetstilskudd": 7000_00, "Kulturtilskudd": 3000_00}
    assert figure.unit == "ore"


def test_share_of_due_reports_received(municipality, cases):
    figure = figures.reports_received(municipality, *YEAR)
    # Four awards had their report due on 1 November 2025; two reports came.
    assert figure.value == 50.0
    assert [n for _label, n in figure.table] == [4, 2]


def test_no_grants_no_value(municipality):
    for function in (figures.applications, figures.awarded, figures.reports_received):
        assert function(municipality, *YEAR).value is None
