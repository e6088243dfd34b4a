"""The plans app's part of a person's data (protocol: core.privacy): the status updates they
wrote on measures and the comments they wrote for an organisation.

On erasure the texts stay, without the person: a status update is the municipality's record of
its plan's follow-up, and a comment was written on behalf of an organisation."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept

from .models import AnnualReport, MeasureComment, StatusUpdate

PERSONAL_DATA_LABEL = _("Action plans")
LABELS = {
    "status_updates": _("Status updates you wrote"),
    "comments": _("Comments you wrote"),
    "measure": _("Measure"),
    "date": _("Date"),
    "done": _("What was done"),
    "next_steps": _("What is next"),
    "organisation": _("Organisation"),
    "text": _("Comment"),
    "created_at": _("Written"),
}


def export(user) -> dict:
    updates = StatusUpdate.objects.filter(author=user).select_related("measure__focus_area")
    comments = MeasureComment.objects.filter(author=user).select_related(
        "measure__focus_area", "organisation"
    )
    found = {
        "status_updates": [
            {"measure": u.measure.code, "date": u.date, "done": u.done, "next_steps": u.next_steps}
            for u in updates
        ],
        "comments": [
            {
                "measure": c.measure.code,
                "organisation": c.organisation.name,
                "text": c.text,
                "created_at": c.created_at,
            }
            for c in comments
        ],
    }
    return {key: value for key, value in found.items() if value}


def erase(user) -> list[Kept]:
    kept = []
    updates = StatusUpdate.objects.filter(author=user).update(author=None)
    comments = MeasureComment.objects.filter(author=user).update(author=None)
    AnnualReport.objects.filter(created_by=user).update(created_by=None)
    AnnualReport.objects.filter(approved_by=user).update(approved_by=None)
    if updates:
        kept.append(
            Kept(
                _g("%(n)s status updates on the action plan's measures") % {"n": updates},
                _g(
                    "They are the municipality's record of the plan's follow-up; your name is "
                    "removed."
                ),
            )
        )
    if comments:
        kept.append(
            Kept(
                _g("%(n)s comments on measures") % {"n": comments},
                _g("They were written on behalf of an organisation; your name is removed."),
            )
        )
    return kept
