"""Every write the activity calendar knows. Views and the API call these, nothing else."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.links import municipality_url
from dugnad.core.locking import lock
from dugnad.core.models import Unit
from dugnad.core.notify import notify
from dugnad.core.richtext import sanitise
from dugnad.core.tasks import claim

from . import feeds, queries
from .models import (
    Event,
    Occurrence,
    OrganiserPolicy,
    PriceGroup,
    SignUp,
    SignUpAnswer,
    SignUpQuestion,
    person_key,
)
from .recurrence import OSLO, expand
from .rules import (
    can_edit_event,
    can_publish_for,
    can_review_events,
    can_see_participants,
    can_sign_up,
    signup_open,
)

GUARDIAN_AGE = 13


@dataclass
class Schedule:
    first_day: date
    start_time: time
    end_time: time
    rule: str = ""
    extra_dates: list[date] = field(default_factory=list)
    exceptions: list[date] = field(default_factory=list)
    until: date | None = None

    @property
    def duration(self) -> timedelta:
        start = datetime.combine(self.first_day, self.start_time)
        end = datetime.combine(self.first_day, self.end_time)
        # An end time before the start time means "after midnight" only for late starts.
        if end <= start and self.start_time >= time(18) and self.end_time <= time(6):
            end += timedelta(days=1)
        return end - start

    def pairs(self):
        return expand(
            self.first_day,
            self.start_time,
            self.duration,
            self.rule,
            self.extra_dates,
            self.exceptions,
            self.until,
        )


EVENT_FIELDS = (
    "title", "summary", "description", "category", "min_age", "max_age", "price_ore",
    "venue_name", "address", "room", "area", "wheelchair_access", "hearing_loop", "easy_read",
    "sign_language", "languages", "image", "image_alt", "contact_name", "contact_email",
    "external_url", "signup_enabled", "capacity", "waitlist_capacity", "signup_opens_at",
    "signup_closes_at",
)  # fmt: skip


def _clean_values(values: dict) -> dict:
    cleaned = {key: values[key] for key in EVENT_FIELDS if key in values}
    if "title" in cleaned:
        cleaned["title"] = (cleaned["title"] or "").strip()
        if not cleaned["title"]:
            raise DomainError(_("Give the event a title."), code="title_required", field="title")
    if "summary" in cleaned:
        cleaned["summary"] = (cleaned["summary"] or "").strip()
    if "description" in cleaned:
        cleaned["description"] = sanitise(cleaned["description"] or "")
    if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
        raise DomainError(
            _("Describe the image for people who cannot see it."),
            code="image_alt_required",
            field="image_alt",
        )
    min_age, max_age = cleaned.get("min_age"), cleaned.get("max_age")
    if min_age is not None and max_age is not None and min_age > max_age:
        raise DomainError(
            _("The minimum age must not be above the maximum age."),
            code="age_range",
            field="max_age",
        )
    if cleaned.get("signup_enabled") and cleaned.get("capacity") is None:
        raise DomainError(
            _("Give the number of places when sign-up is on."),
            code="capacity_required",
            field="capacity",
        )
    opens, closes = cleaned.get("signup_opens_at"), cleaned.get("signup_closes_at")
    if opens and closes and closes <= opens:
        raise DomainError(
            _("Sign-up must close after it opens."), code="signup_window", field="signup_closes_at"
        )
    return cleaned


def _initial_status(organiser) -> str:
    if isinstance(organiser, Unit):
        return Event.Status.PUBLISHED
    policy = OrganiserPolicy.objects.filter(organisation=organiser).first()
    if policy is not None and policy.requires_approval:
        return Event.Status.PENDING
    return Event.Status.PUBLISHED


def _set_co_organisers(event: Event, co_organisers, co_organiser_units) -> None:
    # The organiser itself is never also its own co-organiser.
    if co_organisers is not None:
        event.co_organisers.set([o for o in co_organisers if o.pk != event.organisation_id])
    if co_organiser_units is not None:
        event.co_organiser_units.set([u for u in co_organiser_units if u.pk != event.unit_id])


def create_event(
    user,
    organiser,
    values: dict,
    schedule: Schedule,
    age_groups=(),
    co_organisers=None,
    co_organiser_units=None,
) -> Event:
    can_publish_for(user, organiser).enforce()
    cleaned = _clean_values(values)
    pairs = schedule.pairs()
    with transaction.atomic():
        event = Event(
            municipality=organiser.municipality,
            organisation=None if isinstance(organiser, Unit) else organiser,
            unit=organiser if isinstance(organiser, Unit) else None,
            status=_initial_status(organiser),
            rrule=schedule.rule,
            created_by=user,
            **cleaned,
        )
        event.save()
        event.age_groups.set(age_groups)
        _set_co_organisers(event, co_organisers, co_organiser_units)
        Occurrence.objects.bulk_create(
            Occurrence(event=event, start=start, end=end, original_start=start)
            for start, end in pairs
        )
        notify("event.created", actor=user, target=event, data={"occurrences": len(pairs)})
    return event


def update_event(
    user,
    event: Event,
    values: dict,
    age_groups=None,
    co_organisers=None,
    co_organiser_units=None,
) -> Event:
    can_edit_event(user, event).enforce()
    cleaned = _clean_values(values)
    with transaction.atomic():
        (event,) = lock(event)
        new_capacity = cleaned.get("capacity", event.capacity)
        if new_capacity is not None and cleaned.get("signup_enabled", event.signup_enabled):
            busiest = (
                event.occurrences.filter(capacity__isnull=True)
                .annotate(n=Count("signups", filter=Q(signups__status=SignUp.Status.CONFIRMED)))
                .order_by("-n")
                .values_list("n", flat=True)
                .first()
            ) or 0
            if new_capacity < busiest:
                raise Conflict(
                    _(
                        "%(n)s people are already signed up for one date; "
                        "places cannot go below that."
                    )
                    % {"n": busiest},
                    code="capacity_below_signups",
                )
        for key, value in cleaned.items():
            setattr(event, key, value)
        event.sequence += 1
        event.save()
        if age_groups is not None:
            event.age_groups.set(age_groups)
        _set_co_organisers(event, co_organisers, co_organiser_units)
        notify("event.updated", actor=user, target=event)
        for occurrence in event.occurrences.filter(status=Occurrence.Status.SCHEDULED):
            _promote_waiting(occurrence)
    return event


def reschedule_following(user, occurrence: Occurrence, start_time: time, end_time: time) -> int:
    """Move this and every following occurrence of the series to a new time of day."""
    event = occurrence.event
    can_edit_event(user, event).enforce()
    with transaction.atomic():
        (event,) = lock(event)
        following = list(event.occurrences.filter(original_start__gte=occurrence.original_start))
        for item in following:
            day = timezone.localtime(item.start, OSLO).date()
            schedule = Schedule(first_day=day, start_time=start_time, end_time=end_time)
            ((item.start, item.end),) = schedule.pairs()
            item.sequence += 1
        Occurrence.objects.bulk_update(following, ["start", "end", "sequence"])
        event.sequence += 1
        event.save(update_fields=["sequence", "updated_at"])
        notify("event.rescheduled", actor=user, target=event, data={"count": len(following)})
    return len(following)


def move_occurrence(user, occurrence: Occurrence, start: datetime, end: datetime, note: str = ""):
    can_edit_event(user, occurrence.event).enforce()
    if end <= start:
        raise DomainError(
            _("The event must end after it starts."), code="end_before_start", field="end"
        )
    with transaction.atomic():
        (occurrence,) = lock(occurrence)
        occurrence.start, occurrence.end = start, end
        occurrence.note = (note or "").strip()
        occurrence.sequence += 1
        occurrence.save()
        notify(
            "occurrence.moved",
            actor=user,
            target=occurrence.event,
            data={"occurrence": occurrence.pk, "start": start.isoformat()},
            recipients=queries.participant_emails(occurrence),
            template="activities/email/moved.txt",
            context={"occurrence": occurrence, "event": occurrence.event},
        )
    return occurrence


def cancel_occurrence(user, occurrence: Occurrence, reason: str = "") -> Occurrence:
    can_edit_event(user, occurrence.event).enforce()
    with transaction.atomic():
        (occurrence,) = lock(occurrence)
        if occurrence.is_cancelled:
            raise Conflict(_("This date is already cancelled."), code="already_cancelled")
        occurrence.status = Occurrence.Status.CANCELLED
        occurrence.note = (reason or "").strip()
        occurrence.sequence += 1
        occurrence.save()
        notify(
            "occurrence.cancelled",
            actor=user,
            target=occurrence.event,
            reason=reason,
            data={"occurrence": occurrence.pk},
            recipients=queries.participant_emails(occurrence),
            template="activities/email/cancelled.txt",
            context={"occurrence": occurrence, "event": occurrence.event, "reason": reason},
        )
    return occurrence


def approve_event(user, event: Event) -> Event:
    can_review_events(user, event).enforce()
    with transaction.atomic():
        (event,) = lock(event)
        event.status, event.status_reason = Event.Status.PUBLISHED, ""
        event.sequence += 1
        event.save()
        notify("event.approved", actor=user, target=event)
    return event


def unpublish_event(user, event: Event, reason: str) -> Event:
    can_review_events(user, event).enforce()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Say why the event is unpublished."), code="reason_required", field="reason"
        )
    with transaction.atomic():
        (event,) = lock(event)
        event.status, event.status_reason = Event.Status.UNPUBLISHED, reason
        event.sequence += 1
        event.save()
        recipients = [event.contact_email] + ([event.created_by.email] if event.created_by else [])
        notify(
            "event.unpublished",
            actor=user,
            target=event,
            reason=reason,
            recipients=recipients,
            template="activities/email/unpublished.txt",
            context={"event": event, "reason": reason},
        )
    return event


def set_requires_approval(user, organisation, required: bool, reason: str = "") -> OrganiserPolicy:
    can_review_events(user).enforce()
    policy, _created = OrganiserPolicy.objects.update_or_create(
        organisation=organisation,
        defaults={"requires_approval": required, "reason": (reason or "").strip()},
    )
    notify(
        "event_policy.changed",
        actor=user,
        target=organisation,
        reason=reason,
        data={"requires_approval": required},
    )
    return policy


def set_occurrence_capacity(user, occurrence: Occurrence, capacity: int | None) -> Occurrence:
    """Places on one date; None falls back to the event's. Never below those already confirmed."""
    can_edit_event(user, occurrence.event).enforce()
    if capacity is not None and capacity < 0:
        raise DomainError(
            _("The number of places cannot be negative."),
            code="capacity_negative",
            field="capacity",
        )
    with transaction.atomic():
        (occurrence,) = lock(occurrence)
        event = occurrence.event
        effective = capacity if capacity is not None else event.capacity
        confirmed = occurrence.signups.filter(status=SignUp.Status.CONFIRMED).count()
        if effective is not None and effective < confirmed:
            raise Conflict(
                _("%(n)s people are already signed up for this date; places cannot go below that.")
                % {"n": confirmed},
                code="capacity_below_signups",
                field="capacity",
            )
        occurrence.capacity = capacity
        occurrence.sequence += 1
        occurrence.save(update_fields=["capacity", "sequence"])
        notify(
            "occurrence.capacity_changed",
            actor=user,
            target=event,
            data={"occurrence": occurrence.pk, "capacity": capacity},
        )
        _promote_waiting(occurrence)
    return occurrence


def save_signup_setup(user, event: Event, questions: list[dict], price_groups: list[dict]):
    """Create, change and remove the event's sign-up questions and price groups in one go.

    Rows are dicts with `id` (None for a new row), `delete`, and the fields. A question that
    people have already answered is not removed, so that no answer is lost.
    """
    can_edit_event(user, event).enforce()
    with transaction.atomic():
        (event,) = lock(event)
        own_questions = {q.pk: q for q in event.signup_questions.all()}
        own_groups = {g.pk: g for g in event.price_groups.all()}
        for position, row in enumerate(questions):
            question = own_questions.get(row.get("id")) if row.get("id") else SignUpQuestion()
            if question is None:
                raise DomainError(_("This question belongs to another event."), code="foreign")
            if row.get("delete"):
                if question.pk and question.answers.exists():
                    raise Conflict(
                        _(
                            "“%(label)s” has answers already and cannot be removed; "
                            "make it optional instead."
                        )
                        % {"label": question.label},
                        code="question_answered",
                    )
                if question.pk:
                    question.delete()
                continue
            label = (row.get("label") or "").strip()
            if not label:
                raise DomainError(_("Write the question."), code="label_required", field="label")
            kind = row.get("kind") or SignUpQuestion.Kind.TEXT
            choices = "\n".join(
                line.strip() for line in (row.get("choices") or "").splitlines() if line.strip()
            )
            if kind == SignUpQuestion.Kind.CHOICE and not choices:
                raise DomainError(
                    _("Write at least one choice, one per line."),
                    code="choices_required",
                    field="choices",
                )
            question.event = event
            question.label, question.kind, question.choices = label, kind, choices
            question.required, question.position = bool(row.get("required")), position
            question.save()
        names = set()
        for position, row in enumerate(price_groups):
            group = own_groups.get(row.get("id")) if row.get("id") else PriceGroup()
            if group is None:
                raise DomainError(_("This price group belongs to another event."), code="foreign")
            if row.get("delete"):
                if group.pk:
                    group.delete()  # sign-ups keep the group's name and price
                continue
            name = (row.get("name") or "").strip()
            if not name:
                raise DomainError(_("Give the price group a name."), code="name_required")
            if name.casefold() in names:
                raise DomainError(
                    _("Two price groups are called “%(name)s”.") % {"name": name},
                    code="duplicate_price_group",
                )
            names.add(name.casefold())
            price = row.get("price_ore") or 0
            if price < 0:
                raise DomainError(_("A price cannot be negative."), code="price_negative")
            group.event, group.name, group.price_ore, group.position = event, name, price, position
            try:
                with transaction.atomic():
                    group.save()
            except IntegrityError:
                # Two groups swapping names in one save meet the unique name on the way.
                raise Conflict(
                    _("Rename the price groups one at a time (“%(name)s” is taken).")
                    % {"name": name},
                    code="duplicate_price_group",
                ) from None
        event.sequence += 1
        event.save(update_fields=["sequence", "updated_at"])
        notify(
            "event.signup_setup_changed",
            actor=user,
            target=event,
            data={
                "questions": event.signup_questions.count(),
                "price_groups": event.price_groups.count(),
            },
        )
    return event


# --- Sign-up ---------------------------------------------------------------------------------


def _ics_attachment(occurrence) -> list[tuple[str, str, str]]:
    text = feeds.render(
        [occurrence], occurrence.event.title, municipality_url(occurrence.event.municipality)
    ).decode()
    return [("invitation.ics", text, "text/calendar")]


@dataclass
class Participant:
    """One person in a sign-up: the signer (`for_self`) or someone they sign up, e.g. a child."""

    participant_name: str
    participant_age: int | None = None
    for_self: bool = False
    price_group: PriceGroup | None = None
    answers: dict = field(default_factory=dict)  # question pk -> answer text


def _check_participant(event: Event, person: Participant, questions, row: int | None):
    def fail(message, code, field_name):
        error = DomainError(message, code=code, field=field_name)
        error.row = row  # which form row of a multi-person sign-up to mark
        raise error

    person.participant_name = (person.participant_name or "").strip()
    if not person.participant_name:
        fail(_("Write the participant's name."), "name_required", "participant_name")
    age = person.participant_age
    if age is not None:
        if person.for_self and age < GUARDIAN_AGE:
            fail(
                _("Children under 13 are signed up by a parent or guardian."),
                "guardian_required",
                "participant_age",
            )
        if event.min_age is not None and age < event.min_age:
            fail(
                _("The lowest age for this event is %(age)s.") % {"age": event.min_age},
                "too_young",
                "participant_age",
            )
        if event.max_age is not None and age > event.max_age:
            fail(
                _("The highest age for this event is %(age)s.") % {"age": event.max_age},
                "too_old",
                "participant_age",
            )
    elif event.min_age is not None or event.max_age is not None:
        fail(
            _("This event has an age limit; give the participant's age."),
            "age_required",
            "participant_age",
        )
    groups = list(event.price_groups.all())
    if groups:
        if person.price_group is None:
            fail(_("Choose a price group."), "price_group_required", "price_group")
        if person.price_group.event_id != event.pk:
            fail(
                _("Choose one of this event's price groups."),
                "price_group_invalid",
                "price_group",
            )
    else:
        person.price_group = None
    answers = {}
    for question in questions:
        value = str(person.answers.get(question.pk) or "").strip()[:500]
        if question.required and not value:
            fail(_("Answer this question."), "answer_required", f"q_{question.pk}")
        is_choice = question.kind == SignUpQuestion.Kind.CHOICE
        if value and is_choice and value not in question.choice_list:
            fail(_("Choose one of the given answers."), "answer_invalid", f"q_{question.pk}")
        if value:
            answers[question.pk] = value
    person.answers = answers


@dataclass
class Guest:
    """Who signs up without an account: their name, email and phone (a guardian for children)."""

    name: str
    email: str
    phone: str = ""


def sign_up_many(
    user,
    occurrence: Occurrence,
    people: list[Participant],
    email: str = "",
    guest: Guest | None = None,
):
    """Sign up everyone in `people` in one go, in order, or nobody.

    Each person gets a place, else a waiting-list place; when even the waiting list runs out
    the whole submission is refused, so a family is never half signed up. One email lists
    everyone, each with their own cancel link.
    """
    if guest is not None:
        # No account: the email address is the person's key and their way back to the booking.
        signup_open(occurrence).enforce()
        if not guest.name.strip() or not guest.email.strip():
            raise DomainError(_("Write your name and email address."), code="guest_incomplete")
        user, email = None, guest.email.strip()
    else:
        can_sign_up(user, occurrence).enforce()
    event = occurrence.event
    if not people:
        raise DomainError(_("Write the name of at least one participant."), code="no_participants")
    if sum(1 for person in people if person.for_self) > 1:
        raise DomainError(_("Only one of the participants can be you."), code="self_twice")
    questions = list(event.signup_questions.all())
    for row, person in enumerate(people):
        _check_participant(event, person, questions, row if len(people) > 1 else None)
    on_day = timezone.localtime(occurrence.start).date()
    keys = [person_key(p.participant_name, p.participant_age, on_day) for p in people]
    for row, key in enumerate(keys):
        if key in keys[:row]:
            _duplicate(people[row], row if len(people) > 1 else None, twice=True)
    email = email or getattr(user, "email", "")
    try:
        return _sign_up_locked(user, occurrence, people, keys, email, guest)
    except IntegrityError as error:
        # A parallel request got in between (the constraint is the last word): the same message.
        if "signup_one_place_per_person" not in str(error) and "person_key" not in str(error):
            raise
        _duplicate(people[0], None)


def _duplicate(person: Participant, row: int | None, *, twice: bool = False):
    if twice:
        message = _("%(name)s is in the form twice. Each person needs only one row.")
    else:
        message = _(
            "%(name)s is already signed up for this date. One person holds one place (or one "
            "place on the waiting list) per date; see your sign-ups on My page."
        )
    error = Conflict(
        message % {"name": person.participant_name},
        code="duplicate",
        field="participant_name",
    )
    error.row = row
    raise error


def _sign_up_locked(user, occurrence, people, keys, email, guest):
    event = occurrence.event
    with transaction.atomic():
        # The lock serialises everyone competing for the last places of this occurrence.
        (occurrence,) = lock(occurrence)
        capacity = occurrence.effective_capacity or 0
        counts = dict(
            occurrence.signups.exclude(status=SignUp.Status.CANCELLED)
            .order_by()
            .values_list("status")
            .annotate(n=Count("id"))
        )
        confirmed = counts.get(SignUp.Status.CONFIRMED, 0)
        waiting = counts.get(SignUp.Status.WAITING, 0)
        active = occurrence.signups.filter(
            status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING], person_key__in=keys
        )
        mine = Q(email=email) if email else Q(pk__in=[])
        if user is not None and user.pk:
            mine |= Q(booked_by=user)
        held = set(active.filter(mine).values_list("person_key", flat=True))
        for row, key in enumerate(keys):
            if key in held:
                _duplicate(people[row], row if len(people) > 1 else None)
        signups = []
        for person, key in zip(people, keys, strict=True):
            if confirmed < capacity:
                status, confirmed = SignUp.Status.CONFIRMED, confirmed + 1
            elif waiting < event.waitlist_capacity:
                status, waiting = SignUp.Status.WAITING, waiting + 1
            elif len(people) > 1:
                raise Conflict(
                    _(
                        "There is not room for all %(n)s participants, not even on the waiting "
                        "list. Nobody was signed up; try with fewer."
                    )
                    % {"n": len(people)},
                    code="full",
                )
            else:
                raise Conflict(_("This date is full, and so is the waiting list."), code="full")
            group = person.price_group
            signup = SignUp.objects.create(
                occurrence=occurrence,
                booked_by=user,
                participant_name=person.participant_name,
                participant_age=person.participant_age,
                person_key=key,
                email=email,
                contact_name=guest.name.strip() if guest else "",
                phone=guest.phone.strip() if guest else "",
                price_group=group,
                price_group_name=group.name if group else "",
                price_ore=group.price_ore if group else event.price_ore,
                status=status,
            )
            SignUpAnswer.objects.bulk_create(
                SignUpAnswer(signup=signup, question_id=pk, value=value)
                for pk, value in person.answers.items()
            )
            signup.cancel_url = municipality_url(event.municipality) + cancel_path(signup)
            signups.append(signup)
        any_confirmed = any(s.status == SignUp.Status.CONFIRMED for s in signups)
        notify(
            "signup.created",
            actor=user,
            target=occurrence,
            data={"signups": [s.pk for s in signups], "statuses": [s.status for s in signups]},
            recipients=[signups[0].email],
            template="activities/email/signed_up.txt",
            context={
                "signups": signups,
                "occurrence": occurrence,
                "event": event,
                "guest": guest,
                "manage_url": signups[0].cancel_url,
            },
            attachments=_ics_attachment(occurrence) if any_confirmed else None,
        )
    return signups


def sign_up(
    user,
    occurrence: Occurrence,
    *,
    participant_name: str,
    participant_age: int | None = None,
    for_self: bool = True,
    email: str = "",
    price_group: PriceGroup | None = None,
    answers: dict | None = None,
) -> SignUp:
    """Sign up one person; see sign_up_many."""
    person = Participant(
        participant_name=participant_name,
        participant_age=participant_age,
        for_self=for_self,
        price_group=price_group,
        answers=answers or {},
    )
    return sign_up_many(user, occurrence, [person], email=email)[0]


def cancel_path(signup: SignUp) -> str:
    from django.urls import reverse

    return reverse("activities:cancel_signup", kwargs={"token": signup.cancel_token})


def cancel_signup(user, signup: SignUp, token: str | None = None) -> SignUp:
    """Cancel with the link from the email (token) or as the person who signed up."""
    allowed = (token is not None and token == signup.cancel_token) or (
        user is not None and user.is_authenticated and signup.booked_by_id == user.pk
    )
    if not allowed and not can_see_participants(user, signup.occurrence.event):
        from dugnad.core.errors import NotAllowed

        raise NotAllowed(_("Only the person who signed up can cancel."))
    with transaction.atomic():
        (occurrence,) = lock(signup.occurrence)
        signup = SignUp.objects.get(pk=signup.pk)
        if signup.status == SignUp.Status.CANCELLED:
            return signup
        signup.status, signup.cancelled_at = SignUp.Status.CANCELLED, timezone.now()
        signup.save(update_fields=["status", "cancelled_at"])
        notify("signup.cancelled", actor=user, target=signup)
        _promote_waiting(occurrence)
    return signup


def confirm_email(signup: SignUp, token: str) -> int:
    """Confirm, from the link in the email, that a sign-up without an account reached its
    owner: every row of that submission (same date and address) at once. Returns the count."""
    if token != signup.cancel_token:
        from dugnad.core.errors import NotAllowed

        raise NotAllowed(_("This link is not valid."))
    return SignUp.objects.filter(
        occurrence_id=signup.occurrence_id,
        email=signup.email,
        booked_by__isnull=True,
        email_confirmed_at__isnull=True,
    ).update(email_confirmed_at=timezone.now())


def _promote_waiting(occurrence: Occurrence) -> list[SignUp]:
    """Fill free places from the waiting list, first come first served. Caller holds the lock."""
    capacity = occurrence.effective_capacity or 0
    confirmed = occurrence.signups.filter(status=SignUp.Status.CONFIRMED).count()
    free = capacity - confirmed
    if free <= 0 or occurrence.is_cancelled:
        return []
    promoted = list(
        occurrence.signups.filter(status=SignUp.Status.WAITING).order_by("created_at", "id")[:free]
    )
    now = timezone.now()
    for signup in promoted:
        signup.status, signup.promoted_at = SignUp.Status.CONFIRMED, now
        signup.save(update_fields=["status", "promoted_at"])
        notify(
            "signup.promoted",
            target=signup,
            recipients=[signup.email],
            template="activities/email/promoted.txt",
            context={
                "signup": signup,
                "occurrence": occurrence,
                "event": occurrence.event,
                "cancel_url": municipality_url(occurrence.event.municipality) + cancel_path(signup),
            },
            attachments=_ics_attachment(occurrence),
        )
    return promoted


def mark_attendance(user, signup: SignUp, attended: bool) -> SignUp:
    can_see_participants(user, signup.occurrence.event).enforce()
    if signup.status != SignUp.Status.CONFIRMED:
        raise DomainError(_("Only confirmed participants can be marked."), code="not_confirmed")
    signup.attended = attended
    signup.save(update_fields=["attended"])
    return signup


# --- Background work -------------------------------------------------------------------------


def send_reminders(now: datetime | None = None) -> int:
    """Remind participants of occurrences that start within the next day, once."""
    now = now or timezone.now()
    due = Occurrence.objects.filter(
        status=Occurrence.Status.SCHEDULED,
        reminded_at__isnull=True,
        start__gt=now,
        start__lte=now + timedelta(days=1),
        event__signup_enabled=True,
    ).select_related("event")
    sent = 0
    for occurrence in due:
        with transaction.atomic():
            if not claim(occurrence, "reminded_at", now):
                continue  # another run or worker has it
            emails = list(
                occurrence.signups.filter(status=SignUp.Status.CONFIRMED)
                .exclude(email="")
                .values_list("email", flat=True)
            )
            notify(
                "occurrence.reminded",
                target=occurrence.event,
                data={"occurrence": occurrence.pk, "recipients": len(emails)},
                recipients=emails,
                template="activities/email/reminder.txt",
                context={"occurrence": occurrence, "event": occurrence.event},
            )
            sent += len(emails)
    return sent


def anonymise_participants(days: int, now: datetime | None = None) -> int:
    """Remove personal data from sign-ups of occurrences that ended `days` ago or more."""
    now = now or timezone.now()
    due = SignUp.objects.filter(
        anonymised_at__isnull=True, occurrence__end__lt=now - timedelta(days=days)
    )
    with transaction.atomic():
        # Answers can be as personal as a name (allergies, health): they go too.
        SignUpAnswer.objects.filter(signup__in=due).delete()
        return due.update(
            participant_name="–",
            participant_age=None,
            person_key="",
            contact_name="",
            phone="",
            email="",
            booked_by=None,
            anonymised_at=now,
        )
