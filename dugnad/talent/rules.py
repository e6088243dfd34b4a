"""Who may do what in a talent programme, each answer with its reason (core.permissions.Verdict).

The roles come from `core.access` (this app's grants, see talent.access): a programme
administrator sees and acts on everything in the programme; a sub-region coordinator on the
nominations, pupils and sessions of their own sub-region only; a panel member on the entries of
their call, never on one where they declared a conflict or that their own pupil sent; a teacher
on the nominations they made; the pupil and the guardian on their own nomination. The
programme belongs to the municipality that runs it, and a rule on one of its objects refuses
another municipality's (`same_municipality`); the pupil's own municipality plays no part.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality

from . import access as roles
from .models import Call, Nomination, Programme


def _ids(user, kind: str, role: str) -> frozenset[int]:
    access = access_for(user)
    return frozenset(g.object_id for g in access.grants if g.kind == kind and g.role == role)


def is_admin(user, programme) -> bool:
    if user is None or not user.is_authenticated:
        return False
    programme_id = getattr(programme, "pk", programme)
    return access_for(user).is_superuser or programme_id in _ids(user, roles.PROGRAMME, roles.ADMIN)


def administered_programme_ids(user) -> frozenset[int]:
    return _ids(user, roles.PROGRAMME, roles.ADMIN)


def coordinated_subregion_ids(user) -> frozenset[int]:
    return _ids(user, roles.SUBREGION, roles.COORDINATOR)


def panel_call_ids(user) -> frozenset[int]:
    return _ids(user, roles.CALL, roles.PANEL)


def teaching_programme_ids(user) -> frozenset[int]:
    return _ids(user, roles.PROGRAMME, roles.TEACHER)


def is_panel_member(user, call) -> bool:
    return getattr(call, "pk", call) in panel_call_ids(user)


def _email(user) -> str:
    return (getattr(user, "email", "") or "").strip().lower()


def is_pupil(user, nomination: Nomination) -> bool:
    if not user.is_authenticated:
        return False
    if nomination.pupil_user_id:
        return nomination.pupil_user_id == user.pk
    return bool(nomination.pupil_email) and nomination.pupil_email.lower() == _email(user)


def is_guardian(user, nomination: Nomination) -> bool:
    if not user.is_authenticated:
        return False
    if nomination.guardian_user_id:
        return nomination.guardian_user_id == user.pk
    return bool(nomination.guardian_email) and nomination.guardian_email.lower() == _email(user)


def is_family(user, nomination) -> bool:
    return is_pupil(user, nomination) or is_guardian(user, nomination)


def coordinates(user, nomination) -> bool:
    return nomination.subregion_id in coordinated_subregion_ids(user)


def is_conflicted(user, nomination: Nomination) -> bool:
    """A panel member's own pupil is a conflict without saying so; a declared one is too."""
    if nomination.teacher_id == user.pk:
        return True
    declared = getattr(nomination, "declared_conflict_user_ids", None)
    if declared is None:
        declared = set(nomination.conflicts.values_list("user_id", flat=True))
    return user.pk in declared


NOT_YOURS = _("This nomination belongs to another sub-region.")


def can_see_programme_staff_pages(user, programme: Programme) -> Verdict:
    return can_administer(user, programme)


@same_municipality("programme")
def can_administer(user, programme: Programme) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_admin(user, programme):
        return ALLOW
    return deny(_("Only the programme's administrators can do this."))


@same_municipality("call")
def can_nominate(user, call: Call, now=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if call.programme_id not in teaching_programme_ids(user) and not is_admin(
        user, call.programme_id
    ):
        return deny(_("Only a teacher registered with the programme can nominate pupils."))
    now = now or timezone.now()
    if now < call.opens_at:
        return deny(
            _("Nominations open on %(date)s.")
            % {"date": formats.date_format(timezone.localtime(call.opens_at), "DATE_FORMAT")}
        )
    if not call.nominations_open(now):
        return deny(deadline_passed(call.nomination_deadline))
    return ALLOW


def deadline_passed(deadline) -> str:
    return _("The deadline passed on %(date)s.") % {
        "date": formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
    }


@same_municipality("call")
def can_list_nominations(user, call: Call) -> Verdict:
    """The administration sees all of a call's nominations; a coordinator their sub-region's."""
    if not (verdict := require_login(user)):
        return verdict
    if is_admin(user, call.programme_id):
        return ALLOW
    if set(call.programme.subregions.values_list("pk", flat=True)) & coordinated_subregion_ids(
        user
    ):
        return ALLOW
    return deny(_("Only the programme's administrators and coordinators can see nominations."))


@same_municipality("nomination")
def can_view_nomination(user, nomination: Nomination) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_admin(user, nomination.call.programme_id) or coordinates(user, nomination):
        return ALLOW
    if nomination.teacher_id == user.pk or is_family(user, nomination):
        return ALLOW
    if is_panel_member(user, nomination.call_id):
        if is_conflicted(user, nomination):
            return deny(_("You declared a conflict of interest for this entry."))
        if nomination.submitted_at is None:
            return deny(_("The application is not completed yet."))
        return ALLOW
    if coordinated_subregion_ids(user):
        return deny(NOT_YOURS)
    return deny(_("You cannot see this nomination."))


@same_municipality("nomination")
def can_see_staff_details(user, nomination: Nomination) -> Verdict:
    """Scores, conflicts, decisions and notes: the administration and the sub-region's
    coordinator."""
    if is_admin(user, nomination.call.programme_id) or coordinates(user, nomination):
        return ALLOW
    return deny(_("Only the programme's administrators and the coordinator can see this."))


@same_municipality("nomination")
def can_complete(user, nomination: Nomination, now=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if not is_family(user, nomination):
        return deny(_("Only the pupil or the guardian can complete the application."))
    if nomination.withdrawn_at:
        return deny(_("The nomination was withdrawn."))
    if nomination.submitted_at:
        return deny(_("The application is already completed."))
    if not nomination.call.completion_open(now):
        return deny(deadline_passed(nomination.call.completion_deadline))
    return ALLOW


@same_municipality("nomination")
def can_consent(user, nomination: Nomination, now=None) -> Verdict:
    if not (verdict := can_complete(user, nomination, now)):
        return verdict
    if not is_guardian(user, nomination):
        return deny(_("Only the guardian can give consent."))
    return ALLOW


@same_municipality("nomination")
def can_withdraw(user, nomination: Nomination) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if nomination.withdrawn_at:
        return deny(_("The nomination was withdrawn."))
    if nomination.outcome != Nomination.Outcome.PENDING:
        return deny(_("The nomination has been decided."))
    if (
        nomination.teacher_id == user.pk
        or is_family(user, nomination)
        or is_admin(user, nomination.call.programme_id)
    ):
        return ALLOW
    return deny(_("Only the teacher, the pupil, the guardian or the administration can do this."))


@same_municipality("nomination")
def can_declare_conflict(user, nomination: Nomination) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if not is_panel_member(user, nomination.call_id):
        return deny(_("Only the call's panel members declare conflicts of interest."))
    return ALLOW


@same_municipality("nomination")
def can_score(user, nomination: Nomination) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if not is_panel_member(user, nomination.call_id):
        return deny(_("Only the call's panel members can score entries."))
    if is_conflicted(user, nomination):
        return deny(_("You have a conflict of interest for this entry and cannot score it."))
    if nomination.submitted_at is None or nomination.withdrawn_at:
        return deny(_("Only completed applications are scored."))
    if nomination.outcome != Nomination.Outcome.PENDING:
        return deny(_("The entry has been decided; scores can no longer change."))
    return ALLOW


@same_municipality("call")
def can_panel(user, call: Call) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_panel_member(user, call):
        return ALLOW
    return deny(_("Only the call's panel members can see the panel's entries."))


@same_municipality("nomination")
def can_decide(user, nomination: Nomination) -> Verdict:
    if not (verdict := can_administer(user, nomination.call.programme)):
        return verdict
    if nomination.submitted_at is None or nomination.withdrawn_at:
        return deny(_("Only completed applications can be decided."))
    return ALLOW


@same_municipality("nomination")
def can_answer_offer(user, nomination: Nomination, now=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if not is_family(user, nomination):
        return deny(_("Only the pupil or the guardian can answer the offer."))
    if nomination.offer != Nomination.Offer.OFFERED:
        return deny(_("There is no open offer to answer."))
    now = now or timezone.now()
    if nomination.offer_deadline and now >= nomination.offer_deadline:
        return deny(deadline_passed(nomination.offer_deadline))
    return ALLOW


@same_municipality("nomination")
def can_book_slot(user, nomination: Nomination, now=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    staff = is_admin(user, nomination.call.programme_id) or coordinates(user, nomination)
    if not (staff or is_family(user, nomination)):
        return deny(_("Only the pupil, the guardian or the programme's staff can book a slot."))
    if nomination.withdrawn_at or nomination.outcome != Nomination.Outcome.PENDING:
        return deny(_("Audition slots are booked before the decision."))
    if not nomination.track.by_audition:
        return deny(_("This track admits by nomination, without an audition."))
    return ALLOW


@same_municipality("nomination")
def can_add_note(user, nomination: Nomination) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if nomination.offer != Nomination.Offer.ACCEPTED:
        return deny(_("Progress notes are kept for pupils in the programme."))
    if (
        nomination.teacher_id == user.pk
        or is_admin(user, nomination.call.programme_id)
        or coordinates(user, nomination)
    ):
        return ALLOW
    return deny(_("Only the pupil's teacher, the coordinator or the administration can do this."))


@same_municipality("session")
def can_mark_attendance(user, session) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_admin(user, session.programme_id):
        return ALLOW
    if session.subregion_id and session.subregion_id in coordinated_subregion_ids(user):
        return ALLOW
    return deny(_("Only the administration or the sub-region's coordinator can do this."))


def can_see_my_talent(user) -> Verdict:
    return require_login(user)
