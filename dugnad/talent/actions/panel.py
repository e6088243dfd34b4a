"""Auditions and the panel: slots per discipline and place, conflicts of interest, scores."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify

from .. import rules
from ..models import AuditionSlot, Score
from ..models import Conflict as ConflictOfInterest

MAX_SLOTS = 60


def create_slots(user, call, *, discipline, place: str, starts_at, count: int, minutes: int):
    """`count` back-to-back slots of `minutes` from `starts_at` at `place`."""
    rules.can_administer(user, call.programme).enforce()
    if discipline.programme_id != call.programme_id:
        raise DomainError(_("Choose one of the programme's disciplines."), field="discipline")
    if not 1 <= count <= MAX_SLOTS:
        raise DomainError(
            _("Make from 1 to %(n)s slots at a time.") % {"n": MAX_SLOTS}, field="count"
        )
    if not 5 <= minutes <= 240:
        raise DomainError(_("A slot lasts from 5 to 240 minutes."), field="minutes")
    if not place.strip():
        raise DomainError(_("Say where the auditions are."), field="place")
    slots = [
        AuditionSlot(
            call=call,
            discipline=discipline,
            place=place.strip(),
            starts_at=starts_at + dt.timedelta(minutes=minutes * i),
            minutes=minutes,
        )
        for i in range(count)
    ]
    try:
        with transaction.atomic():
            AuditionSlot.objects.bulk_create(slots)
            notify("talent.slots.created", actor=user, target=call, data={"count": count})
    except IntegrityError as exc:
        raise Conflict(
            _("There is already a slot at this place at one of these times."), field="starts_at"
        ) from exc
    return slots


def book_slot(user, nomination, slot) -> AuditionSlot:
    """Book (the pupil or guardian) or assign (the administration or coordinator) a slot."""
    rules.can_book_slot(user, nomination).enforce()
    if slot.call_id != nomination.call_id or slot.discipline_id != nomination.discipline_id:
        raise DomainError(_("Choose a slot for the pupil's discipline in this call."), field="slot")
    with transaction.atomic():
        # The slot's row lock: two pupils never get one slot.
        (slot,) = lock(slot)
        if slot.nomination_id == nomination.pk:
            return slot
        if slot.nomination_id is not None:
            raise Conflict(_("That slot was just taken. Choose another."), field="slot")
        AuditionSlot.objects.filter(nomination=nomination).update(nomination=None)
        slot.nomination = nomination
        slot.save(update_fields=["nomination"])
        notify(
            "talent.slot.booked",
            actor=user,
            target=nomination,
            recipients=[nomination.pupil_email, nomination.guardian_email],
            template="talent/email/slot.txt",
            context={"nomination": nomination, "slot": slot},
        )
    return slot


def declare_conflict(user, nomination, reason: str) -> ConflictOfInterest:
    rules.can_declare_conflict(user, nomination).enforce()
    if not reason.strip():
        raise DomainError(_("Say what the conflict of interest is."), field="reason")
    with transaction.atomic():
        conflict, _created = ConflictOfInterest.objects.get_or_create(
            nomination=nomination, user=user, defaults={"reason": reason.strip()}
        )
        # Scores given before the declaration no longer count.
        Score.objects.filter(nomination=nomination, member=user).delete()
        notify("talent.conflict.declared", actor=user, target=nomination, reason=reason)
    return conflict


def save_scores(user, nomination, scores: dict) -> None:
    rules.can_score(user, nomination).enforce()
    criteria = list(nomination.call.criteria)
    unknown = set(scores) - set(criteria)
    if unknown:
        raise DomainError(_("Unknown criterion: %(c)s") % {"c": sorted(unknown)[0]})
    for criterion, value in scores.items():
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise DomainError(_("A score is from 1 to 5."), field=criterion)
    with transaction.atomic():
        for criterion, value in scores.items():
            Score.objects.update_or_create(
                nomination=nomination,
                member=user,
                criterion=criterion,
                defaults={"value": value},
            )
        notify("talent.scored", actor=user, target=nomination, data={"scores": scores})
