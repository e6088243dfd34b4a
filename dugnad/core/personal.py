"""The kernel's own part of a person's data (protocol: core.privacy).

The kernel holds two kinds of it: the person's private calendar feed links (`FeedToken`) and
the activity-log entries where the person acted. This module is the kernel's entry in the
protocol that `core.privacy` defines, kept apart from that module so the protocol does not
name itself as one of its apps.
"""

from django.utils.translation import gettext_lazy as _

from .models import ActivityLog, FeedToken
from .privacy import Kept

PERSONAL_DATA_LABEL = _("Calendar links and activity log")
LABELS = {
    "calendar_feed_links": _("Calendar feed links"),
    "feed": _("Calendar"),
    "object_id": _("For number"),
    "starts_with": _("Starts with"),
    "created_at": _("Created"),
    "last_used_at": _("Last used"),
    "revoked_at": _("Revoked"),
    "activity_log": _("What you did (activity log)"),
    "at": _("Time"),
    "event": _("What happened"),
    "object": _("Object"),
    "reason": _("Reason"),
}


def export(user) -> dict:
    return {
        # Only the first characters of a link's key are stored in readable form.
        "calendar_feed_links": [
            {
                "feed": token.feed,
                "object_id": token.object_id,
                "starts_with": token.prefix,
                "created_at": token.created_at,
                "last_used_at": token.last_used_at,
                "revoked_at": token.revoked_at,
            }
            for token in FeedToken.objects.filter(owner=user).order_by("created_at", "pk")
        ],
        "activity_log": [
            {
                "at": entry.created_at,
                "event": entry.event,
                "object": entry.target_repr,
                "reason": entry.reason,
            }
            for entry in ActivityLog.objects.filter(actor=user).order_by("created_at", "pk")
        ],
    }


def erase(user) -> list[Kept]:
    # Deleted here rather than left to the account row's CASCADE: the account may be kept
    # (anonymised), and a link that still opens a calendar must not outlive the person.
    FeedToken.objects.filter(owner=user).delete()
    kept = []
    if ActivityLog.objects.filter(actor=user).exists():
        kept.append(
            Kept(
                _("What you did on the platform (the activity log), without your name"),
                _(
                    "The municipality must be able to show who changed or decided what; the "
                    "entries keep the time and the kind of change, and refer to an account "
                    "number at most."
                ),
            )
        )
    return kept
