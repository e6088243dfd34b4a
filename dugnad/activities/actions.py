"""Every write the activity calendar knows. Views and the API call these, nothing else."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.models import Unit
from dugnad.core.notify import notify
from dugnad.core.richtext import plain, sanitise

from . import feeds
from .models import Event, Occurrence, OrganiserPolicy, SignUp
from .recurrence import OSLO, expand
from .rules import (
    can_edit_event,
    can_publish_for,
    can_review_events,
    can_see_participants,
    can_sign_up,
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
        cleaned["title"] = plain(cleaned["title"])
        if not cleaned["title"]:
            raise DomainError(_("Give the event a title."), code="title_required", field="title")
    if "summary" in cleaned:
        cleaned["summary"] = plain(cleaned["summary"] or "")
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


def create_event(user, organiser, values: dict, schedule: Schedule, age_groups=()) -> Event:
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
        Occurrence.objects.bulk_create(
            Occurrence(event=event, start=start, end=end, original_start=start)
            for start, end in pairs
        )
        notify("event.created", actor=user, target=event, data={"occurrences": len(pairs)})
    return event


def update_event(user, event: Event, values: dict, age_groups=None) -> Event:
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
        occurrence.note = plain(note)
        occurrence.sequence += 1
        occurrence.save()
        notify(
            "occurrence.moved",
            actor=user,
            target=occurrence.event,
            data={"occurrence": occurrence.pk, "start": start.isoformat()},
            recipients=_participant_emails(occurrence),
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
        occurrence.note = plain(reason)
        occurrence.sequence += 1
        occurrence.save()
        notify(
            "occurrence.cancelled",
            actor=user,
            target=occurrence.event,
            reason=reason,
            data={"occurrence": occurrence.pk},
            recipients=_participant_emails(occurrence),
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
    reason = plain(reason)
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
        organisation=organisation, defaults={"requires_approval": required, "reason": plain(reason)}
    )
    notify(
        "event_policy.changed",
        actor=user,
        target=organisation,
        reason=reason,
        data={"requires_approval": required},
    )
    return policy


# --- Sign-up ---------------------------------------------------------------------------------


def _participant_emails(occurrence) -> list[str]:
    return list(
        occurrence.signups.exclude(status=SignUp.Status.CANCELLED)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _ics_attachment(occurrence) -> list[tuple[str, str, str]]:
    text = feeds.render([occurrence], occurrence.event.title, feeds.base_url()).decode()
    return [("invitation.ics", text, "text/calendar")]


def sign_up(
    user,
    occurrence: Occurrence,
    *,
    participant_name: str,
    participant_age: int | None = None,
    for_self: bool = True,
    email: str = "",
    price_group: str = SignUp.PriceGroup.FREE,
    allergies: str = "",
    heard_about: str = "",
) -> SignUp:
    can_sign_up(user, occurrence).enforce()
    event = occurrence.event
    participant_name = plain(participant_name)
    if not participant_name:
        raise DomainError(
            _("Write the participant's name."), code="name_required", field="participant_name"
        )
    if participant_age is not None:
        if for_self and participant_age < GUARDIAN_AGE:
            raise DomainError(
                _("Children under 13 are signed up by a parent or guardian."),
                code="guardian_required",
                field="participant_age",
            )
        if event.min_age is not None and participant_age < event.min_age:
            raise DomainError(
                _("The lowest age for this event is %(age)s.") % {"age": event.min_age},
                code="too_young",
                field="participant_age",
            )
        if event.max_age is not None and participant_age > event.max_age:
            raise DomainError(
                _("The highest age for this event is %(age)s.") % {"age": event.max_age},
                code="too_old",
                field="participant_age",
            )
    elif event.min_age is not None or event.max_age is not None:
        raise DomainError(
            _("This event has an age limit; give the participant's age."),
            code="age_required",
            field="participant_age",
        )
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
        if counts.get(SignUp.Status.CONFIRMED, 0) < capacity:
            status = SignUp.Status.CONFIRMED
        elif counts.get(SignUp.Status.WAITING, 0) < event.waitlist_capacity:
            status = SignUp.Status.WAITING
        else:
            raise Conflict(_("This date is full, and so is the waiting list."), code="full")
        signup = SignUp.objects.create(
            occurrence=occurrence,
            booked_by=user,
            participant_name=participant_name,
            participant_age=participant_age,
            email=email or user.email,
            price_group=price_group,
            allergies=plain(allergies),
            heard_about=plain(heard_about),
            status=status,
        )
        notify(
            f"signup.{status}",
            actor=user,
            target=signup,
            recipients=[signup.email],
            template="activities/email/signed_up.txt",
            context={
                "signup": signup,
                "occurrence": occurrence,
                "event": event,
                "cancel_url": feeds.base_url() + cancel_path(signup),
            },
            attachments=_ics_attachment(occurrence) if status == SignUp.Status.CONFIRMED else None,
        )
    return signup


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
                "cancel_url": feeds.base_url() + cancel_path(signup),
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
            if not Occurrence.objects.filter(pk=occurrence.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue  # another worker took it
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
    return SignUp.objects.filter(
        anonymised_at__isnull=True, occurrence__end__lt=now - timedelta(days=days)
    ).update(
        participant_name="–",
        participant_age=None,
        email="",
        allergies="",
        heard_about="",
        booked_by=None,
        anonymised_at=now,
    )
