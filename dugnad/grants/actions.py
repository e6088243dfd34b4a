"""Every write in grants: check permission, validate, lock, save, log and notify."""

from datetime import timedelta

from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.tasks import claim

from . import rules
from .forms import FIXED_FIELDS, ApplicationForm, field_name, initial_from, raw_answers
from .models import (
    AWARD_KINDS,
    Application,
    Attachment,
    ConflictOfInterest,
    Decision,
    GrantReport,
    InternalNote,
    SchemeBudget,
    Score,
    StateKind,
    WorkflowState,
)
from .queries import budget_status


class Incomplete(DomainError):
    """Submission refused because fields are missing or wrong; `form` carries every problem."""

    default_code = "incomplete"

    def __init__(self, form):
        self.form = form
        super().__init__(_("The application is not complete. See the list of problems."))


def _sections(scheme):
    return scheme.sections.prefetch_related("fields")


def _with_user(instance, user):
    # simple_history reads this attribute, so history rows name the person also outside requests.
    instance._history_user = user if user is not None and user.is_authenticated else None
    return instance


def start_application(user, scheme, organisation, round, copy_from=None, now=None) -> Application:
    rules.can_apply(user, organisation, round, now=now).enforce()
    if copy_from is not None:
        rules.can_view_application(user, copy_from).enforce()
        if copy_from.organisation_id != organisation.pk:
            raise DomainError(_("Choose an application from the same organisation."))
    address = ", ".join(
        part
        for part in [
            organisation.postal_address,
            f"{organisation.postal_code} {organisation.postal_town}".strip(),
        ]
        if part
    )
    application = Application(
        scheme=scheme,
        round=round,
        organisation=organisation,
        created_by=user,
        org_name=organisation.name,
        org_number=organisation.org_number or "",
        address=address,
        contact_name=user.get_full_name(),
        contact_email=user.email,
        contact_phone=getattr(user, "phone", ""),
        is_demo=organisation.is_demo,
    )
    if copy_from is not None:
        for name in ("title", "bank_account", "contact_name", "contact_email", "contact_phone"):
            setattr(application, name, getattr(copy_from, name))
        keys = {f.key for s in _sections(scheme) for f in s.fields.all()}
        application.answers = {k: v for k, v in copy_from.answers.items() if k in keys}
    with transaction.atomic():
        _with_user(application, user).save()
        notify(
            "grants.application.started",
            actor=user,
            target=application,
            data={"copied_from": copy_from.pk if copy_from else None},
        )
    return application


def save_draft(user, application, data, files=None) -> ApplicationForm:
    """Keep what was typed, even where it is not valid yet, and raise the version.

    A save carrying an older version than the stored one comes from another tab or an old
    page and is refused (Conflict) rather than silently overwriting newer work.
    """
    rules.can_edit_application(user, application).enforce()
    scheme = application.scheme
    sections = list(_sections(scheme))
    form = ApplicationForm(
        data,
        files,
        scheme=scheme,
        sections=sections,
        complete=False,
        attachments=application.attachments.all(),
    )
    form.is_valid()
    try:
        sent_version = int(data.get("version", ""))
    except (TypeError, ValueError):
        sent_version = -1
    with transaction.atomic():
        (application,) = lock(application)
        if not application.is_draft:
            raise Conflict(_("The application has been submitted and can no longer be changed."))
        tab = str(data.get("tab", ""))[:40]
        same_tab = bool(tab) and tab == application.last_tab
        if sent_version != application.version and not same_tab:
            raise Conflict(
                _(
                    "The application was changed in another tab or window after you opened "
                    "this page. Your text here is kept on the page but was not saved."
                ),
                code="stale_version",
            )
        for name in FIXED_FIELDS:
            # The column's length binds: the form lets "974 760 673" in, the column holds nine.
            limit = Application._meta.get_field(name).max_length or 254
            setattr(application, name, str(data.get(name, "")).strip()[:limit])
        # Numbers that passed their check are kept in their stored form (digits, +47...).
        for name in ("bank_account", "org_number", "contact_phone"):
            if name not in form.errors and form.cleaned_data.get(name):
                setattr(application, name, form.cleaned_data[name])
        application.answers = raw_answers(form, data)
        application.amount_requested = _requested_amount(form, sections) or 0
        application.version += 1
        application.last_tab = tab
        _with_user(application, user).save()
        for name, field in form.fields.items():
            upload = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
            if name.startswith("f_") and upload and hasattr(upload, "read"):
                _store_attachment(
                    user, application, field.spec.key, upload, form.cleaned_data[f"{name}__mime"]
                )
    form.data = form.data.copy() if hasattr(form.data, "copy") else dict(form.data)
    form.data["version"] = str(application.version)
    return form


def _requested_amount(form, sections):
    for section in sections:
        for spec in section.fields.all():
            if spec.is_requested_amount:
                value = getattr(form, "cleaned_data", {}).get(field_name(spec.key))
                return value if field_name(spec.key) not in form.errors else None
    return None


def _store_attachment(user, application, key, upload, mime, for_report=False) -> Attachment:
    attachment = Attachment(
        application=application,
        field_key=key,
        for_report=for_report,
        original_name=upload.name[-200:],
        content_type=mime,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


def delete_attachment(user, attachment) -> None:
    rules.can_edit_application(user, attachment.application).enforce()
    with transaction.atomic():
        attachment.file.delete(save=False)
        attachment.delete()


def completeness_form(application) -> ApplicationForm:
    """The stored draft checked as a complete application: every problem at once."""
    data = QueryDict(mutable=True)
    for name, value in initial_from(application).items():
        data[name] = "" if value is None else str(value)
    form = ApplicationForm(
        data,
        scheme=application.scheme,
        sections=list(_sections(application.scheme)),
        complete=True,
        attachments=application.attachments.all(),
    )
    form.is_valid()
    return form


def submit_application(user, application, now=None) -> Application:
    """Submit once. A second call (a double click, a retry) returns the case unchanged."""
    rules.require_login(user).enforce()
    now = now or timezone.now()
    with transaction.atomic():
        (application,) = lock(application)
        if not application.is_draft:
            rules.can_view_application(user, application).enforce()
            return application
        rules.can_edit_application(user, application).enforce()
        # The server's clock decides; the deadline is an instant (stored UTC, set in Oslo time).
        if now >= application.round.deadline:
            raise DomainError(rules.deadline_passed(application.round), code="deadline_passed")
        form = completeness_form(application)
        if form.errors:
            raise Incomplete(form)
        received = WorkflowState.objects.get(scheme=application.scheme, kind=StateKind.RECEIVED)
        application.bank_account = form.cleaned_data["bank_account"]
        application.amount_requested = (
            _requested_amount(form, list(_sections(application.scheme))) or 0
        )
        application.submitted_at = now
        application.state = received
        _with_user(application, user).save()
        notify(
            "grants.application.submitted",
            actor=user,
            target=application,
            recipients=[application.contact_email, user.email],
            template="grants/email/receipt.txt",
            context={"application": application},
        )
    return application


def assign(user, application, handler=None, reviewers=()) -> None:
    rules.can_assign(user, application).enforce()
    conflicted = set(application.conflicts.values_list("user_id", flat=True))
    if handler is not None:
        if handler.pk in conflicted:
            raise DomainError(_("This person has declared a conflict of interest in the case."))
        if not rules.is_handler(handler, application.scheme):
            raise DomainError(_("This person is not a case handler for the scheme."))
    if any(r.pk in conflicted for r in reviewers):
        raise DomainError(_("A reviewer has declared a conflict of interest in the case."))
    with transaction.atomic():
        (application,) = lock(application)
        application.handler = handler
        _with_user(application, user).save()
        application.reviewers.set(reviewers)
        notify(
            "grants.case.assigned",
            actor=user,
            target=application,
            data={
                "handler": handler.pk if handler else None,
                "reviewers": [r.pk for r in reviewers],
            },
            recipients=[handler.email] if handler and handler != user else [],
            template="grants/email/assigned.txt",
            context={"application": application},
        )


def declare_conflict(user, application, reason: str) -> ConflictOfInterest:
    rules.can_declare_conflict(user, application).enforce()
    original = application
    if not reason.strip():
        raise DomainError(_("Say why you are disqualified."), field="reason")
    with transaction.atomic():
        (application,) = lock(application)
        conflict = ConflictOfInterest.objects.create(
            application=application, user=user, reason=reason.strip()
        )
        # Keeping the person out means taking them off the case too.
        if application.handler_id == user.pk:
            application.handler = None
            _with_user(application, user).save()
        application.reviewers.remove(user)
        notify("grants.case.conflict_declared", actor=user, target=application, reason=reason)
    application._conflict_ids = None
    original._conflict_ids = None
    return conflict


def take_transition(user, application, transition, reason: str = "") -> Application:
    if transition.target.is_decision:
        raise DomainError(_("Decisions are made with the decision form."), code="use_decision")
    with transaction.atomic():
        (application,) = lock(application)
        application._conflict_ids = None
        rules.can_take_transition(user, application, transition).enforce()
        previous = application.state
        application.state = transition.target
        _with_user(application, user).save()
        notify(
            "grants.case.moved",
            actor=user,
            target=application,
            reason=reason,
            data={"from": previous.kind if previous else None, "to": transition.target.kind},
        )
    return application


def save_scores(user, application, scores: dict, comment: str = "") -> None:
    rules.can_score(user, application).enforce()
    criteria = set(application.scheme.criteria)
    with transaction.atomic():
        for criterion, value in scores.items():
            if criterion not in criteria:
                raise DomainError(_("Unknown criterion: %(c)s") % {"c": criterion})
            if not 1 <= int(value) <= 5:
                raise DomainError(_("A score is from 1 to 5."))
            Score.objects.update_or_create(
                application=application,
                reviewer=user,
                criterion=criterion,
                defaults={"value": int(value), "comment": comment},
            )
        notify("grants.case.scored", actor=user, target=application, data={"scores": scores})


def add_note(user, application, text: str) -> InternalNote:
    rules.can_add_note(user, application).enforce()
    if not text.strip():
        raise DomainError(_("Write the note."), field="text")
    with transaction.atomic():
        note = InternalNote.objects.create(application=application, author=user, text=text.strip())
        notify("grants.case.note_added", actor=user, target=application)
    return note


def decide(
    user,
    application,
    *,
    outcome: str,
    amount: int,
    justification: str,
    purpose: str = "",
    conditions: str = "",
    budget_override_reason: str = "",
    now=None,
    preview: bool = False,
) -> Decision:
    """Decide the case: the decision, its letter, the workflow step and the email. With
    `preview`, every check runs and the letter is written, but nothing is saved or sent: the
    unsaved decision (with `.letter`) is what the handler sees before deciding."""
    now = now or timezone.now()
    amount = 0 if outcome == Decision.Outcome.REJECTED else int(amount or 0)
    if outcome not in Decision.Outcome.values:
        raise DomainError(_("Choose a decision."), field="outcome")
    if not justification.strip():
        raise DomainError(_("Give the justification."), field="justification")
    if outcome != Decision.Outcome.REJECTED and amount <= 0:
        raise DomainError(_("Give the amount awarded."), field="amount")
    if application.amount_requested and amount > application.amount_requested:
        raise DomainError(
            _("The amount awarded cannot be larger than the amount applied for."), field="amount"
        )
    if outcome == Decision.Outcome.APPROVED and amount < application.amount_requested:
        raise DomainError(
            _("An amount below the one applied for is a partial approval."), field="outcome"
        )
    report_due = application.round.report_due
    if outcome != Decision.Outcome.REJECTED and report_due < timezone.localdate(now):
        # The letter asks for a report by this date: a date gone by cannot be met.
        raise DomainError(
            _(
                "The round's report deadline, %(date)s, has passed, and the letter would ask "
                "for a report by then. Move the round's report deadline first."
            )
            % {"date": date_format(report_due, "j. F Y")},
            code="report_deadline_passed",
            field="outcome",
        )
    with transaction.atomic():
        scheme = application.scheme
        budget = SchemeBudget.objects.filter(scheme=scheme, year=application.round.year).first()
        # Lock the year's budget first so that two handlers cannot both spend the last krone.
        if budget is not None:
            lock(budget)
        (application,) = lock(application)
        application._conflict_ids = None
        rules.can_decide(user, application).enforce()
        transition = (
            application.state.outgoing.select_related("target").filter(target__kind=outcome).first()
        )
        if transition is None:
            raise DomainError(_("The workflow has no step to this decision from the case's state."))
        rules.can_take_transition(user, application, transition).enforce()
        status = budget_status(scheme, application.round.year)
        over = amount > 0 and status["awarded"] + amount > status["budget"]
        if over and not budget_override_reason.strip():
            raise Conflict(
                _(
                    "This award takes the scheme over its budget for %(year)s. Give a reason "
                    "to go over it."
                )
                % {"year": application.round.year},
                code="over_budget",
                field="budget_override_reason",
            )
        decision = Decision(
            application=application,
            outcome=outcome,
            amount=amount,
            purpose=purpose.strip() or application.title,
            conditions=conditions.strip(),
            justification=justification.strip(),
            appeal_deadline=(timezone.localtime(now) + timedelta(weeks=scheme.appeal_weeks)).date(),
            budget_override_reason=budget_override_reason.strip() if over else "",
            decided_by=user,
            decided_at=now,
        )
        decision.letter = render_to_string(
            "grants/letter_body.html", {"decision": decision, "application": application}
        )
        if preview:
            return decision
        _with_user(decision, user).save()
        application.state = transition.target
        _with_user(application, user).save()
        notify(
            "grants.case.decided",
            actor=user,
            target=application,
            reason=justification,
            data={"outcome": outcome, "amount": amount, "over_budget": over},
            recipients=[application.contact_email],
            template="grants/email/decision.txt",
            context={"application": application, "decision": decision},
        )
    return decision


def _fresh(application):
    # Permission checks read the decision and report; a caller's object may hold stale copies.
    return Application.objects.select_related(
        "scheme__unit", "round", "state", "organisation", "decision", "report"
    ).get(pk=application.pk)


def submit_report(
    user, application, *, what_was_done, amount_used, results, upload=None, mime=None, now=None
) -> GrantReport:
    application = _fresh(application)
    rules.can_report(user, application).enforce()
    with transaction.atomic():
        (application,) = lock(application)
        report, _created = GrantReport.objects.update_or_create(
            application=application,
            defaults={
                "what_was_done": what_was_done.strip(),
                "amount_used": amount_used,
                "results": results.strip(),
                "status": GrantReport.Status.SUBMITTED,
                "submitted_at": now or timezone.now(),
            },
        )
        if upload is not None:
            _store_attachment(user, application, "report", upload, mime, for_report=True)
        # A workflow with a "report received" step follows the report on its own.
        if application.state and application.state.kind != StateKind.REPORT_RECEIVED:
            step = application.state.outgoing.filter(target__kind=StateKind.REPORT_RECEIVED).first()
            if step is not None:
                application.state = step.target
                _with_user(application, user).save()
        notify("grants.report.submitted", actor=user, target=application)
    return report


def review_report(user, application, *, accept: bool, comment: str = "") -> GrantReport:
    application = _fresh(application)
    rules.can_review_report(user, application).enforce()
    if not accept and not comment.strip():
        raise DomainError(_("Say what more you need."), field="comment")
    with transaction.atomic():
        report = GrantReport.objects.select_for_update().get(application=application)
        report.status = GrantReport.Status.ACCEPTED if accept else GrantReport.Status.MORE_REQUESTED
        report.handler_comment = comment.strip()
        report.save()
        notify(
            "grants.report.accepted" if accept else "grants.report.more_requested",
            actor=user,
            target=application,
            reason=comment,
            recipients=[application.contact_email],
            template="grants/email/report_reviewed.txt",
            context={"application": application, "report": report},
        )
    return report


def is_award_state(state) -> bool:
    return state is not None and state.kind in AWARD_KINDS


# --- Background work -------------------------------------------------------------------------

REPORT_REMINDER_DAYS_BEFORE = 14


def due_report_reminders(today):
    """(application, kind) for reports still missing: 'before' within two weeks of the
    deadline, 'after' once it has passed."""
    pending = (
        Application.objects.awarded()
        .exclude(report__status__in=[GrantReport.Status.SUBMITTED, GrantReport.Status.ACCEPTED])
        .select_related("round", "scheme")
    )
    for application in pending:
        due = application.round.report_due
        if today > due:
            yield application, "after"
        elif today >= due - timedelta(days=REPORT_REMINDER_DAYS_BEFORE):
            yield application, "before"


def send_report_reminders(now=None) -> int:
    """Remind recipients of a report due soon, and again once it is overdue; each once."""
    now = now or timezone.now()
    sent = 0
    for application, kind in due_report_reminders(timezone.localdate(now)):
        with transaction.atomic():
            if not claim(application, f"report_reminded_{kind}_at", now):
                continue
            notify(
                f"grants.report.reminder_{kind}",
                target=application,
                recipients=[application.contact_email],
                template="grants/email/report_reminder.txt",
                context={"application": application, "overdue": kind == "after"},
            )
        sent += 1
    return sent
