"""Who may book, manage and allocate premises. Every `can_*` returns a Verdict with a reason."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from dugnad.accounts.roles import Role, has_unit_role
from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality
from dugnad.organisations.rules import can_act_for, is_representative

from .workflow import MANAGER, RENTER, TRANSITIONS


def managed_unit_ids(user) -> frozenset[int]:
    """Units whose buildings `user` manages, with their sub-units to any depth."""
    return access_for(user).unit_ids(Role.PREMISES_MANAGER)


def is_premises_manager(user) -> bool:
    return has_unit_role(user, Role.PREMISES_MANAGER)


def manages_room(user, room) -> bool:
    return has_unit_role(user, Role.PREMISES_MANAGER, unit=room.building.unit)


def may_follow_feed(user, feed: str, target) -> bool:
    """A private feed is for a room's managers, or for the members of an organisation."""
    if feed == "premises.room":
        return manages_room(user, target)
    return access_for(user).has_organisation_role(target)


def can_follow_feed(user, feed: str, target) -> Verdict:
    """May the user get a private feed address for the room or organisation?"""
    if not (verdict := require_login(user)):
        return verdict
    if may_follow_feed(user, feed, target):
        return ALLOW
    return deny(_("Only the room's managers and the organisation's members can."))


def can_book(user, room, organisation=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if not room.is_active:
        return deny(_("This room cannot be booked at the moment."))
    if organisation is not None:
        return can_act_for(user, organisation)
    return ALLOW


@same_municipality("room")
def can_manage_room(user, room) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if manages_room(user, room):
        return ALLOW
    return deny(_("Only the premises managers of this building can do this."))


@same_municipality("obj")
def can_manage_premises(user, obj=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_premises_manager(user):
        return ALLOW
    return deny(_("Only premises managers can see this page."))


def is_renter(user, booking) -> bool:
    if not user or not user.is_authenticated:
        return False
    if booking.booked_by_id == user.pk:
        return True
    return booking.organisation_id is not None and is_representative(user, booking.organisation)


@same_municipality("booking")
def can_view_booking(user, booking) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_renter(user, booking) or manages_room(user, booking.room):
        return ALLOW
    return deny(_("Only the renter and the premises managers can see this booking."))


@same_municipality("booking")
def can_transition(user, booking, name: str) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    transition = TRANSITIONS.get(name)
    if transition is None:
        return deny(_("Unknown step."))
    if booking.state not in transition.sources:
        return deny(
            _("A booking that is %(state)s cannot take this step.")
            % {"state": booking.get_state_display().lower()}
        )
    if transition.actor == MANAGER:
        if not manages_room(user, booking.room):
            return deny(_("Only the premises managers of this building can do this."))
        if name == "approve" and booking.start <= timezone.now():
            # A confirmation for a date gone by helps nobody; the request expires instead.
            return deny(_("The time of this request has passed; it can no longer be approved."))
        return ALLOW
    if transition.actor == RENTER:
        if not is_renter(user, booking):
            return deny(_("Only the person who booked or the organisation can cancel."))
        now = timezone.now()
        if booking.start <= now:
            return deny(_("The booking has already started."))
        deadline = booking.start - timezone.timedelta(hours=booking.room.cancellation_hours)
        if now > deadline:
            return deny(
                _("The cancellation deadline passed on %(when)s. Contact the premises manager.")
                % {"when": date_format(timezone.localtime(deadline), "DATETIME_FORMAT")}
            )
        return ALLOW
    return deny(_("Unknown step."))


def can_cancel_series(user, series) -> Verdict:
    """The renter of a series may cancel it in one step; each date's own deadline still rules."""
    if not (verdict := require_login(user)):
        return verdict
    if series.booked_by_id == user.pk or (
        series.organisation_id is not None and is_representative(user, series.organisation)
    ):
        return ALLOW
    return deny(_("Only the person who booked or the organisation can cancel the series."))


def can_view_series(user, series) -> Verdict:
    """A series is seen by its renter and by the managers of its room."""
    if can_cancel_series(user, series) or manages_room(user, series.room):
        return ALLOW
    return deny(_("Only the person who booked can see this series."))


def can_seek_slots(user, organisations) -> Verdict:
    """The season application form is for people who represent an approved organisation;
    `organisations` are those the user represents (premises.queries.user_organisations)."""
    if not (verdict := require_login(user)):
        return verdict
    if organisations:
        return ALLOW
    return deny(_("Only organisations in the directory can apply."))


def can_apply_for_slots(user, allocation_round, organisation) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if allocation_round.status != allocation_round.Status.OPEN:
        return deny(_("This allocation round no longer takes applications."))
    if timezone.now() > allocation_round.deadline:
        return deny(
            _("The application deadline passed on %(when)s.")
            % {
                "when": date_format(
                    timezone.localtime(allocation_round.deadline), "DATETIME_FORMAT"
                )
            }
        )
    return can_act_for(user, organisation)


@same_municipality("allocation_round")
def can_allocate(user, allocation_round=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if not is_premises_manager(user):
        return deny(_("Only premises managers allocate seasonal slots."))
    if (
        allocation_round is not None
        and allocation_round.status == allocation_round.Status.PUBLISHED
    ):
        return deny(_("This allocation round is already published."))
    return ALLOW


@same_municipality("building")
def can_set_up_building(user, building=None) -> Verdict:
    """Create buildings (in a unit one manages), and change a building, its opening hours and
    its rooms and prices: the premises managers of its unit."""
    if not (verdict := require_login(user)):
        return verdict
    if building is None and is_premises_manager(user):
        return ALLOW
    if building is not None and has_unit_role(user, Role.PREMISES_MANAGER, unit=building.unit):
        return ALLOW
    return deny(_("Only the premises managers of this building can set it up."))


@same_municipality("allocation_round")
def can_set_up_round(user, allocation_round=None) -> Verdict:
    """Create an allocation round, and change one until it is published (publishing books the
    season; after that its dates and rooms are history)."""
    if not (verdict := require_login(user)):
        return verdict
    if not is_premises_manager(user):
        return deny(_("Only premises managers set up allocation rounds."))
    if (
        allocation_round is not None
        and allocation_round.status == allocation_round.Status.PUBLISHED
    ):
        return deny(_("This allocation round is published and can no longer be changed."))
    return ALLOW
