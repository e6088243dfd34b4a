"""Grants' part of a person's data (protocol: core.privacy) and its views in the access log."""

from django.db import transaction
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept, Shown, Subject, forget_in_activity_log

from .models import Application, Attachment, Decision, GrantReport

PERSONAL_DATA_LABEL = _("Grants")
LABELS = {
    "applications": _("Applications"),
    "reference": _("Reference"),
    "scheme": _("Grant scheme"),
    "title": _("Title"),
    "organisation": _("Organisation"),
    "contact_person": _("Contact person"),
    "contact_email": _("Contact email"),
    "contact_phone": _("Contact phone"),
    "amount_applied_for_nok": _("Amount applied for (NOK)"),
    "answers": _("Answers"),
    "status": _("Status"),
    "submitted_at": _("Submitted"),
    "attachments": _("Attachments"),
    "decision": _("Decision"),
    "outcome": _("Outcome"),
    "amount_awarded_nok": _("Amount awarded (NOK)"),
    "decided_at": _("Decided"),
    "appeal_deadline": _("Appeal deadline"),
}
ERASED = "–"


def export(user) -> dict:
    applications = (
        Application.objects.filter(created_by=user)
        .select_related("scheme", "state", "decision")
        .prefetch_related("attachments")
        .order_by("created_at")
    )
    return {
        "applications": [
            {
                "reference": a.reference,
                "scheme": a.scheme.name,
                "title": a.title,
                "organisation": a.org_name,
                "contact_person": a.contact_name,
                "contact_email": a.contact_email,
                "contact_phone": a.contact_phone,
                "amount_applied_for_nok": a.amount_requested / 100,
                "answers": a.answers,
                "status": a.state.name if a.state_id else _g("Draft"),
                "submitted_at": a.submitted_at,
                "attachments": [f.original_name for f in a.attachments.all()],
                "decision": _decision(a),
            }
            for a in applications
        ],
    }


def _decision(application) -> dict | None:
    try:
        decision = application.decision
    except Decision.DoesNotExist:
        return None
    return {
        "outcome": str(decision.get_outcome_display()),
        "amount_awarded_nok": decision.amount / 100,
        "decided_at": decision.decided_at,
        "appeal_deadline": decision.appeal_deadline,
    }


def _scrub(text: str, needles: list[str]) -> str:
    for needle in needles:
        text = text.replace(needle, ERASED)
    return text


def _scrub_json(value, needles):
    if isinstance(value, str):
        return _scrub(value, needles)
    if isinstance(value, list):
        return [_scrub_json(item, needles) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_json(item, needles) for key, item in value.items()}
    return value


def erase(user) -> list[Kept]:
    kept = []
    mine = Application.objects.filter(created_by=user)
    drafts = list(mine.filter(submitted_at__isnull=True))
    # Files go only once the erasure is committed: a rolled-back erasure (or the preview on
    # the confirmation page) must leave them in place.
    for attachment in Attachment.objects.filter(application__in=drafts):
        storage, name = attachment.file.storage, attachment.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    draft_ids = [a.pk for a in drafts]
    forget_in_activity_log(targets=drafts)
    Application.objects.filter(pk__in=draft_ids).delete()
    Application.history.model.objects.filter(id__in=draft_ids).delete()

    needles = [n for n in (user.get_full_name().strip(), user.email, user.phone) if n]
    submitted = list(mine.filter(submitted_at__isnull=False))
    # The contact person given in an application is the person who filled it in.
    submitted_ids = [a.pk for a in submitted]
    for application in submitted:
        application.contact_name = application.contact_email = application.contact_phone = ""
        application.answers = _scrub_json(application.answers, needles)
        application.created_by = None
        application.save(
            update_fields=[
                "contact_name",
                "contact_email",
                "contact_phone",
                "answers",
                "created_by",
            ]
        )
    for record in Application.history.model.objects.filter(id__in=submitted_ids):
        record.contact_name = record.contact_email = record.contact_phone = ""
        record.answers = _scrub_json(record.answers, needles)
        record.created_by_id = None
        record.save()
    for decision in Decision.objects.filter(application_id__in=submitted_ids):
        decision.letter = _scrub(decision.letter, needles)
        decision.save(update_fields=["letter"])
    for record in Decision.history.model.objects.filter(application_id__in=submitted_ids):
        record.letter = _scrub(record.letter, needles)
        record.save()
    for report in GrantReport.objects.filter(application_id__in=submitted_ids):
        report.what_was_done = _scrub(report.what_was_done, needles)
        report.results = _scrub(report.results, needles)
        report.save(update_fields=["what_was_done", "results"])
    Attachment.objects.filter(uploaded_by=user).update(uploaded_by=None)
    if submitted:
        kept.append(
            Kept(
                _(
                    "Grant applications you sent for an organisation, with the decision and "
                    "the amount awarded, without your name and contact details"
                ),
                _(
                    "They are the municipality's case documents: the archive act requires them "
                    "to be kept, and the accounting act requires the basis of each payment."
                ),
            )
        )
    return kept


# --- Access log ----------------------------------------------------------------------------


def application_shown(request, pk, **kwargs) -> Shown | None:
    """A case, an application, its letter or one of its attachments: the applicant's data."""
    application = Application.objects.select_related("created_by").filter(pk=pk).first()
    if application is None:
        return None
    if application.created_by_id:
        subject = Subject(user=application.created_by)
    elif application.contact_name:
        subject = Subject(description=_g("Contact person of %s") % application.reference)
    else:
        return None
    what = _g("Grant application %(reference)s") % {"reference": application.reference}
    if "attachment_id" in kwargs:
        what = _g("Attachment %(id)s of grant application %(reference)s") % {
            "id": kwargs["attachment_id"],
            "reference": application.reference,
        }
    return Shown(what=what, subjects=[subject])
