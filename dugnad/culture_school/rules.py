"""Who may do what in the culture school. Each returns a Verdict with a reason.

Staff are the unit roles CULTURE_SCHOOL_ADMIN and TEACHER held in the school's unit (or a unit
above it); families act through Guardianship rows (a guardian, or the adult pupil themself).
"""

from django.utils.translation import gettext_lazy as _

from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality
from dugnad.core.roles import UnitRoleName

from .models import Application, Pupil, School

ADMIN = UnitRoleName.CULTURE_SCHOOL_ADMIN
TEACHER = UnitRoleName.TEACHER


def is_admin(user, school: School | None) -> bool:
    if school is None or user is None or not user.is_authenticated:
        return False
    return access_for(user).has_unit_role(ADMIN, unit=school.unit)


def is_teacher(user, school: School | None) -> bool:
    if school is None or user is None or not user.is_authenticated:
        return False
    return access_for(user).has_unit_role(TEACHER, unit=school.unit)


@same_municipality("school")
def can_administer(user, school: School) -> Verdict:
    """Edit offers and rules, see the waiting lists, make offers of places."""
    if not (verdict := require_login(user)):
        return verdict
    if is_admin(user, school):
        return ALLOW
    return deny(_("Only the culture school's administrators can do this."))


@same_municipality("pupil")
def can_act_for_pupil(user, pupil: Pupil) -> Verdict:
    """Apply, answer offers, invite the other guardian, notify absence: the pupil's family."""
    if not (verdict := require_login(user)):
        return verdict
    if pupil.guardianships.filter(user=user).exists():
        return ALLOW
    return deny(_("Only the pupil's guardians can do this."))


@same_municipality("pupil")
def can_view_pupil(user, pupil: Pupil) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_admin(user, pupil.school) or pupil.guardianships.filter(user=user).exists():
        return ALLOW
    return deny(_("Only the pupil's guardians and the culture school's staff see this."))


@same_municipality("application")
def can_answer_offer(user, application: Application) -> Verdict:
    return can_act_for_pupil(user, application.pupil)


@same_municipality("group")
def can_teach(user, group) -> Verdict:
    """Record attendance, cancel lessons and record levels: the group's teacher or an admin."""
    if not (verdict := require_login(user)):
        return verdict
    school = group.offer.school_year.school
    if group.teacher_id == user.pk and is_teacher(user, school):
        return ALLOW
    if is_admin(user, school):
        return ALLOW
    return deny(_("Only the group's teacher and the culture school's administrators can do this."))


def deny_teacher() -> Verdict:
    return deny(_("Only the culture school's teachers see this page."))
