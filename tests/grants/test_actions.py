"""Applying, drafts, submission, case handling, decisions and reports."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.grants import actions, queries
from dugnad.grants.models import (
    Application,
    Decision,
    GrantReport,
    GrantScheme,
    Round,
    StateKind,
    WorkflowTransition,
)

from .conftest import GOOD_ACCOUNT, good_data, oslo

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def step(application, kind):
    return WorkflowTransition.objects.get(
        scheme=application.scheme, source=application.state, target__kind=kind
    )


def test_new_scheme_gets_default_workflow(municipality, unit):
    scheme = GrantScheme.objects.create(
        municipality=municipality, unit=unit, name="Ny", slug="ny", purpose="x"
    )
    kinds = set(scheme.states.values_list("kind", flat=True))
    assert kinds == set(StateKind.values)
    assert scheme.transitions.filter(source__kind="received", target__kind="review").exists()


def test_start_fills_in_from_directory(draft, organisation, leader):
    assert draft.org_name == organisation.name
    assert draft.org_number == organisation.org_number
    assert draft.contact_email == leader.email
    assert draft.is_draft and draft.state is None


def test_start_refused_for_other_organisation(other_leader, organisation, scheme, open_round):
    with pytest.raises(NotAllowed):
        actions.start_application(other_leader, scheme, organisation, open_round)


def test_copy_from_previous_application(submitted, leader, organisation, scheme, open_round):
    copy = actions.start_application(leader, scheme, organisation, open_round, copy_from=submitted)
    assert copy.title == submitted.title
    assert copy.bank_account == GOOD_ACCOUNT
    assert copy.answers["beskrivelse"] == submitted.answers["beskrivelse"]
    assert copy.is_draft and copy.pk != submitted.pk


def test_draft_keeps_even_bad_input(draft, leader):
    form = actions.save_draft(leader, draft, good_data(draft, f_belop="-3", bank_account="123"))
    draft.refresh_from_db()
    assert draft.answers["belop"] == "-3"
    assert draft.bank_account == "123"
    assert draft.version == 2
    assert {"f_belop", "bank_account"} <= set(form.errors)


def test_stale_version_is_refused(draft, leader):
    first_tab = good_data(draft, title="Fra fane 1")
    second_tab = good_data(draft, title="Fra fane 2")
    actions.save_draft(leader, draft, first_tab)
    with pytest.raises(Conflict) as error:
        actions.save_draft(leader, draft, second_tab)
    assert error.value.code == "stale_version"
    draft.refresh_from_db()
    assert draft.title == "Fra fane 1"


def test_draft_upload_is_stored_privately(draft, leader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("budsjett.pdf", PDF, content_type="application/pdf")
    actions.save_draft(leader, draft, good_data(draft), {"f_budsjett": upload})
    attachment = draft.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "budsjett.pdf"
    assert str(tmp_path / "grants-private") in attachment.file.path
    assert "budsjett" not in attachment.file.name  # no guessable path


def test_submit_sends_receipt_and_sets_state(filled, leader, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application = actions.submit_application(leader, filled)
    assert application.state.kind == StateKind.RECEIVED
    assert application.amount_requested == 12_500_00
    assert len(mail.outbox) == 1
    assert application.reference in mail.outbox[0].subject


def test_submit_is_idempotent(filled, leader, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.submit_application(leader, filled)
        second = actions.submit_application(leader, Application.objects.get(pk=filled.pk))
    assert first.submitted_at == second.submitted_at
    assert len(mail.outbox) == 1
    assert ActivityLog.objects.filter(event="grants.application.submitted").count() == 1


def test_submit_reports_every_problem(draft, leader):
    actions.save_draft(leader, draft, {"version": "1", "f_belop": "-1"})
    draft.refresh_from_db()
    with pytest.raises(actions.Incomplete) as error:
        actions.submit_application(leader, draft)
    assert {"title", "bank_account", "f_beskrivelse", "f_belop", "f_apent"} <= set(
        error.value.form.errors
    )
    draft.refresh_from_db()
    assert draft.is_draft and draft.answers["belop"] == "-1"


def _round_closing_at(scheme, deadline):
    return Round.objects.create(
        scheme=scheme,
        name="Høst",
        year=deadline.year,
        opens_at=deadline - timedelta(days=30),
        deadline=deadline,
        report_due=date(deadline.year + 1, 1, 31),
    )


@pytest.mark.parametrize(
    ("now", "accepted"),
    [
        (oslo(2026, 3, 15, 23, 59, 59), True),
        (oslo(2026, 3, 16, 0, 0, 0), False),
        (oslo(2026, 3, 16, 0, 30, 0), False),
    ],
)
def test_deadline_at_midnight_oslo(scheme, organisation, leader, now, accepted):
    # Deadline 15 March at 24:00 Oslo time = 22:59:59 UTC is still in, 23:00 UTC is out.
    deadline = oslo(2026, 3, 16, 0, 0)
    round = _round_closing_at(scheme, deadline)
    with time_machine.travel(now - timedelta(days=1), tick=False):
        draft = actions.start_application(leader, scheme, organisation, round)
        actions.save_draft(leader, draft, good_data(draft))
    draft.refresh_from_db()
    if accepted:
        assert not actions.submit_application(leader, draft, now=now).is_draft
    else:
        with pytest.raises(DomainError) as error:
            actions.submit_application(leader, draft, now=now)
        assert error.value.code == "deadline_passed"
        assert "15." in str(error.value.message) or "16." in str(error.value.message)


def test_deadline_across_dst_change(scheme, organisation, leader):
    # Summer time starts 29 March 2026 at 02:00; a 03:30 deadline is 01:30 UTC.
    deadline = oslo(2026, 3, 29, 3, 30)
    round = _round_closing_at(scheme, deadline)
    with time_machine.travel(oslo(2026, 3, 28, 12, 0), tick=False):
        draft = actions.start_application(leader, scheme, organisation, round)
        actions.save_draft(leader, draft, good_data(draft))
    draft.refresh_from_db()
    with pytest.raises(DomainError):
        actions.submit_application(leader, draft, now=oslo(2026, 3, 29, 3, 30))
    assert not actions.submit_application(leader, draft, now=oslo(2026, 3, 29, 3, 29)).is_draft


def test_submitted_application_is_locked(submitted, leader):
    with pytest.raises(NotAllowed):
        actions.save_draft(leader, submitted, good_data(submitted))


def test_workflow_transition_and_roles(submitted, case_handler, unit_viewer):
    review = step(submitted, "review")
    with pytest.raises(NotAllowed):
        actions.take_transition(unit_viewer, submitted, review)
    actions.take_transition(case_handler, submitted, review, reason="Komplett")
    submitted.refresh_from_db()
    assert submitted.state.kind == "review"
    entry = ActivityLog.objects.get(event="grants.case.moved")
    assert entry.actor == case_handler and entry.reason == "Komplett"


def test_transition_role_is_data(submitted, case_handler, coordinator):
    review = step(submitted, "review")
    review.role = "volunteer_coordinator"
    review.save()
    with pytest.raises(NotAllowed):
        actions.take_transition(case_handler, submitted, review)
    actions.take_transition(coordinator, submitted, review)


def test_decision_targets_need_the_decision_form(in_review, case_handler):
    with pytest.raises(DomainError) as error:
        actions.take_transition(case_handler, in_review, step(in_review, "approved"))
    assert error.value.code == "use_decision"


def test_conflict_keeps_handler_out(in_review, inhabil_handler):
    actions.assign(inhabil_handler, in_review, handler=inhabil_handler)
    actions.declare_conflict(inhabil_handler, in_review, "Min bror er leder.")
    in_review.refresh_from_db()
    assert in_review.handler is None
    with pytest.raises(NotAllowed):
        actions.decide(
            inhabil_handler, in_review, outcome="approved", amount=12_500_00, justification="Bra"
        )
    with pytest.raises(NotAllowed):
        actions.add_note(inhabil_handler, in_review, "hei")
    with pytest.raises(DomainError):
        actions.assign(in_review.handler or inhabil_handler, in_review, handler=inhabil_handler)


def test_scores_and_notes(in_review, case_handler, reviewer):
    actions.assign(case_handler, in_review, handler=case_handler, reviewers=[reviewer])
    in_review._reviewer_ids = None
    actions.save_scores(reviewer, in_review, {"Åpent for alle": 4})
    actions.add_note(reviewer, in_review, "Godt budsjett.")
    assert in_review.scores.get().value == 4
    with pytest.raises(DomainError):
        actions.save_scores(reviewer, in_review, {"Åpent for alle": 9})
    with pytest.raises(DomainError):
        actions.save_scores(reviewer, in_review, {"Ukjent": 3})


def test_decide_writes_letter_and_mails(
    in_review, case_handler, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = actions.decide(
            case_handler,
            in_review,
            outcome="partly_approved",
            amount=10_000_00,
            justification="Stor pågang i år.",
            conditions="Logo på plakater.",
        )
    in_review.refresh_from_db()
    assert in_review.state.kind == "partly_approved"
    assert "10\u00a0000\u00a0kr" in decision.letter
    assert "Logo på plakater." in decision.letter
    assert decision.appeal_deadline >= date.today() + timedelta(weeks=3) - timedelta(days=1)
    assert len(mail.outbox) == 1 and "Stor pågang" in mail.outbox[0].body
    assert decision.history.count() == 1
    with pytest.raises(NotAllowed):
        actions.decide(case_handler, in_review, outcome="rejected", amount=0, justification="x")


@pytest.mark.parametrize(
    ("outcome", "amount", "field"),
    [
        ("approved", 0, "amount"),
        ("approved", 20_000_00, "amount"),  # more than applied for
        ("approved", 5_000_00, "outcome"),  # less is a partial approval
        ("nonsense", 1, "outcome"),
    ],
)
def test_decide_bad_input(in_review, case_handler, outcome, amount, field):
    with pytest.raises(DomainError) as error:
        actions.decide(case_handler, in_review, outcome=outcome, amount=amount, justification="x")
    assert error.value.field == field
    assert not Decision.objects.exists()


def test_budget_override_needs_reason(in_review, case_handler):
    budget = in_review.scheme.budgets.get()
    budget.amount = 10_000_00
    budget.save()
    with pytest.raises(Conflict) as error:
        actions.decide(
            case_handler, in_review, outcome="approved", amount=12_500_00, justification="Bra"
        )
    assert error.value.code == "over_budget"
    assert not Decision.objects.exists()
    decision = actions.decide(
        case_handler,
        in_review,
        outcome="approved",
        amount=12_500_00,
        justification="Bra",
        budget_override_reason="Politisk vedtak.",
    )
    assert decision.budget_override_reason == "Politisk vedtak."
    status = queries.budget_status(in_review.scheme, in_review.round.year)
    assert status["remaining"] == -2_500_00


def test_rejection_within_budget_needs_no_reason(in_review, case_handler):
    in_review.scheme.budgets.update(amount=0)
    decision = actions.decide(
        case_handler, in_review, outcome="rejected", amount=5, justification="Utenfor ordningen."
    )
    assert decision.amount == 0 and not decision.budget_override_reason


def test_report_flow(in_review, case_handler, leader):
    actions.decide(
        case_handler, in_review, outcome="approved", amount=12_500_00, justification="Bra"
    )
    in_review.refresh_from_db()
    actions.take_transition(case_handler, in_review, step(in_review, "paid"))
    in_review.refresh_from_db()
    actions.submit_report(
        leader, in_review, what_was_done="Leir", amount_used=12_000_00, results="40 barn"
    )
    in_review.refresh_from_db()
    assert in_review.state.kind == "report_received"
    with pytest.raises(NotAllowed):
        actions.submit_report(leader, in_review, what_was_done="x", amount_used=1, results="y")
    with pytest.raises(DomainError):
        actions.review_report(case_handler, in_review, accept=False, comment="")
    actions.review_report(case_handler, in_review, accept=False, comment="Send regnskap.")
    in_review.refresh_from_db()
    actions.submit_report(
        leader,
        in_review,
        what_was_done="Leir",
        amount_used=12_000_00,
        results="40 barn, regnskap vedlagt",
    )
    actions.review_report(case_handler, in_review, accept=True)
    assert GrantReport.objects.get().status == GrantReport.Status.ACCEPTED


def test_report_reminders_sent_once(in_review, case_handler, django_capture_on_commit_callbacks):
    from dugnad.grants.tasks import send_report_reminders

    actions.decide(
        case_handler, in_review, outcome="approved", amount=12_500_00, justification="Bra"
    )
    Round.objects.filter(pk=in_review.round_id).update(report_due=date.today() - timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_report_reminders.call() == 1
        assert send_report_reminders.call() == 0
    assert len(mail.outbox) == 1
