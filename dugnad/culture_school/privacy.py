"""The culture school's part of a person's data (protocol: core.privacy), the staff views that
show pupils (access log), and the retention rule for pupils who left.

A guardian's export holds every pupil they act for (the children's data is theirs to see). On
erasure a pupil whose only guardian is this person is deleted with their applications and
places; a pupil shared with another guardian stays with them, and this person's link goes.
Pupils who left are anonymised `CULTURE_SCHOOL_RETENTION_DAYS` (default 730) after their last
place ended, by `anonymise_departed_pupils` (a scheduled task).
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept, Shown, Subject, forget_in_activity_log, people_shown

from .models import Application, FeeReduction, GuardianInvitation, Guardianship, Place, Pupil

PERSONAL_DATA_LABEL = _("Culture school")
LABELS = {
    "pupils": _("Pupils"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "birth_date": _("Date of birth"),
    "area": _("Part of the municipality"),
    "applications": _("Applications"),
    "places": _("Places"),
    "offer": _("Offer"),
    "preference": _("Preference"),
    "status": _("Status"),
    "applied_at": _("Applied"),
    "started_on": _("Started"),
    "left_on": _("Left"),
    "free_place": _("Free place"),
    "guardians": _("Guardians"),
    "fee_reductions": _("Fee reductions"),
    "school_year": _("School year"),
    "household_income_kroner": _("Household income (kroner)"),
    "evidence": _("Evidence"),
    "decision_note": _("Note on the decision"),
    "created_at": _("Created"),
}


def _pupil_data(pupil) -> dict:
    return {
        "first_name": pupil.first_name,
        "last_name": pupil.last_name,
        "birth_date": pupil.birth_date,
        "area": pupil.area.name if pupil.area else None,
        "guardians": [g.user.email for g in pupil.guardianships.all()],
        "applications": [
            {
                "offer": str(a.offer),
                "preference": a.preference,
                "status": a.status,
                "applied_at": a.applied_at,
            }
            for a in pupil.applications.all()
        ],
        "places": [
            {
                "offer": str(p.offer),
                "started_on": p.started_on,
                "left_on": p.left_on,
                "free_place": p.free_place,
            }
            for p in pupil.places.all()
        ],
    }


def export(user) -> dict:
    pupils = (
        Pupil.objects.filter(guardianships__user=user)
        .select_related("area")
        .prefetch_related(
            "guardianships__user",
            "applications__offer__subject",
            "applications__offer__school_year",
            "places__offer__subject",
            "places__offer__school_year",
        )
        .distinct()
    )
    reductions = [
        {
            "school_year": r.school_year.name,
            "household_income_kroner": r.household_income_ore / 100,
            "evidence": r.evidence_name,
            "status": r.status,
            "decision_note": r.decision_note,
            "created_at": r.created_at,
        }
        for r in FeeReduction.objects.filter(payer=user).select_related("school_year")
    ]
    if not pupils and not reductions:
        return {}
    return {"pupils": [_pupil_data(p) for p in pupils], "fee_reductions": reductions}


def erase(user) -> list[Kept]:
    kept = []
    for guardianship in Guardianship.objects.filter(user=user).select_related("pupil"):
        pupil = guardianship.pupil
        others = pupil.guardianships.exclude(user=user)
        if others.exists():
            guardianship.delete()
            if guardianship.is_payer:
                others.filter(pk=others.first().pk).update(is_payer=True)
            kept.append(
                Kept(
                    _g("A pupil you shared with another guardian"),
                    _g("The other guardian still acts for the pupil."),
                )
            )
        else:
            forget_in_activity_log(targets=[pupil, *pupil.applications.all()])
            pupil.delete()
    for reduction in FeeReduction.objects.filter(payer=user):
        # The evidence of income goes with the request; the invoices already sent are the
        # accounting system's, not kept here.
        reduction.evidence.delete(save=False)
        reduction.delete()
    GuardianInvitation.objects.filter(Q(invited_by=user) | Q(email__iexact=user.email)).delete()
    Application.objects.filter(applied_by=user).update(applied_by=None)
    return kept


def waiting_list_shown(request, pk, **kwargs) -> Shown | None:
    pupils = people_shown(request)
    if not pupils:
        return None
    return Shown(
        what=_g("Waiting list of culture school offer %(id)s") % {"id": pk},
        subjects=[Subject(description=_g("Pupil %(id)s") % {"id": p.pk}) for p in pupils],
    )


def reregistration_shown(request, year_pk, **kwargs) -> Shown | None:
    pupils = people_shown(request)
    if not pupils:
        return None
    return Shown(
        what=_g("Re-registration not answered, culture school year %(id)s") % {"id": year_pk},
        subjects=[Subject(description=_g("Pupil %(id)s") % {"id": p.pk}) for p in pupils],
    )


def payers_shown(request, **kwargs) -> Shown | None:
    payers = people_shown(request)
    if not payers:
        return None
    return Shown(
        what=_g("Culture school fees of payers"), subjects=[Subject(user=p) for p in payers]
    )


def evidence_shown(request, pk, **kwargs) -> Shown | None:
    reduction = FeeReduction.objects.filter(pk=pk).select_related("payer").first()
    if reduction is None:
        return None
    return Shown(what=_g("Evidence of household income"), subjects=[Subject(user=reduction.payer)])


def place_shown(request, pk, **kwargs) -> Shown | None:
    if not Place.objects.filter(pk=pk).exists():
        return None
    return Shown(
        what=_g("Culture school place %(id)s") % {"id": pk},
        subjects=[Subject(description=_g("Place %(id)s") % {"id": pk})],
    )


def retention_days() -> int:
    return int(getattr(settings, "CULTURE_SCHOOL_RETENTION_DAYS", 730))


def anonymise_departed_pupils(today: dt.date | None = None) -> int:
    """Anonymise pupils whose last place ended more than the retention period ago and who have
    nothing active (no place, no application waiting or offered). The rows stay, without the
    person, so that the year's figures still count them."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=retention_days())
    departed = (
        Pupil.objects.filter(anonymised_at__isnull=True, places__isnull=False)
        .exclude(places__left_on__isnull=True)
        .exclude(applications__status__in=Application.ACTIVE)
        .annotate(last_left=Max("places__left_on"))
        .filter(last_left__lt=cutoff)
    )
    count = 0
    for pupil in departed:
        with transaction.atomic():
            forget_in_activity_log(targets=[pupil])
            pupil.first_name, pupil.last_name = "–", ""
            # Keep the year of birth only: the age-group figures need no more.
            pupil.birth_date = pupil.birth_date.replace(month=1, day=1)
            pupil.account = None
            pupil.anonymised_at = timezone.now()
            pupil.save()
            pupil.guardianships.all().delete()
            pupil.invitations.all().delete()
            count += 1
    return count
