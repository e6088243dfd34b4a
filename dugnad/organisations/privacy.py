"""The directory's part of a person's data (protocol: core.privacy)."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dugnad.core.access import forget_access
from dugnad.core.privacy import Kept, Shown, Subject, people_shown

from .models import Invitation, OrganisationRole

PERSONAL_DATA_LABEL = _("Organisations")
LABELS = {
    "roles": _("Roles"),
    "organisation": _("Organisation"),
    "role": _("Role"),
    "title": _("Title"),
    "shown_on_the_organisations_page": _("Shown on the organisation's page"),
    "since": _("Since"),
    "invitations_to_you": _("Invitations to you"),
    "sent_at": _("Sent"),
    "accepted_at": _("Accepted"),
}


def export(user) -> dict:
    return {
        "roles": [
            {
                "organisation": r.organisation.name,
                "role": str(r.get_role_display()),
                "title": r.title,
                "shown_on_the_organisations_page": r.show_publicly,
                "since": r.created_at,
            }
            for r in OrganisationRole.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_to_you": [
            {
                "organisation": i.organisation.name,
                "role": str(i.get_role_display()),
                "sent_at": i.created_at,
                "accepted_at": i.accepted_at,
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
    }


def erase(user) -> list[Kept]:
    kept = []
    roles = OrganisationRole.objects.filter(user=user)
    if roles.exists():
        kept.append(
            Kept(
                _("The organisations you represented, and what you published on their behalf"),
                _(
                    "They belong to the organisations, not to you. Your roles in them are "
                    "removed and your name is no longer shown."
                ),
            )
        )
    roles.delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    forget_access(user)
    return kept


# --- Access log ----------------------------------------------------------------------------


def review_shown(request, **kwargs) -> Shown:
    """The review queue names (and may show the email of) who registered each organisation."""
    return Shown(
        what=_g("Organisations waiting for approval, with who registered them"),
        subjects=[Subject(user=person) for person in people_shown(request)],
    )
