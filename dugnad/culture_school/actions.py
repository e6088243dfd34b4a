"""Every write of the culture school: offers and rules, pupils and guardians, applications,
offers of places (with the offer's row lock, so a place is never offered twice) and expiry."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.links import municipality_url
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.tasks import claim

from . import queries
from .models import (
    LAST_GRADE,
    Application,
    GuardianInvitation,
    Guardianship,
    Offer,
    Place,
    PlaceOffer,
    Pupil,
    RuleKind,
    School,
    SchoolYear,
    WaitingRule,
    grade_ages,
)
from .rules import can_act_for_pupil, can_administer

MAX_CHOICES = 3
ADULT_AGE = 18

OFFER_FIELDS = (
    "subject",
    "programme",
    "teaching",
    "minutes",
    "min_age",
    "max_age",
    "min_grade",
    "max_grade",
    "places",
    "fee_plan",
    "venue",
    "area",
    "description",
    "is_published",
)


# --- Offers and rules (staff) ----------------------------------------------------------------


@transaction.atomic
def save_offer(user, year: SchoolYear, data: dict, offer: Offer | None = None) -> Offer:
    can_administer(user, year.school).enforce()
    data = _with_range(data)
    if data["subject"].school_id != year.school_id or data["fee_plan"].school_id != year.school_id:
        raise DomainError(_("Choose a subject and a fee plan of this culture school."))
    created = offer is None
    if created:
        offer = Offer(school_year=year)
    else:
        offer = lock(offer)[0]
        taken = offer.place_set.filter(left_on__isnull=True).count() + (
            offer.applications.filter(status=Application.Status.OFFERED).count()
        )
        if data["places"] < taken:
            raise DomainError(
                _("%(taken)s places are taken or offered; the offer cannot have fewer.")
                % {"taken": taken},
                field="places",
            )
    for name in OFFER_FIELDS:
        if name in data:
            setattr(offer, name, data[name])
    offer.save()
    notify(
        "culture_school.offer_created" if created else "culture_school.offer_changed",
        actor=user,
        target=offer,
    )
    return offer


def _with_range(data: dict) -> dict:
    """An offer is for an age range or a grade range; a grade range sets the ages it spans."""
    data = dict(data)
    min_grade, max_grade = data.get("min_grade"), data.get("max_grade")
    if min_grade is not None or max_grade is not None:
        if min_grade is None or max_grade is None:
            field = "min_grade" if min_grade is None else "max_grade"
            raise DomainError(_("Give both the lowest and the highest grade."), field=field)
        if not 1 <= min_grade <= max_grade <= LAST_GRADE:
            raise DomainError(
                _("The grades go from 1 to 13, and the highest must not be below the lowest."),
                field="max_grade",
            )
        data["min_age"], data["max_age"] = grade_ages(min_grade, max_grade)
        return data
    data["min_grade"] = data["max_grade"] = None
    if data.get("min_age") is None or data.get("max_age") is None:
        field = "min_age" if data.get("min_age") is None else "max_age"
        raise DomainError(_("Give the age range, or a range of school grades."), field=field)
    if data["max_age"] < data["min_age"]:
        raise DomainError(
            _("The oldest age must be the same as or above the youngest."), field="max_age"
        )
    return data


@transaction.atomic
def set_rules(user, year: SchoolYear, kinds: list[str]) -> list[WaitingRule]:
    """Replace the year's waiting-list rules with `kinds`, in that order."""
    can_administer(user, year.school).enforce()
    if len(set(kinds)) != len(kinds) or any(kind not in RuleKind.values for kind in kinds):
        raise DomainError(_("Choose each rule at most once."), field="rules")
    WaitingRule.objects.filter(school_year=year).delete()
    rules = WaitingRule.objects.bulk_create(
        WaitingRule(school_year=year, position=n, kind=kind) for n, kind in enumerate(kinds, 1)
    )
    notify("culture_school.rules_set", actor=user, target=year, data={"rules": kinds})
    return rules


@transaction.atomic
def draw_lottery(user, year: SchoolYear, seed: str | None = None) -> SchoolYear:
    """Record a new lottery seed for the year's ties (who and when are recorded too)."""
    can_administer(user, year.school).enforce()
    year = lock(year)[0]
    year.lottery_seed = seed or secrets.token_hex(16)
    year.lottery_drawn_at = timezone.now()
    year.lottery_drawn_by = user
    year.save(update_fields=["lottery_seed", "lottery_drawn_at", "lottery_drawn_by"])
    notify(
        "culture_school.lottery_drawn", actor=user, target=year, data={"seed": year.lottery_seed}
    )
    return year


# --- Pupils and guardians (families) -----------------------------------------------------------


@transaction.atomic
def add_pupil(
    user, school: School, *, first_name, last_name, birth_date, area=None, myself=False
) -> Pupil:
    """Register a child the person is guardian of, or (an adult) themself as a pupil."""
    if not user.is_authenticated:
        raise DomainError(_("You must log in first."))
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if not first_name or not last_name:
        raise DomainError(_("Give the pupil's first and last name."), field="first_name")
    today = timezone.localdate()
    if birth_date >= today:
        raise DomainError(_("The date of birth must be in the past."), field="birth_date")
    age = Pupil(birth_date=birth_date).age_on(today)
    if myself and age < ADULT_AGE:
        raise DomainError(
            _("Only people of 18 or older apply for themselves; a guardian applies for a child."),
            field="birth_date",
        )
    if not myself and age >= ADULT_AGE + 8:
        raise DomainError(
            _("A guardian registers a child; an adult applies for themself."), field="birth_date"
        )
    if myself and Pupil.objects.filter(school=school, account=user).exists():
        raise Conflict(_("You are already registered as a pupil."), field="first_name")
    duplicate = Pupil.objects.filter(
        school=school,
        guardianships__user=user,
        first_name__iexact=first_name,
        birth_date=birth_date,
        anonymised_at__isnull=True,
    )
    if duplicate.exists():
        raise Conflict(_("This child is already registered."), field="first_name")
    pupil = Pupil.objects.create(
        school=school,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        area=area,
        account=user if myself else None,
    )
    Guardianship.objects.create(pupil=pupil, user=user, is_payer=True)
    notify("culture_school.pupil_added", actor=user, target=pupil)
    return pupil


@transaction.atomic
def invite_guardian(user, pupil: Pupil, email: str, base_url: str | None = None):
    can_act_for_pupil(user, pupil).enforce()
    email = (email or "").strip().lower()
    if not email:
        raise DomainError(_("Give the other guardian's email address."), field="email")
    if pupil.account_id:
        raise DomainError(_("An adult pupil's page is not shared."), field="email")
    if pupil.guardianships.filter(user__email__iexact=email).exists():
        raise Conflict(_("This person already shares the child's page."), field="email")
    invitation = GuardianInvitation.objects.filter(
        pupil=pupil, email=email, accepted_at__isnull=True
    ).first() or GuardianInvitation.objects.create(pupil=pupil, email=email, invited_by=user)
    link = (base_url or municipality_url(pupil.school.municipality)) + invitation_path(invitation)
    notify(
        "culture_school.guardian_invited",
        actor=user,
        target=pupil,
        recipients=[email],
        template="culture_school/email/invitation.txt",
        context={"pupil": pupil, "inviter": user, "link": link},
    )
    return invitation


def invitation_path(invitation) -> str:
    from django.urls import reverse

    return reverse("culture_school:invitation", kwargs={"token": invitation.token})


@transaction.atomic
def accept_invitation(user, invitation: GuardianInvitation) -> Guardianship:
    if not user.is_authenticated:
        raise DomainError(_("You must log in first."))
    invitation = lock(invitation)[0]
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been used."))
    if invitation.email.lower() != user.email.lower():
        raise DomainError(
            _("This invitation was sent to another email address. Log in as %(email)s.")
            % {"email": invitation.email}
        )
    guardianship, _created = Guardianship.objects.get_or_create(pupil=invitation.pupil, user=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    notify("culture_school.guardian_joined", actor=user, target=invitation.pupil)
    return guardianship


# --- Applications --------------------------------------------------------------------------


def _check_choice(pupil: Pupil, offer: Offer) -> None:
    year = offer.school_year
    name = offer.subject.name
    if offer.school_year.school_id != pupil.school_id or not offer.is_published:
        raise DomainError(_("%(offer)s is not open for applications.") % {"offer": name})
    if not year.applications_open or year.ends_on < timezone.localdate():
        raise DomainError(
            _("Applications for %(year)s are closed.") % {"year": year.name}, code="closed"
        )
    if offer.by_grade:
        grade = pupil.grade_in(year)
        if not offer.min_grade <= grade <= offer.max_grade:
            raise DomainError(
                _("%(offer)s is for grades %(min)s to %(max)s; %(pupil)s is not in those grades "
                  "in %(year)s.")
                % {"offer": name, "min": offer.min_grade, "max": offer.max_grade,
                   "pupil": pupil.first_name, "year": year.name},
                code="grade",
            )  # fmt: skip
        return
    age = pupil.age_on(max(year.starts_on, timezone.localdate()))
    if not offer.min_age <= age <= offer.max_age:
        raise DomainError(
            _("%(offer)s is for ages %(min)s to %(max)s; %(pupil)s is %(age)s.")
            % {"offer": name, "min": offer.min_age, "max": offer.max_age, "pupil": pupil.first_name,
               "age": age},
            code="age",
        )  # fmt: skip


@transaction.atomic
def apply(user, pupil: Pupil, offers: list[Offer]) -> list[Application]:
    """Apply for up to three offers, in order of preference; each joins its waiting list."""
    can_act_for_pupil(user, pupil).enforce()
    offers = [offer for offer in offers if offer is not None]
    if not offers:
        raise DomainError(_("Choose at least one offer."), field="choice_1")
    if len(offers) > MAX_CHOICES:
        raise DomainError(_("Choose at most three offers."), field="choice_1")
    if len({offer.pk for offer in offers}) != len(offers):
        raise DomainError(_("Choose each offer only once."), field="choice_2")
    pupil = lock(pupil)[0]  # one family's two clicks are serialised on the pupil row
    for offer in offers:
        _check_choice(pupil, offer)
    active = dict(
        Application.objects.filter(pupil=pupil, status__in=Application.ACTIVE).values_list(
            "offer_id", "status"
        )
    )
    for offer in offers:
        if offer.pk in active:
            raise Conflict(
                _("%(pupil)s has already applied for %(offer)s.")
                % {"pupil": pupil.first_name, "offer": offer.subject.name},
                code="already_applied",
            )
    now = timezone.now()
    try:
        with transaction.atomic():
            created = [
                Application.objects.create(
                    pupil=pupil, offer=offer, preference=n, applied_by=user, applied_at=now
                )
                for n, offer in enumerate(offers, 1)
            ]
    except IntegrityError as exc:
        raise Conflict(
            _("This application has already been sent."), code="already_applied"
        ) from exc
    notify(
        "culture_school.applied",
        actor=user,
        target=pupil,
        recipients=[user.email],
        template="culture_school/email/applied.txt",
        context={"pupil": pupil, "applications": created},
        data={"offers": [offer.pk for offer in offers]},
    )
    return created


@transaction.atomic
def withdraw(user, application: Application) -> Application:
    can_act_for_pupil(user, application.pupil).enforce()
    application = lock(application)[0]
    if application.status != Application.Status.WAITING:
        raise DomainError(_("Only an application on the waiting list can be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "changed_at"])
    notify("culture_school.withdrawn", actor=user, target=application)
    return application


# --- Offers of a place ------------------------------------------------------------------------


def _taken(offer: Offer) -> int:
    placed = Place.objects.active().filter(offer=offer).count()
    offered = Application.objects.filter(offer=offer, status=Application.Status.OFFERED).count()
    return placed + offered


def _offer_to(actor, application: Application, now, days: int) -> PlaceOffer:
    application.status = Application.Status.OFFERED
    application.save(update_fields=["status", "changed_at"])
    place_offer = PlaceOffer.objects.create(
        application=application,
        offered_by=actor if actor is not None and actor.is_authenticated else None,
        offered_at=now,
        deadline=now + dt.timedelta(days=days),
    )
    pupil = application.pupil
    notify(
        "culture_school.place_offered",
        actor=actor,
        target=application,
        recipients=queries.guardian_emails(pupil),
        template="culture_school/email/offered.txt",
        context={
            "pupil": pupil,
            "offer": application.offer,
            "deadline": date_format(timezone.localtime(place_offer.deadline), "DATETIME_FORMAT"),
            "link": municipality_url(pupil.school.municipality) + "/kulturskole/familie/",
        },
    )
    return place_offer


def _offer_free_places(actor, offer: Offer, count: int | None, application_id=None) -> list:
    """With the offer's row locked: offer free places down the list (or to one application)."""
    free = offer.places - _taken(offer)
    if free <= 0:
        raise Conflict(_("There are no free places left in this offer."), code="no_free_places")
    ranked = queries.waiting_list(offer)
    if application_id is not None:
        chosen = [r.application for r in ranked if r.application.pk == application_id]
        if not chosen:
            raise Conflict(
                _("This applicant is no longer on the waiting list."), code="not_waiting"
            )
    else:
        wanted = free if count is None else min(free, count)
        chosen = [r.application for r in ranked[:wanted]]
    now = timezone.now()
    days = offer.school_year.offer_days
    return [_offer_to(actor, application, now, days) for application in chosen]


@transaction.atomic
def make_offers(user, offer: Offer, count: int | None = None, application=None) -> list:
    """Offer free places to the first `count` on the waiting list (all free places if None),
    or to one chosen application. The offer's row lock makes two staff members pressing at
    once, and families answering at the same moment, take turns: a place is offered once."""
    can_administer(user, offer.school_year.school).enforce()
    if count is not None and count < 1:
        raise DomainError(_("Offer at least one place."), field="count")
    offer = lock(offer)[0]
    return _offer_free_places(
        user, offer, count, application.pk if application is not None else None
    )


def _answerable(place_offer: PlaceOffer, now) -> None:
    if place_offer.status == PlaceOffer.Status.EXPIRED or (
        place_offer.status == PlaceOffer.Status.OPEN and place_offer.deadline < now
    ):
        raise Conflict(
            _("The deadline to answer passed on %(when)s; the place has gone to the next.")
            % {"when": date_format(timezone.localtime(place_offer.deadline), "DATETIME_FORMAT")},
            code="expired",
        )
    if place_offer.status != PlaceOffer.Status.OPEN:
        raise Conflict(_("This offer has already been answered."), code="answered")


@transaction.atomic
def accept_offer(user, place_offer: PlaceOffer) -> Place:
    application = place_offer.application
    can_act_for_pupil(user, application.pupil).enforce()
    offer, place_offer = lock(application.offer, place_offer)
    now = timezone.now()
    _answerable(place_offer, now)
    place_offer.status = PlaceOffer.Status.ACCEPTED
    place_offer.answered_at = now
    place_offer.save(update_fields=["status", "answered_at"])
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.PLACED, changed_at=now
    )
    place = Place.objects.create(
        pupil=application.pupil,
        offer=offer,
        application=application,
        started_on=max(offer.school_year.starts_on, timezone.localdate()),
    )
    notify(
        "culture_school.offer_accepted",
        actor=user,
        target=place,
        recipients=queries.admin_emails(offer.school_year.school),
        template="culture_school/email/answered.txt",
        context={"pupil": application.pupil, "offer": offer, "accepted": True},
    )
    return place


@transaction.atomic
def decline_offer(user, place_offer: PlaceOffer) -> PlaceOffer:
    """Decline; the place goes to the next on the waiting list at once."""
    application = place_offer.application
    can_act_for_pupil(user, application.pupil).enforce()
    offer, place_offer = lock(application.offer, place_offer)
    now = timezone.now()
    _answerable(place_offer, now)
    place_offer.status = PlaceOffer.Status.DECLINED
    place_offer.answered_at = now
    place_offer.save(update_fields=["status", "answered_at"])
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.DECLINED, changed_at=now
    )
    notify("culture_school.offer_declined", actor=user, target=application)
    _pass_on(offer)
    return place_offer


def _pass_on(offer: Offer) -> list:
    """Offer a freed place to the next on the list, if there is one (offer row held)."""
    if offer.places - _taken(offer) <= 0 or not queries.waiting_list(offer):
        return []
    return _offer_free_places(None, offer, 1)


def expire_offer(place_offer: PlaceOffer, now=None) -> bool:
    """Pass an unanswered offer's place to the next; True when this call did it."""
    now = now or timezone.now()
    with transaction.atomic():
        offer, fresh = lock(place_offer.application.offer, place_offer)
        if fresh.status != PlaceOffer.Status.OPEN or fresh.deadline >= now:
            return False  # answered meanwhile, or not yet due
        if not claim(fresh, "expired_at", now):
            return False
        fresh.status = PlaceOffer.Status.EXPIRED
        fresh.save(update_fields=["status"])
        Application.objects.filter(pk=fresh.application_id).update(
            status=Application.Status.EXPIRED, changed_at=now
        )
        notify(
            "culture_school.offer_expired",
            target=fresh.application,
            recipients=queries.guardian_emails(fresh.application.pupil),
            template="culture_school/email/expired.txt",
            context={"pupil": fresh.application.pupil, "offer": offer},
        )
        _pass_on(offer)
    return True


def expire_offers(now=None) -> int:
    """The background job: every offer whose deadline has passed goes to the next."""
    now = now or timezone.now()
    return sum(expire_offer(place_offer, now) for place_offer in queries.expired_open_offers(now))


@transaction.atomic
def set_population(user, year: SchoolYear, population: int | None) -> SchoolYear:
    """The number of children aged 6-15 in the municipality this year, for the reach figure."""
    can_administer(user, year.school).enforce()
    if population is not None and population < 1:
        raise DomainError(_("Give the number of children, or leave it empty."), field="population")
    year = lock(year)[0]
    year.population_6_15 = population
    year.save(update_fields=["population_6_15"])
    notify(
        "culture_school.population_set", actor=user, target=year, data={"population": population}
    )
    return year
