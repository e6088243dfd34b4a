"""Writes about fees: income reductions (applied for with evidence, decided by staff) and free
places (set by staff with a reason)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core import uploads
from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify

from . import queries
from .models import FeeReduction, Guardianship, IncomeBand, Place, SchoolYear
from .rules import can_administer

EVIDENCE_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
MAX_EVIDENCE_BYTES = 10 * uploads.MEGABYTE


def band_for(year: SchoolYear, income_ore: int) -> IncomeBand | None:
    """The lowest band whose limit the income is within, or None (above every band)."""
    for band in IncomeBand.objects.filter(school_year=year).select_related("school_year"):
        if income_ore <= band.limit_ore():
            return band
    return None


@transaction.atomic
def request_reduction(user, year: SchoolYear, household_income_ore: int, evidence) -> FeeReduction:
    if not user.is_authenticated:
        raise DomainError(_("You must log in first."))
    if not Guardianship.objects.filter(
        user=user, is_payer=True, pupil__school=year.school
    ).exists():
        raise DomainError(_("Only the payer of a pupil's fee can apply for a reduction."))
    if household_income_ore is None or household_income_ore < 0:
        raise DomainError(_("Give the household's income."), field="household_income")
    if evidence is None:
        raise DomainError(
            _("Attach evidence of the household's income, e.g. the tax assessment."),
            code="no_evidence",
            field="evidence",
        )
    mime = uploads.check_upload(
        evidence,
        EVIDENCE_TYPES,
        max_bytes=MAX_EVIDENCE_BYTES,
        field="evidence",
        kinds_label=_("PDF, JPEG or PNG"),
    )
    try:
        with transaction.atomic():
            reduction = FeeReduction.objects.create(
                school_year=year,
                payer=user,
                household_income_ore=household_income_ore,
                evidence=evidence,
                evidence_name=(getattr(evidence, "name", "") or "")[:200],
                evidence_type=mime,
            )
    except IntegrityError as exc:
        raise Conflict(
            _("You have already applied for a reduction this school year."), field="evidence"
        ) from exc
    notify(
        "culture_school.reduction_requested",
        actor=user,
        target=reduction,
        recipients=queries.admin_emails(year.school),
        template="culture_school/email/reduction_requested.txt",
        context={"reduction": reduction},
    )
    return reduction


@transaction.atomic
def decide_reduction(user, reduction: FeeReduction, grant: bool, note: str = "") -> FeeReduction:
    can_administer(user, reduction.school_year.school).enforce()
    reduction = lock(reduction)[0]
    if reduction.status != FeeReduction.Status.PENDING:
        raise Conflict(_("This request has already been decided."))
    if grant:
        band = band_for(reduction.school_year, reduction.household_income_ore)
        if band is None:
            raise DomainError(
                _("The income is above the highest band; the request can only be refused."),
                field="note",
            )
        reduction.band = band
        reduction.status = FeeReduction.Status.GRANTED
    else:
        if not note.strip():
            raise DomainError(_("Say why the request is refused."), field="note")
        reduction.status = FeeReduction.Status.REFUSED
    reduction.decided_by = user
    reduction.decided_at = timezone.now()
    reduction.decision_note = note.strip()
    reduction.save()
    notify(
        "culture_school.reduction_decided",
        actor=user,
        target=reduction,
        reason=note,
        recipients=[reduction.payer.email],
        template="culture_school/email/reduction_decided.txt",
        context={"reduction": reduction},
    )
    return reduction


@transaction.atomic
def set_free_place(user, place: Place, free: bool, reason: str = "") -> Place:
    can_administer(user, place.offer.school_year.school).enforce()
    reason = (reason or "").strip()
    if free and not reason:
        raise DomainError(_("Give the reason for the free place."), field="reason")
    place = lock(place)[0]
    place.free_place = free
    place.free_place_reason = reason if free else ""
    place.save(update_fields=["free_place", "free_place_reason"])
    notify("culture_school.free_place", actor=user, target=place, reason=reason)
    return place
