"""Two owners approving the same report at once: one approves, the other is told it is done;
a double-posted status update or report is saved once."""

import datetime as dt

import pytest

from dugnad.core.errors import Conflict
from dugnad.plans import actions
from dugnad.plans.models import AnnualReport, MeasureState, StatusUpdate
from tests.race import errors, race

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_one_of_two_simultaneous_approvals_wins(plan, plan_owner):
    report, _ = actions.generate_report(plan_owner, plan, 2025)
    results = race(lambda _i: actions.approve_report(plan_owner, report), 4)
    assert len(errors(results, Conflict)) == 3
    assert len(errors(results)) == 3
    assert AnnualReport.objects.get().is_approved


def test_a_report_is_made_once_when_asked_for_at_once(plan, plan_owner):
    results = race(lambda _i: actions.generate_report(plan_owner, plan, 2025), 4)
    assert errors(results) == []
    assert AnnualReport.objects.count() == 1
    assert sum(created for _report, created in results) == 1


def test_a_double_posted_update_is_saved_once(measure, library_staff):
    results = race(
        lambda _i: actions.add_update(
            library_staff, measure, date=dt.date(2025, 3, 1), done="Lansert.",
            state=MeasureState.IN_PROGRESS, progress=40,
        ),
        4,
    )  # fmt: skip
    assert errors(results) == []
    assert StatusUpdate.objects.count() == 1
