"""Who may do what in volunteering. Every `can_*` returns a Verdict with a reason to show."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.accounts.roles import Role, has_unit_role, is_volunteer_coordinator
from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality
from dugnad.organisations.rules import can_act_for

from .models import Assignment, HoursEntry, Interest, ShiftSignUp

UNIT_ORGANISER_ROLES = (Role.VOLUNTEER_CONTACT, Role.VOLUNTEER_COORDINATOR, Role.EDITOR)


def drop_deadline_hours() -> int:
    from django.conf import settings

    return settings.VOLUNTEERING_DROP_DEADLINE_HOURS


def assignment_municipality_id(assignment: Assignment) -> int | None:
    """An assignment belongs to the municipality of its organisation or of its unit."""
    organiser = assignment.organisation if assignment.organisation_id else assignment.unit
    return organiser.municipality_id if organiser is not None else None


def is_organiser(user, assignment: Assignment) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if assignment.organisation_id:
        return bool(can_act_for(user, assignment.organisation))
    return has_unit_role(user, *UNIT_ORGANISER_ROLES, unit=assignment.unit)


def organiser_scope(user) -> tuple[set[int], set[int]]:
    """(organisation ids, unit ids incl. sub-units) whose assignments `user` organises."""
    if user is None or not user.is_authenticated:
        return set(), set()
    from dugnad.organisations.models import Organisation

    access = access_for(user)
    orgs = set(
        Organisation.objects.filter(
            pk__in=access.organisation_ids(), status=Organisation.Status.APPROVED
        ).values_list("pk", flat=True)
    )
    return orgs, set(access.unit_ids(*UNIT_ORGANISER_ROLES))


@same_municipality("organiser")
def can_post_for(user, organiser) -> Verdict:
    """Post assignments for an organisation or a municipal unit."""
    if not (verdict := require_login(user)):
        return verdict
    from dugnad.organisations.models import Organisation

    if isinstance(organiser, Organisation):
        return can_act_for(user, organiser)
    if has_unit_role(user, *UNIT_ORGANISER_ROLES, unit=organiser) or is_volunteer_coordinator(user):
        return ALLOW
    return deny(_("Only the unit's volunteer contacts, coordinators and editors can post here."))


@same_municipality("assignment", assignment_municipality_id)
def can_manage(user, assignment: Assignment) -> Verdict:
    """Edit the assignment, add shifts, answer interest, approve hours, record certificates."""
    if not (verdict := require_login(user)):
        return verdict
    if is_organiser(user, assignment) or is_volunteer_coordinator(user):
        return ALLOW
    return deny(_("Only the assignment's organiser can do this."))


def can_express_interest(user, assignment: Assignment) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if assignment.status != Assignment.Status.OPEN:
        return deny(_("This assignment is closed."))
    return ALLOW


def can_answer(user, interest: Interest) -> Verdict:
    if not (verdict := can_manage(user, interest.assignment)):
        return verdict
    if interest.status != Interest.Status.PENDING:
        return deny(_("This interest has already been answered."))
    return ALLOW


def can_sign_up(user, shift) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if shift.assignment.status != Assignment.Status.OPEN:
        return deny(_("This assignment is closed."))
    if shift.starts_at <= timezone.now():
        return deny(_("This shift has already started."))
    return ALLOW


def can_drop(user, signup: ShiftSignUp) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if signup.volunteer_id != user.pk:
        return deny(_("You can only change your own shifts."))
    deadline = signup.shift.starts_at - timezone.timedelta(hours=drop_deadline_hours())
    if timezone.now() > deadline:
        return deny(
            _(
                "Shifts can be changed up to %(hours)s hours before they start. "
                "Contact the organiser."
            )
            % {"hours": drop_deadline_hours()}
        )
    return ALLOW


def can_log_hours(user, assignment: Assignment) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    engaged = (
        Interest.objects.filter(
            assignment=assignment, volunteer=user, status=Interest.Status.ACCEPTED
        ).exists()
        or ShiftSignUp.objects.filter(shift__assignment=assignment, volunteer=user).exists()
    )
    if not engaged:
        return deny(_("Log hours for assignments where you were accepted or took a shift."))
    return ALLOW


def can_decide_hours(user, entry: HoursEntry) -> Verdict:
    if not (verdict := can_manage(user, entry.assignment)):
        return verdict
    if entry.volunteer_id == user.pk:
        return deny(_("You cannot approve your own hours."))
    if entry.status != HoursEntry.Status.PENDING:
        return deny(_("These hours have already been decided."))
    return ALLOW


def engaged_with_organiser(volunteer, viewer) -> bool:
    orgs, units = organiser_scope(viewer)
    if not orgs and not units:
        return False
    mine = Assignment.objects.organised_by(orgs, units)
    return (
        Interest.objects.filter(volunteer=volunteer, assignment__in=mine).exists()
        or ShiftSignUp.objects.filter(volunteer=volunteer, shift__assignment__in=mine).exists()
    )


def can_view_profile(user, volunteer) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if user.pk == volunteer.pk or is_volunteer_coordinator(user):
        return ALLOW
    if engaged_with_organiser(volunteer, user):
        return ALLOW
    return deny(_("Volunteer profiles are shown only to coordinators and their organisers."))


def can_view_overview(user) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if has_unit_role(user, Role.VOLUNTEER_COORDINATOR, Role.VOLUNTEER_CONTACT):
        return ALLOW
    return deny(_("The overview is for volunteer coordinators and volunteer contacts."))


def can_view_hours_report(user) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_volunteer_coordinator(user):
        return ALLOW
    return deny(_("The hours report is for volunteer coordinators."))


@same_municipality("assignment", assignment_municipality_id)
def can_message_volunteers(user, assignment: Assignment) -> Verdict:
    """Send a group message to the volunteers of an assignment or of one of its shifts: its
    organisers and the volunteer coordinators."""
    if not (verdict := require_login(user)):
        return verdict
    if is_organiser(user, assignment) or is_volunteer_coordinator(user):
        return ALLOW
    return deny(_("Only the assignment's organiser or a volunteer coordinator can do this."))
