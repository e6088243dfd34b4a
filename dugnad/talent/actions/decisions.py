"""Decisions, offers and the waiting list. A place is never given twice: every change to who
holds a place of a call runs under that call's row lock (core.locking) and counts the places
held inside it."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.links import municipality_url
from dugnad.core.locking import lock
from dugnad.core.notify import notify

from .. import rules
from ..models import Nomination

HOLDING = (Nomination.Offer.OFFERED, Nomination.Offer.ACCEPTED)


def places_held(call) -> int:
    return Nomination.objects.filter(call=call, offer__in=HOLDING).count()


def _letter(nomination, event: str, actor=None):
    link = municipality_url(nomination.call.programme.municipality) + nomination.get_absolute_url()
    notify(
        event,
        actor=actor,
        target=nomination,
        data={"outcome": nomination.outcome, "offer": nomination.offer},
        recipients=[nomination.pupil_email, nomination.guardian_email, nomination.teacher.email],
        template="talent/email/decision.txt",
        context={"nomination": nomination, "link": link},
    )


def _offer(nomination, now) -> None:
    nomination.outcome = Nomination.Outcome.ADMITTED
    nomination.offer = Nomination.Offer.OFFERED
    nomination.waiting_position = None
    nomination.offer_deadline = now + dt.timedelta(days=nomination.call.answer_days)


def decide(user, nomination, outcome: str, now=None) -> Nomination:
    """Admit (offer a place), put on the waiting list, or not admit; letters to pupil, guardian
    and teacher."""
    if outcome not in (
        Nomination.Outcome.ADMITTED,
        Nomination.Outcome.WAITING,
        Nomination.Outcome.NOT_ADMITTED,
    ):
        raise DomainError(_("Choose a decision."), field="outcome")
    now = now or timezone.now()
    with transaction.atomic():
        call, nomination = lock(nomination.call, nomination)
        nomination.call = call
        rules.can_decide(user, nomination).enforce()
        if nomination.holds_place and outcome != Nomination.Outcome.ADMITTED:
            raise Conflict(
                _("The pupil holds a place; they must decline it before the decision can change.")
            )
        if outcome == nomination.outcome:
            return nomination
        if outcome == Nomination.Outcome.ADMITTED:
            if places_held(call) >= call.places:
                raise Conflict(
                    _("All %(n)s places are taken. Put the pupil on the waiting list.")
                    % {"n": call.places},
                    code="full",
                    field="outcome",
                )
            _offer(nomination, now)
        elif outcome == Nomination.Outcome.WAITING:
            last = Nomination.objects.filter(call=call, outcome=outcome).aggregate(
                last=Max("waiting_position")
            )["last"]
            nomination.outcome = outcome
            nomination.waiting_position = (last or 0) + 1
            nomination.offer = Nomination.Offer.NONE
        else:
            nomination.outcome = outcome
            nomination.waiting_position = None
            nomination.offer = Nomination.Offer.NONE
        nomination.decided_at = now
        nomination.save()
        _letter(nomination, "talent.decided", actor=user)
    return nomination


def _offer_next(call, now) -> Nomination | None:
    """Offer the freed place to the first on the waiting list, if any (call is locked)."""
    if places_held(call) >= call.places:
        return None
    following = (
        Nomination.objects.filter(call=call, outcome=Nomination.Outcome.WAITING)
        .select_related("call__programme__municipality", "teacher")
        .order_by("waiting_position", "pk")
        .first()
    )
    if following is None:
        return None
    _offer(following, now)
    following.decided_at = now
    following.save()
    _letter(following, "talent.offered_from_waiting_list")
    return following


def answer_offer(user, nomination, accept: bool, now=None) -> Nomination:
    now = now or timezone.now()
    with transaction.atomic():
        call, nomination = lock(nomination.call, nomination)
        nomination.call = call
        rules.can_answer_offer(user, nomination, now=now).enforce()
        nomination.offer = Nomination.Offer.ACCEPTED if accept else Nomination.Offer.DECLINED
        nomination.answered_at = now
        nomination.save(update_fields=["offer", "answered_at"])
        notify(
            "talent.offer.accepted" if accept else "talent.offer.declined",
            actor=user,
            target=nomination,
            recipients=[nomination.teacher.email],
            template="talent/email/answer.txt",
            context={"nomination": nomination},
        )
        if not accept:
            _offer_next(call, now)
    return nomination


def expire_offers(call, now=None) -> int:
    """Offers not answered by their deadline lapse, and their places go to the waiting list."""
    now = now or timezone.now()
    expired = 0
    with transaction.atomic():
        (call,) = lock(call)
        overdue = list(
            Nomination.objects.select_for_update().filter(
                call=call, offer=Nomination.Offer.OFFERED, offer_deadline__lte=now
            )
        )
        for nomination in overdue:
            nomination.offer = Nomination.Offer.EXPIRED
            nomination.save(update_fields=["offer"])
            notify("talent.offer.expired", target=nomination)
            expired += 1
        for _i in range(expired):
            _offer_next(call, now)
    return expired
