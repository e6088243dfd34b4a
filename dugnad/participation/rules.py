"""Who may do what in youth participation. Every `can_*` returns a Verdict with a reason.

Staff: unit role PARTICIPATION_MODERATOR in the process's responsible unit (or a unit above
it) moderates, answers and follows up. The youth council's moderators (YouthModerator, a grant
of kind "youth_council" from this app's role source) moderate in their municipality, but do
not answer on the municipality's behalf.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality
from dugnad.core.roles import UnitRoleName

from .access import MODERATOR, YOUTH_COUNCIL
from .models import Comment, Idea, Phase, Process, SchoolClass, Visibility

STAFF_ROLE = UnitRoleName.PARTICIPATION_MODERATOR
CHILD_AGE = 13  # under this age a child takes part through a school class, never alone


def age_of(user, today=None) -> int | None:
    """The age a person turns this year: what the birth year alone can tell."""
    year = getattr(user, "birth_year", None)
    if not year:
        return None
    return (today or timezone.localdate()).year - year


def is_staff_for(user, process: Process) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return access_for(user).has_unit_role(STAFF_ROLE, unit=process.unit)


def is_youth_moderator(user, municipality_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    access = access_for(user)
    if access.is_superuser:
        return True
    return any(
        g.kind == YOUTH_COUNCIL and g.role == MODERATOR and g.object_id == municipality_id
        for g in access.grants
    )


def is_moderator(user, process: Process) -> bool:
    return is_staff_for(user, process) or is_youth_moderator(user, process.municipality_id)


def staff_unit_ids(user) -> frozenset[int]:
    if user is None or not user.is_authenticated:
        return frozenset()
    return access_for(user).unit_ids(STAFF_ROLE)


# --- taking part ----------------------------------------------------------------------------


def can_join(user, municipality) -> Verdict:
    """Register as a participant in the municipality (birth year and first name)."""
    if not (verdict := require_login(user)):
        return verdict
    return ALLOW


def check_age(user, process: Process) -> Verdict:
    age = age_of(user)
    if age is None:
        return deny(_("Tell us the year you were born first."))
    if age < CHILD_AGE:
        return deny(_("You are under 13. Ask your teacher to send in ideas from your class."))
    if not process.min_age <= age <= process.max_age:
        return deny(
            _("This is for young people from %(min)s to %(max)s years.")
            % {"min": process.min_age, "max": process.max_age}
        )
    return ALLOW


def is_eligible(user, process: Process, participant) -> Verdict:
    """Old enough, young enough and registered as living in the process's municipality."""
    if not (verdict := require_login(user)):
        return verdict
    if participant is None or participant.municipality_id != process.municipality_id:
        return deny(_("Tell us first that you live here and what name to show."))
    return check_age(user, process)


@same_municipality("process")
def can_propose(user, process: Process, participant) -> Verdict:
    if not (verdict := is_eligible(user, process, participant)):
        return verdict
    if process.phase != Phase.IDEAS:
        return deny(_("You can only send in ideas while the idea phase is open."))
    return ALLOW


@same_municipality("school_class")
def can_propose_for_class(user, process: Process, school_class: SchoolClass) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if school_class.teacher_id != user.pk:
        return deny(_("Only the class's teacher can send in ideas for the class."))
    if school_class.municipality_id != process.municipality_id:
        return deny(_("This class belongs to another municipality."))
    if process.phase != Phase.IDEAS:
        return deny(_("You can only send in ideas while the idea phase is open."))
    return ALLOW


def can_see_idea(user, idea: Idea) -> Verdict:
    """A shown idea is public; a held or hidden one only to its author and the moderators."""
    if idea.visibility == Visibility.VISIBLE:
        return ALLOW
    if (
        user is not None
        and user.is_authenticated
        and (idea.author_id == user.pk or is_moderator(user, idea.process))
    ):
        return ALLOW
    return deny(_("This idea is not shown."))


@same_municipality("idea", lambda idea: idea.process.municipality_id)
def can_edit_idea(user, idea: Idea) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if idea.author_id != user.pk:
        return deny(_("Only the person who sent in the idea can change it."))
    if idea.process.phase != Phase.IDEAS:
        return deny(_("The idea can no longer be changed: the municipality is looking at it."))
    return ALLOW


@same_municipality("idea", lambda idea: idea.process.municipality_id)
def can_support(user, idea: Idea, participant) -> Verdict:
    if not (verdict := is_eligible(user, idea.process, participant)):
        return verdict
    if idea.visibility != Visibility.VISIBLE:
        return deny(_("This idea is not shown."))
    if idea.author_id == user.pk:
        return deny(_("You cannot support your own idea."))
    if idea.process.phase not in (Phase.IDEAS, Phase.ASSESSMENT):
        return deny(_("Support is closed for this process."))
    return ALLOW


@same_municipality("idea", lambda idea: idea.process.municipality_id)
def can_comment(user, idea: Idea, participant) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if idea.visibility != Visibility.VISIBLE:
        return deny(_("This idea is not shown."))
    if idea.process.phase == Phase.UPCOMING:
        return deny(_("The process has not started yet."))
    if is_moderator(user, idea.process):
        return ALLOW
    return is_eligible(user, idea.process, participant)


@same_municipality("process")
def can_moderate(user, process: Process) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_moderator(user, process):
        return ALLOW
    return deny(_("Only moderators can do this."))


def can_moderate_comment(user, comment: Comment) -> Verdict:
    return can_moderate(user, comment.idea.process)


@same_municipality("process")
def can_manage(user, process: Process) -> Verdict:
    """Answer ideas, compute results and follow up: the responsible unit's staff."""
    if not (verdict := require_login(user)):
        return verdict
    if is_staff_for(user, process):
        return ALLOW
    return deny(_("Only the responsible unit's staff can do this."))


def can_answer(user, idea: Idea) -> Verdict:
    if not (verdict := can_manage(user, idea.process)):
        return verdict
    if idea.process.phase in (Phase.UPCOMING, Phase.RESULTS, Phase.FOLLOW_UP):
        return deny(_("Ideas are answered between the idea phase and the results."))
    if idea.process.phase == Phase.VOTE and idea.answered:
        return deny(_("The vote has started: the answer can no longer be changed."))
    return ALLOW


@same_municipality("process")
def can_vote(user, process: Process, participant) -> Verdict:
    if not (verdict := is_eligible(user, process, participant)):
        return verdict
    if process.phase != Phase.VOTE:
        return deny(_("The vote is not open."))
    return ALLOW


def can_create_process(user, unit) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if unit is not None and access_for(user).has_unit_role(STAFF_ROLE, unit=unit):
        return ALLOW
    return deny(_("Only the unit's participation staff can start a process."))


def can_add_class(user, process: Process) -> Verdict:
    return can_manage(user, process)


def can_work(user, municipality) -> Verdict:
    """The moderators' and staff's work page."""
    if not (verdict := require_login(user)):
        return verdict
    if staff_unit_ids(user) or is_youth_moderator(user, municipality.pk):
        return ALLOW
    return deny(_("Only moderators and the responsible staff have a work page here."))
