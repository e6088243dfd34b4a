"""The calendar's part of a person's data (protocol: core.privacy) and its views in the
access log: sign-ups, with the children and family members a guardian signed up."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept, Shown, Subject, forget_in_activity_log

from .models import Occurrence, SignUp, SignUpAnswer

PERSONAL_DATA_LABEL = _("Event sign-ups")
LABELS = {
    "signups": _("Sign-ups"),
    "event": _("Event"),
    "starts": _("Starts"),
    "participant": _("Participant"),
    "age": _("Age"),
    "email": _("Email"),
    "status": _("Status"),
    "place_on_the_waiting_list": _("Place on the waiting list"),
    "price_group": _("Price group"),
    "price_nok": _("Price (NOK)"),
    "answers": _("Answers"),
    "attended": _("Attended"),
    "signed_up_at": _("Signed up"),
    "cancelled_at": _("Cancelled"),
}
ERASED = "–"


def _signups_of(user):
    return SignUp.objects.filter(Q(booked_by=user) | Q(email__iexact=user.email)).filter(
        anonymised_at__isnull=True
    )


def _waiting_place(signup) -> int | None:
    if signup.status != SignUp.Status.WAITING:
        return None
    ahead = SignUp.objects.filter(
        occurrence_id=signup.occurrence_id, status=SignUp.Status.WAITING
    ).filter(
        Q(created_at__lt=signup.created_at) | Q(created_at=signup.created_at, pk__lt=signup.pk)
    )
    return ahead.count() + 1


def export(user) -> dict:
    signups = (
        _signups_of(user)
        .select_related("occurrence__event")
        .prefetch_related("answers__question")
        .order_by("occurrence__start", "id")
    )
    return {
        "signups": [
            {
                "event": s.occurrence.event.title,
                "starts": s.occurrence.start,
                "participant": s.participant_name,
                "age": s.participant_age,
                "email": s.email,
                "status": str(s.get_status_display()),
                "place_on_the_waiting_list": _waiting_place(s),
                "price_group": s.price_group_name,
                "price_nok": s.price_ore / 100,
                "answers": {a.question.label: a.value for a in s.answers.all()},
                "attended": s.attended,
                "signed_up_at": s.created_at,
                "cancelled_at": s.cancelled_at,
            }
            for s in signups
        ],
    }


def erase(user) -> list[Kept]:
    from .actions import cancel_signup

    # Someone else who gave this person's address keeps their sign-up, without the address.
    SignUp.objects.filter(email__iexact=user.email).exclude(booked_by=user).update(email="")
    signups = SignUp.objects.filter(booked_by=user, anonymised_at__isnull=True)
    # Places still to come are given up the usual way, so the waiting list moves on.
    upcoming = signups.filter(
        occurrence__start__gt=timezone.now(),
        status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING],
    ).select_related("occurrence__event")
    for signup in upcoming:
        cancel_signup(user, signup)
    rows = list(signups)
    if not rows:
        return []
    forget_in_activity_log(targets=rows)
    ids = [s.pk for s in rows]
    SignUpAnswer.objects.filter(signup_id__in=ids).delete()
    SignUp.objects.filter(pk__in=ids).update(
        participant_name=ERASED,
        participant_age=None,
        person_key="",
        contact_name="",
        phone="",
        email="",
        booked_by=None,
        anonymised_at=timezone.now(),
    )
    return [
        Kept(
            _("That the places on each date were taken, without names, ages or answers"),
            _(
                "The organiser's attendance figures and the price paid, where there was one; "
                "nothing in them tells who you or your family are."
            ),
        )
    ]


# --- Access log ----------------------------------------------------------------------------


def participants_shown(request, pk, occurrence_pk, **kwargs) -> Shown | None:
    occurrence = (
        Occurrence.objects.select_related("event").filter(pk=occurrence_pk, event_id=pk).first()
    )
    if occurrence is None:
        return None
    signups = (
        occurrence.signups.exclude(status=SignUp.Status.CANCELLED)
        .filter(anonymised_at__isnull=True)
        .select_related("booked_by")
    )
    subjects = [
        Subject(user=s.booked_by)
        if s.booked_by_id
        else Subject(description=_g("Sign-up %(id)s") % {"id": s.pk})
        for s in signups
    ]
    local = timezone.localtime(occurrence.start)
    what = _g("Participants of %(event)s, %(date)s") % {
        "event": occurrence.event.title,
        "date": local.strftime("%d.%m.%Y %H:%M"),
    }
    return Shown(what=what, subjects=subjects)
