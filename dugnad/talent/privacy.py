"""Talent's part of a person's data (protocol: core.privacy) and its views in the access log.

A nomination is a child's data: a pupil or guardian sees and downloads it, and erasing their
account deletes undecided nominations (with their files) and strips the person from decided
ones, which stay only as numbers for the programme's figures (discipline, municipality,
gender, outcome)."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept, Shown, Subject, forget_in_activity_log, people_shown

from .models import (
    Conflict,
    Coordinator,
    Nomination,
    NominationFile,
    PanelMember,
    ProgrammeAdmin,
    Score,
    Teacher,
)

PERSONAL_DATA_LABEL = _("Talent programmes")
LABELS = {
    "nominations": _("Nominations"),
    "as": _("As"),
    "programme": _("Programme"),
    "year": _("Year"),
    "pupil": _("Pupil"),
    "birth_date": _("Date of birth"),
    "discipline": _("Discipline"),
    "repertoire": _("Repertoire or portfolio"),
    "answers": _("Answers"),
    "files": _("Files"),
    "decision": _("Decision"),
    "offer": _("Offer"),
    "roles": _("Roles"),
}
ERASED = "–"


def _family(user):
    email = (user.email or "").lower()
    return Nomination.objects.filter(
        Q(pupil_user=user)
        | Q(guardian_user=user)
        | Q(pupil_email__iexact=email)
        | Q(guardian_email__iexact=email)
    )


def export(user) -> dict:
    rows = []
    mine = (
        (_family(user) | Nomination.objects.filter(teacher=user))
        .distinct()
        .select_related("call__programme", "discipline")
        .prefetch_related("files")
    )
    for n in mine:
        role = _g("Teacher") if n.teacher_id == user.pk else _g("Pupil or guardian")
        rows.append(
            {
                "as": role,
                "programme": n.call.programme.name,
                "year": n.call.year,
                "pupil": n.pupil_name,
                "birth_date": n.birth_date,
                "discipline": n.discipline.name,
                "repertoire": n.repertoire,
                "answers": n.answers,
                "files": [f.original_name for f in n.files.all()],
                "decision": str(n.get_outcome_display()),
                "offer": str(n.get_offer_display()),
            }
        )
    roles = (
        [str(r) for r in ProgrammeAdmin.objects.filter(user=user).select_related("programme")]
        + [str(r) for r in Coordinator.objects.filter(user=user).select_related("subregion")]
        + [str(r) for r in PanelMember.objects.filter(user=user).select_related("call__programme")]
        + [str(r) for r in Teacher.objects.filter(user=user).select_related("programme")]
    )
    if not rows and not roles:
        return {}
    return {"nominations": rows, "roles": roles}


def erase(user) -> list[Kept]:
    kept = []
    family = list(_family(user))
    undecided = [n for n in family if n.outcome == Nomination.Outcome.PENDING]
    decided = [n for n in family if n.outcome != Nomination.Outcome.PENDING]
    for f in NominationFile.objects.filter(nomination__in=family):
        storage, name = f.file.storage, f.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    NominationFile.objects.filter(nomination__in=family).delete()
    forget_in_activity_log(targets=family)
    Nomination.objects.filter(pk__in=[n.pk for n in undecided], renewal=None).delete()
    for n in decided:
        n.pupil_name = f"{ERASED} {n.pk}"
        n.pupil_email = n.guardian_email = n.guardian_name = ""
        n.pupil_user = n.guardian_user = None
        n.repertoire = n.teacher_statement = ""
        n.answers = {}
        n.save()
    if decided:
        kept.append(
            Kept(
                _("Decided nominations, without names, contact details or answers"),
                _("The programme reports how many were admitted, by discipline and municipality."),
            )
        )
    for model in (ProgrammeAdmin, Coordinator, PanelMember, Teacher, Conflict, Score):
        model.objects.filter(**{"member" if model is Score else "user": user}).delete()
    return kept


# --- Access log ----------------------------------------------------------------------------


def _subjects(nomination) -> list[Subject]:
    people = [p for p in (nomination.pupil_user, nomination.guardian_user) if p is not None]
    if people:
        return [Subject(user=p) for p in people]
    # Never the child's name: the log is kept after the nomination is erased.
    return [Subject(description=_g("Pupil of nomination %s") % nomination.reference)]


def nomination_shown(request, pk, **kwargs) -> Shown | None:
    nomination = (
        Nomination.objects.select_related("pupil_user", "guardian_user").filter(pk=pk).first()
    )
    if nomination is None:
        return None
    user = request.user
    if user.pk in (nomination.pupil_user_id, nomination.guardian_user_id):
        return None
    return Shown(
        what=_g("Talent nomination %(reference)s") % {"reference": nomination.reference},
        subjects=_subjects(nomination),
    )


def list_shown(request, pk, **kwargs) -> Shown | None:
    shown = list(people_shown(request))
    if not shown:
        return None
    subjects = []
    for nomination in shown:
        subjects.extend(_subjects(nomination))
    return Shown(what=_g("Talent nominations of call %(pk)s") % {"pk": pk}, subjects=subjects)


def session_shown(request, pk, **kwargs) -> Shown | None:
    subjects = []
    for nomination in people_shown(request):
        subjects.extend(_subjects(nomination))
    if not subjects:
        return None
    return Shown(what=_g("Attendance of talent session %(pk)s") % {"pk": pk}, subjects=subjects)
