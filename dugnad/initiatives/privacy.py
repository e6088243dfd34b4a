"""This app's part of a person's data (protocol: core.privacy): the stories they wrote, the
photo consents they recorded, their updates on initiatives, and what the citizens' desk
registered for them."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept, Shown, Subject, people_shown

from .models import DeskRegistration, InitiativeUpdate, ReachFigure, Story, StoryPhoto

PERSONAL_DATA_LABEL = _("Co-creation and stories")
LABELS = {
    "stories": _("Stories"),
    "title": _("Title"),
    "state": _("State"),
    "byline": _("Byline"),
    "photo_consents_recorded": _("Photo consents you recorded"),
    "consent_from": _("Consent given by"),
    "consent_on": _("Consent given on"),
    "initiative_updates": _("Updates on initiatives"),
    "desk_registrations": _("Registered for you at the citizens' desk"),
    "registered_by": _("Registered by"),
    "what": _("What"),
    "consent_at": _("Consent given"),
}


def export(user) -> dict:
    stories = Story.objects.filter(author=user).order_by("created_at")
    photos = StoryPhoto.objects.filter(recorded_by=user).select_related("story")
    updates = InitiativeUpdate.objects.filter(author=user).select_related("initiative")
    desk = DeskRegistration.objects.filter(citizen=user).select_related("staff")
    data = {
        "stories": [
            {"title": s.title, "state": str(s.get_state_display()), "byline": s.author_name}
            for s in stories
        ],
        "photo_consents_recorded": [
            {"story": p.story.title, "consent_from": p.consent_from, "consent_on": p.consent_on}
            for p in photos
            if p.shows_people
        ],
        "initiative_updates": [
            {"initiative": u.initiative.title, "text": u.text, "created_at": u.created_at}
            for u in updates
        ],
        "desk_registrations": [
            {
                "registered_by": d.staff.get_full_name() or d.staff.email,
                "what": f"{d.get_kind_display()}: {d.what}",
                "consent_at": d.consent_at,
            }
            for d in desk
        ],
    }
    return {key: value for key, value in data.items() if value}


def erase(user) -> list[Kept]:
    kept = []
    Story.objects.filter(author=user).exclude(state=Story.State.PUBLISHED).delete()
    published = Story.objects.filter(author=user, state=Story.State.PUBLISHED)
    if published.exists():
        # A published story is the municipality's publication; it stays without its writer.
        published.update(author=None, author_name="–")
        kept.append(
            Kept(
                gettext("Published stories"),
                gettext("They stay published, without your name or account."),
            )
        )
    StoryPhoto.objects.filter(recorded_by=user).update(recorded_by=None)
    InitiativeUpdate.objects.filter(author=user).update(author=None)
    ReachFigure.objects.filter(entered_by=user).update(entered_by=None)
    DeskRegistration.objects.filter(citizen=user).delete()
    if DeskRegistration.objects.filter(staff=user).exists():
        kept.append(
            Kept(
                gettext("Registrations you made at the citizens' desk"),
                gettext("The record of who registered for a citizen is kept for the citizen."),
            )
        )
    return kept


def desk_shown(request, **kwargs) -> Shown:
    """The citizens' desk lists the citizens the staff member registered for."""
    return Shown(
        what=gettext("Citizens' desk: your latest registrations"),
        subjects=[Subject(user=person) for person in people_shown(request)],
    )
