"""Yearly re-registration: each family answers for all their children's places in one page
(continue, change to another offer, or quit) until the deadline; on the deadline a job applies
the answers, and silence is handled as the school year's rule says."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.tasks import claim

from .models import Application, Continuation, Offer, Place, SchoolYear
from .rules import can_act_for_pupil, can_administer


def next_year(year: SchoolYear) -> SchoolYear | None:
    return (
        SchoolYear.objects.filter(school=year.school, starts_on__gt=year.starts_on)
        .order_by("starts_on")
        .first()
    )


def is_open(year: SchoolYear, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        year.continuation_deadline is not None
        and today <= year.continuation_deadline
        and year.continuation_done_at is None
    )


def counterpart(offer: Offer, year: SchoolYear | None) -> Offer | None:
    """The same subject, programme and form in the next year, where a pupil continues."""
    if year is None:
        return None
    return Offer.objects.filter(
        school_year=year,
        subject=offer.subject_id,
        programme=offer.programme,
        teaching=offer.teaching,
    ).first()


@transaction.atomic
def answer(user, year: SchoolYear, answers: list[tuple[Place, str, Offer | None]]) -> int:
    """Save a family's answers for their places in `year` (changeable until the deadline)."""
    if not is_open(year):
        raise DomainError(_("Re-registration is closed for this school year."), code="closed")
    following = next_year(year)
    saved = 0
    for index, (place, choice, new_offer) in enumerate(answers):
        can_act_for_pupil(user, place.pupil).enforce()
        if place.offer.school_year_id != year.pk or place.left_on is not None:
            raise DomainError(_("This place is not one to re-register."))
        if choice not in Continuation.Answer.values:
            raise DomainError(_("Choose continue, change or quit."))
        if choice == Continuation.Answer.CHANGE:
            allowed_year = following or year
            if new_offer is None or new_offer.school_year_id != allowed_year.pk:
                error = DomainError(
                    _("Choose the offer %(name)s changes to.") % {"name": place.pupil.first_name},
                    field="new_offer",
                )
                error.row = index
                raise error
        else:
            new_offer = None
        Continuation.objects.update_or_create(
            place=place,
            defaults={
                "answer": choice,
                "new_offer": new_offer,
                "answered_by": user,
                "by_rule": False,
            },
        )
        saved += 1
    notify("culture_school.reregistered", actor=user, target=year, data={"places": saved})
    return saved


def apply_deadline(year: SchoolYear, now=None) -> dict | None:
    """After the deadline: quit ends the place at the year's end; continue gives a place in the
    next year's counterpart offer (or joins its waiting list when it is full or missing an
    offer); change applies for the new offer. Silence follows the year's rule. Claimed once."""
    now = now or timezone.now()
    counts = {"continue": 0, "change": 0, "quit": 0, "waiting": 0}
    with transaction.atomic():
        deadline = year.continuation_deadline
        if deadline is None or timezone.localdate(now) <= deadline:
            return None
        if not claim(year, "continuation_done_at", now):
            return None
        following = next_year(year)
        places = list(
            Place.objects.active()
            .filter(offer__school_year=year)
            .select_related("offer", "pupil")
            .order_by("id")
        )
        answers = {c.place_id: c for c in Continuation.objects.filter(place__in=places)}
        for place in places:
            found = answers.get(place.pk)
            if found is None:
                found = Continuation.objects.create(
                    place=place, answer=year.continuation_silence, by_rule=True
                )
            place.left_on = year.ends_on
            place.save(update_fields=["left_on"])
            if found.answer == Continuation.Answer.QUIT:
                counts["quit"] += 1
                continue
            target = (
                found.new_offer
                if found.answer == Continuation.Answer.CHANGE
                else counterpart(place.offer, following)
            )
            if target is None:
                continue
            counts[found.answer] += 1
            target = lock(target)[0]
            taken = Place.objects.active().filter(offer=target).count()
            if found.answer == Continuation.Answer.CONTINUE and taken < target.places:
                Place.objects.get_or_create(
                    pupil=place.pupil, offer=target, left_on=None,
                    defaults={"started_on": target.school_year.starts_on},
                )  # fmt: skip
            else:
                Application.objects.get_or_create(
                    pupil=place.pupil,
                    offer=target,
                    status=Application.Status.WAITING,
                    defaults={"preference": 1, "applied_at": now},
                )
                counts["waiting"] += 1
        notify("culture_school.reregistration_applied", target=year, data=counts)
    return counts


def apply_due_deadlines(now=None) -> int:
    """The scheduled job: every school year whose re-registration deadline has passed."""
    now = now or timezone.now()
    years = SchoolYear.objects.filter(
        continuation_deadline__lt=timezone.localdate(now), continuation_done_at__isnull=True
    )
    return sum(1 for year in years if apply_deadline(year, now) is not None)


@transaction.atomic
def set_deadline(user, year: SchoolYear, deadline: dt.date | None, silence: str) -> SchoolYear:
    can_administer(user, year.school).enforce()
    if silence not in SchoolYear.Silence.values:
        raise DomainError(_("Choose what happens when a family does not answer."))
    if deadline is not None and not (year.starts_on <= deadline <= year.ends_on):
        raise DomainError(
            _("The deadline must fall within the school year."), field="continuation_deadline"
        )
    year = lock(year)[0]
    year.continuation_deadline = deadline
    year.continuation_silence = silence
    year.save(update_fields=["continuation_deadline", "continuation_silence"])
    notify("culture_school.reregistration_deadline", actor=user, target=year)
    return year
