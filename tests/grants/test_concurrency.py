"""Under real row locks: a double submission submits once; two handlers cannot overspend."""

import pytest

from dugnad.core.errors import DomainError
from dugnad.grants import actions
from dugnad.grants.models import Application, Decision, WorkflowTransition
from tests.race import race_each

from .conftest import good_data


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_submit_once(leader, draft):
    actions.save_draft(leader, draft, good_data(draft))
    results = race_each(
        [lambda: actions.submit_application(leader, Application.objects.get(pk=draft.pk))] * 4
    )
    assert all(isinstance(r, Application) for r in results), results
    assert len({r.submitted_at for r in results}) == 1
    from dugnad.core.models import ActivityLog

    assert ActivityLog.objects.filter(event="grants.application.submitted").count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_budget_is_not_overspent_in_parallel(
    leader, organisation, scheme, open_round, case_handler
):
    scheme.budgets.update(amount=15_000_00)
    cases = []
    for _ in range(2):
        app = actions.start_application(leader, scheme, organisation, open_round)
        actions.save_draft(leader, app, good_data(app))
        app = actions.submit_application(leader, Application.objects.get(pk=app.pk))
        step = WorkflowTransition.objects.get(
            scheme=scheme, source=app.state, target__kind="review"
        )
        cases.append(actions.take_transition(case_handler, app, step))

    def decide(pk):
        return lambda: actions.decide(
            case_handler,
            Application.objects.get(pk=pk),
            outcome="approved",
            amount=12_500_00,
            justification="Bra",
        )

    results = race_each([decide(c.pk) for c in cases])
    assert sum(isinstance(r, Decision) for r in results) == 1, results
    assert sum(isinstance(r, DomainError) for r in results) == 1, results
    assert Decision.objects.count() == 1
