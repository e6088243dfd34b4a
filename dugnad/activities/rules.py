"""Who may publish, change and review events, and who may sign up. Each returns a Verdict."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from dugnad.accounts.roles import Role, has_unit_role, is_volunteer_coordinator
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality
from dugnad.organisations.rules import can_act_for

from .models import Event, Occurrence


@same_municipality("organiser")
def can_publish_for(user, organiser) -> Verdict:
    """Publish events on behalf of an organisation or a municipal unit."""
    if not (verdict := require_login(user)):
        return verdict
    from dugnad.core.models import Unit

    if isinstance(organiser, Unit):
        if has_unit_role(user, Role.EDITOR, unit=organiser):
            return ALLOW
        return deny(_("Only the unit's editors publish events for it."))
    return can_act_for(user, organiser)


@same_municipality("event")
def can_edit_event(user, event: Event) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_volunteer_coordinator(user):
        return ALLOW
    return can_publish_for(user, event.organiser)


@same_municipality("event")
def can_review_events(user, event: Event | None = None) -> Verdict:
    """Approve and unpublish events, and require approval of an organisation's events."""
    if not (verdict := require_login(user)):
        return verdict
    if is_volunteer_coordinator(user):
        return ALLOW
    return deny(_("Only the volunteer coordinator approves and unpublishes events."))


def can_view_event(user, event: Event) -> Verdict:
    if event.status == Event.Status.PUBLISHED:
        return ALLOW
    if user is not None and user.is_authenticated and can_edit_event(user, event):
        return ALLOW
    return deny(_("This event is not published."))


def can_see_participants(user, event: Event) -> Verdict:
    return can_edit_event(user, event)


def signup_open(occurrence: Occurrence, now=None) -> Verdict:
    """Whether sign-up is open for this occurrence right now, with the reason when not."""
    now = now or timezone.now()
    event = occurrence.event
    if not event.signup_enabled:
        return deny(_("This event has no sign-up."))
    if event.status != Event.Status.PUBLISHED:
        return deny(_("This event is not published."))
    if occurrence.status == Occurrence.Status.CANCELLED:
        return deny(_("This date is cancelled."))
    if occurrence.start <= now:
        return deny(_("This date has already started."))
    if event.signup_opens_at and now < event.signup_opens_at:
        return deny(
            _("Sign-up opens %(when)s.")
            % {"when": date_format(timezone.localtime(event.signup_opens_at), "DATETIME_FORMAT")}
        )
    if event.signup_closes_at and now >= event.signup_closes_at:
        return deny(
            _("Sign-up closed %(when)s.")
            % {"when": date_format(timezone.localtime(event.signup_closes_at), "DATETIME_FORMAT")}
        )
    return ALLOW


def can_sign_up(user, occurrence: Occurrence) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    return signup_open(occurrence)
