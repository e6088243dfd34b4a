"""Every write in volunteering: check permission, validate, lock, save, log and notify."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.accounts.queries import coordinator_emails
from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.tasks import claim

from . import queries, rules
from .models import (
    DESCRIPTION_MAX,
    Assignment,
    HoursEntry,
    Interest,
    PoliceCertificateRecord,
    Shift,
    ShiftSignUp,
    VolunteerProfile,
)

MAX_MINUTES_PER_DAY = 24 * 60


def certificate_valid_days() -> int:
    return settings.VOLUNTEERING_CERTIFICATE_VALID_DAYS


def organiser_emails(assignment: Assignment) -> list[str]:
    if assignment.contact_person_id and assignment.contact_person.email:
        return [assignment.contact_person.email]
    organiser = assignment.organiser
    return [organiser.email] if organiser is not None and organiser.email else []


# --- Profile --------------------------------------------------------------------------------


PROFILE_FIELDS = (
    "interests",
    "skills",
    "languages",
    "availability",
    "commitment",
    "area",
    "age_group",
    "birth_year",
    "wants_to_try",
    "contactable",
)


def save_profile(user, data: dict) -> VolunteerProfile:
    if not user.is_authenticated:
        raise DomainError(_("You must log in first."))
    values = {field: data[field] for field in PROFILE_FIELDS if field in data}
    if "wants_to_try" in values:
        values["wants_to_try"] = (values["wants_to_try"] or "").strip()
    phone = data.get("phone")
    with transaction.atomic():
        profile, created = VolunteerProfile.objects.update_or_create(user=user, defaults=values)
        changed = []
        if phone is not None and phone != user.phone:
            user.phone = phone
            changed.append("phone")
        for name in ("first_name", "last_name"):
            value = (data.get(name) or "").strip()
            if value and value != getattr(user, name):
                setattr(user, name, value)
                changed.append(name)
        if changed:
            user.save(update_fields=changed)
        notify(
            "volunteering.profile_saved" if not created else "volunteering.profile_created",
            actor=user,
            target=profile,
        )
    return profile


def sign_confidentiality(user) -> VolunteerProfile:
    with transaction.atomic():
        profile, _created = VolunteerProfile.objects.get_or_create(user=user)
        if profile.confidentiality_signed_at is None:
            profile.confidentiality_signed_at = timezone.now()
            profile.save(update_fields=["confidentiality_signed_at"])
            notify("volunteering.confidentiality_signed", actor=user, target=profile)
    return profile


# --- Assignments and shifts -----------------------------------------------------------------


def _check_description(text: str) -> None:
    if len(text) > DESCRIPTION_MAX:
        raise DomainError(
            _("The description is %(length)s characters; at most %(max)s.")
            % {"length": len(text), "max": DESCRIPTION_MAX},
            field="description",
        )


def create_assignment(user, organiser, data: dict, age_groups=()) -> Assignment:
    rules.can_post_for(user, organiser).enforce()
    from dugnad.organisations.models import Organisation

    fields = {k: v for k, v in data.items() if k != "age_groups"}
    fields["title"] = (fields["title"] or "").strip()
    fields["description"] = (fields["description"] or "").strip()
    _check_description(fields["description"])
    with transaction.atomic():
        assignment = Assignment(
            created_by=user,
            organisation=organiser if isinstance(organiser, Organisation) else None,
            unit=None if isinstance(organiser, Organisation) else organiser,
            **fields,
        )
        assignment.full_clean()
        assignment.save()
        if age_groups:
            assignment.age_groups.set(age_groups)
        notify("volunteering.assignment_created", actor=user, target=assignment)
    return assignment


def close_assignment(user, assignment: Assignment) -> Assignment:
    rules.can_manage(user, assignment).enforce()
    with transaction.atomic():
        assignment.status = Assignment.Status.CLOSED
        assignment.save(update_fields=["status"])
        notify("volunteering.assignment_closed", actor=user, target=assignment)
    return assignment


def add_shift(user, assignment: Assignment, starts_at, ends_at, needed: int) -> Shift:
    rules.can_manage(user, assignment).enforce()
    if ends_at <= starts_at:
        raise DomainError(_("The shift must end after it starts."), field="ends_at")
    if starts_at <= timezone.now():
        raise DomainError(_("The shift must start in the future."), field="starts_at")
    if needed < 1:
        raise DomainError(_("At least one person is needed."), field="needed")
    with transaction.atomic():
        shift = Shift.objects.create(
            assignment=assignment, starts_at=starts_at, ends_at=ends_at, needed=needed
        )
        notify("volunteering.shift_added", actor=user, target=shift)
    return shift


ASSIGNMENT_EDITABLE = (
    "title",
    "description",
    "kind",
    "place",
    "area",
    "topics",
    "skills",
    "languages",
    "times",
    "min_age",
    "requires_police_certificate",
    "people_needed",
)


def update_assignment(user, assignment: Assignment, data: dict) -> Assignment:
    """Change what the assignment says; the organiser itself cannot be changed."""
    rules.can_manage(user, assignment).enforce()
    values = {field: data[field] for field in ASSIGNMENT_EDITABLE if field in data}
    for field in ("title", "description"):
        if field in values:
            values[field] = (values[field] or "").strip()
    _check_description(values.get("description", ""))
    with transaction.atomic():
        for field, value in values.items():
            setattr(assignment, field, value)
        # Validate what is edited only: older rows (demo data) may lack e.g. created_by.
        untouched = [f.name for f in Assignment._meta.concrete_fields if f.name not in values]
        try:
            assignment.full_clean(exclude=untouched)
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise DomainError(" ".join(messages), field=field) from None
        assignment.save(update_fields=list(values))
        notify(
            "volunteering.assignment_updated",
            actor=user,
            target=assignment,
            data={"fields": sorted(values)},
        )
    return assignment


def _signed_up(shift: Shift):
    return list(ShiftSignUp.objects.filter(shift=shift).select_related("volunteer"))


def update_shift(user, shift: Shift, starts_at, ends_at, needed: int) -> Shift:
    """Change a shift's time or size, never below the people signed up nor into a clash.

    Moving a shift that volunteers have taken is refused, naming them, when one of them has
    another shift at the new time: a volunteer never ends up on two overlapping shifts, and
    the organiser decides with them (they may drop the other shift) rather than the platform
    silently dropping anyone. The shift row is locked as in `sign_up`, and on a move the
    volunteers' rows too, in the same fixed order, so that neither a sign-up for this shift
    nor one of theirs elsewhere can slip in between the checks and the save.
    """
    assignment = shift.assignment
    rules.can_manage(user, assignment).enforce()
    if ends_at <= starts_at:
        raise DomainError(_("The shift must end after it starts."), field="ends_at")
    if needed < 1:
        raise DomainError(_("At least one person is needed."), field="needed")
    User = get_user_model()
    with transaction.atomic():
        seen = set(ShiftSignUp.objects.filter(shift=shift).values_list("volunteer_id", flat=True))
        # Same locks as sign_up: nobody can join between our count and our save.
        shift, *_people = lock(shift, *(User(pk=pk) for pk in sorted(seen)))
        moved = shift.starts_at != starts_at or shift.ends_at != ends_at
        if moved and starts_at <= timezone.now():
            raise DomainError(_("The shift must start in the future."), field="starts_at")
        signups = _signed_up(shift)
        if moved and {s.volunteer_id for s in signups} - seen:
            # Someone joined after our first read; their row is not locked, so start again.
            raise Conflict(
                _("Someone signed up for this shift just now. Please try again."),
                code="changed",
            )
        if needed < len(signups):
            raise Conflict(
                _("%(count)s people are signed up, so the shift needs room for at least %(count)s.")
                % {"count": len(signups)},
                code="below_signed_up",
                field="needed",
            )
        if moved and signups:
            _refuse_clashes(shift, signups, starts_at, ends_at)
        old_start = shift.starts_at
        shift.starts_at, shift.ends_at, shift.needed = starts_at, ends_at, needed
        shift.save(update_fields=["starts_at", "ends_at", "needed"])
        notify(
            "volunteering.shift_updated",
            actor=user,
            target=shift,
            recipients=[s.volunteer.email for s in signups] if moved else (),
            template="volunteering/email/shift_moved.txt",
            context={"shift": shift, "assignment": assignment, "old_start": old_start},
        )
    return shift


def _refuse_clashes(shift: Shift, signups, starts_at, ends_at) -> None:
    """Raise Conflict naming the signed-up volunteers who have another shift at the new time.

    The other shifts are not named: they may belong to another organiser."""
    clashing = set(
        ShiftSignUp.objects.filter(
            volunteer_id__in=[s.volunteer_id for s in signups],
            shift__starts_at__lt=ends_at,
            shift__ends_at__gt=starts_at,
        )
        .exclude(shift=shift)
        .values_list("volunteer_id", flat=True)
    )
    if clashing:
        names = sorted(str(s.volunteer) for s in signups if s.volunteer_id in clashing)
        raise Conflict(
            _(
                "The new time clashes with another shift of %(names)s. Ask them first, or "
                "choose another time."
            )
            % {"names": ", ".join(names)},
            code="clash",
            field="starts_at",
        )


def delete_shift(user, shift: Shift) -> int:
    """Delete a shift; the volunteers who had signed up are told. Returns how many were told."""
    assignment = shift.assignment
    rules.can_manage(user, assignment).enforce()
    with transaction.atomic():
        (shift,) = lock(shift)
        signups = _signed_up(shift)
        notify(
            "volunteering.shift_deleted",
            actor=user,
            target=assignment,
            data={"starts_at": shift.starts_at.isoformat(), "signed_up": len(signups)},
            recipients=[s.volunteer.email for s in signups],
            template="volunteering/email/shift_cancelled.txt",
            context={"shift": shift, "assignment": assignment},
        )
        shift.delete()
    return len(signups)


# --- Requirements ---------------------------------------------------------------------------


def check_requirements(user, assignment: Assignment, on: dt.date, certificate=True) -> None:
    """Minimum age and police certificate; raises DomainError with what is missing."""
    if assignment.min_age:
        profile = VolunteerProfile.objects.filter(user=user).first()
        age = profile.age_in(on.year) if profile else None
        if age is None:
            raise DomainError(
                _(
                    "This assignment has a minimum age of %(age)s. Add your year of birth to your "
                    "volunteer profile first."
                )
                % {"age": assignment.min_age},
                code="age_unknown",
            )
        if age < assignment.min_age:
            raise DomainError(
                _("This assignment has a minimum age of %(age)s.") % {"age": assignment.min_age},
                code="too_young",
            )
    if (
        certificate
        and assignment.requires_police_certificate
        and not queries.has_valid_certificate(user, assignment, on)
    ):
        raise DomainError(
            _(
                "This assignment requires a police certificate. Show it to the organiser, who "
                "records it here; then you can sign up."
            ),
            code="certificate_required",
        )


# --- Interest -------------------------------------------------------------------------------


def express_interest(user, assignment: Assignment, message: str = "") -> Interest:
    rules.can_express_interest(user, assignment).enforce()
    # Interest comes before the certificate is shown; only the age is checked at this point.
    check_requirements(user, assignment, timezone.localdate(), certificate=False)
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                assignment=assignment, volunteer=user, message=(message or "").strip()
            )
            notify(
                "volunteering.interest",
                actor=user,
                target=interest,
                recipients=organiser_emails(assignment),
                template="volunteering/email/interest.txt",
                context={"interest": interest, "assignment": assignment},
            )
    except IntegrityError:
        raise Conflict(
            _("You have already said you are interested in this assignment."), code="duplicate"
        ) from None
    return interest


def answer_interest(user, interest: Interest, accept: bool, answer: str = "") -> Interest:
    rules.can_manage(user, interest.assignment).enforce()
    with transaction.atomic():
        (interest,) = lock(interest)
        rules.can_answer(user, interest).enforce()
        interest.status = Interest.Status.ACCEPTED if accept else Interest.Status.DECLINED
        interest.answer = (answer or "").strip()
        interest.answered_at = timezone.now()
        interest.answered_by = user
        interest.save(update_fields=["status", "answer", "answered_at", "answered_by"])
        notify(
            "volunteering.interest_accepted" if accept else "volunteering.interest_declined",
            actor=user,
            target=interest,
            reason=interest.answer,
            recipients=[interest.volunteer.email],
            template="volunteering/email/answer.txt",
            context={"interest": interest, "assignment": interest.assignment},
        )
    return interest


# --- Shifts ---------------------------------------------------------------------------------


def sign_up(user, shift: Shift) -> ShiftSignUp:
    rules.can_sign_up(user, shift).enforce()
    assignment = shift.assignment
    check_requirements(user, assignment, timezone.localtime(shift.starts_at).date())
    with transaction.atomic():
        # The shift row guards its capacity; the person row guards against two clashing
        # sign-ups of the same person in parallel. lock() orders them to avoid deadlocks.
        shift, _me = lock(shift, get_user_model()(pk=user.pk))
        if ShiftSignUp.objects.filter(shift=shift, volunteer=user).exists():
            raise Conflict(_("You are already signed up for this shift."), code="duplicate")
        if ShiftSignUp.objects.filter(shift=shift).count() >= shift.needed:
            raise Conflict(_("This shift is full. Choose another shift."), code="full")
        clash = (
            ShiftSignUp.objects.filter(
                volunteer=user,
                shift__starts_at__lt=shift.ends_at,
                shift__ends_at__gt=shift.starts_at,
            )
            .select_related("shift__assignment")
            .first()
        )
        if clash is not None:
            raise Conflict(
                _("This shift clashes with your shift “%(other)s”.") % {"other": clash.shift},
                code="clash",
            )
        signup = ShiftSignUp.objects.create(shift=shift, volunteer=user)
        notify(
            "volunteering.shift_signup",
            actor=user,
            target=shift,
            recipients=organiser_emails(assignment),
            template="volunteering/email/shift_signup.txt",
            context={"shift": shift, "volunteer": user, "assignment": assignment},
        )
    return signup


def drop_shift(user, signup: ShiftSignUp, *, tell: bool = True) -> None:
    rules.can_drop(user, signup).enforce()
    shift = signup.shift
    with transaction.atomic():
        signup.delete()
        notify(
            "volunteering.shift_dropped",
            actor=user,
            target=shift,
            recipients=organiser_emails(shift.assignment) if tell else (),
            template="volunteering/email/shift_dropped.txt",
            context={"shift": shift, "volunteer": user, "assignment": shift.assignment},
        )


def swap_shift(user, signup: ShiftSignUp, new_shift: Shift) -> ShiftSignUp:
    """Drop one shift and take another, or neither: one transaction."""
    if new_shift.pk == signup.shift_id:
        raise DomainError(_("Choose a different shift."), field="shift")
    with transaction.atomic():
        drop_shift(user, signup)
        return sign_up(user, new_shift)


# --- Hours ----------------------------------------------------------------------------------


def log_hours(
    user, assignment: Assignment, date: dt.date, minutes: int, shift: Shift | None = None, note=""
) -> HoursEntry:
    rules.can_log_hours(user, assignment).enforce()
    if date > timezone.localdate():
        raise DomainError(_("Hours cannot be logged for a date in the future."), field="date")
    if minutes < 1:
        raise DomainError(_("Enter the time you spent."), field="minutes")
    if minutes > MAX_MINUTES_PER_DAY:
        raise DomainError(_("A day has no more than 24 hours."), field="minutes")
    if shift is not None and shift.assignment_id != assignment.pk:
        raise DomainError(_("The shift belongs to another assignment."), field="shift")
    if shift is not None and date < timezone.localtime(shift.starts_at).date():
        raise DomainError(
            _("The shift starts on %(date)s: hours cannot be logged for a day before it.")
            % {"date": timezone.localtime(shift.starts_at).strftime("%d.%m.%Y")},
            field="date",
        )
    with transaction.atomic():
        lock(get_user_model()(pk=user.pk))
        logged = (
            HoursEntry.objects.filter(volunteer=user, date=date)
            .exclude(status=HoursEntry.Status.REJECTED)
            .aggregate(total=Sum("minutes"))["total"]
            or 0
        )
        if logged + minutes > MAX_MINUTES_PER_DAY:
            raise DomainError(
                _("You have already logged %(hours)s hours on this day; a day has 24.")
                % {"hours": round(logged / 60, 1)},
                field="minutes",
            )
        entry = HoursEntry.objects.create(
            volunteer=user,
            assignment=assignment,
            shift=shift,
            date=date,
            minutes=minutes,
            note=(note or "").strip(),
        )
        notify(
            "volunteering.hours_logged", actor=user, target=assignment, data={"minutes": minutes}
        )
    return entry


def record_hours_for(
    user, volunteer, assignment: Assignment, date: dt.date, minutes: int, note=""
) -> HoursEntry:
    """A coordinator or organiser records hours a volunteer worked (approved at once, as the
    one who would approve them records them)."""
    rules.can_manage(user, assignment).enforce()
    if date > timezone.localdate():
        raise DomainError(_("Hours cannot be logged for a date in the future."), field="date")
    if not 1 <= minutes <= MAX_MINUTES_PER_DAY:
        raise DomainError(_("Enter between a minute and 24 hours."), field="hours")
    engaged = (
        Interest.objects.filter(
            assignment=assignment, volunteer=volunteer, status=Interest.Status.ACCEPTED
        ).exists()
        or ShiftSignUp.objects.filter(shift__assignment=assignment, volunteer=volunteer).exists()
    )
    if not engaged:
        raise DomainError(
            _("Record hours for volunteers taken on for this assignment."), field="assignment"
        )
    with transaction.atomic():
        lock(get_user_model()(pk=volunteer.pk))
        logged = (
            HoursEntry.objects.filter(volunteer=volunteer, date=date)
            .exclude(status=HoursEntry.Status.REJECTED)
            .aggregate(total=Sum("minutes"))["total"]
            or 0
        )
        if logged + minutes > MAX_MINUTES_PER_DAY:
            raise DomainError(
                _("%(hours)s hours are already logged on this day; a day has 24.")
                % {"hours": round(logged / 60, 1)},
                field="hours",
            )
        entry = HoursEntry.objects.create(
            volunteer=volunteer,
            assignment=assignment,
            date=date,
            minutes=minutes,
            note=(note or "").strip(),
            status=HoursEntry.Status.APPROVED,
            decided_by=user,
            decided_at=timezone.now(),
        )
        notify(
            "volunteering.hours_recorded",
            actor=user,
            target=assignment,
            data={"entry": entry.pk, "minutes": minutes},
        )
    return entry


def decide_hours(user, entry: HoursEntry, approve: bool) -> HoursEntry:
    rules.can_manage(user, entry.assignment).enforce()
    with transaction.atomic():
        (entry,) = lock(entry)
        rules.can_decide_hours(user, entry).enforce()
        entry.status = HoursEntry.Status.APPROVED if approve else HoursEntry.Status.REJECTED
        entry.decided_by = user
        entry.decided_at = timezone.now()
        entry.save(update_fields=["status", "decided_by", "decided_at"])
        notify(
            "volunteering.hours_approved" if approve else "volunteering.hours_rejected",
            actor=user,
            target=entry.assignment,
            data={"entry": entry.pk, "minutes": entry.minutes},
        )
    return entry


# --- Police certificates --------------------------------------------------------------------


def record_certificate(user, assignment: Assignment, volunteer, role: str, shown_on: dt.date):
    rules.can_manage(user, assignment).enforce()
    if shown_on > timezone.localdate():
        raise DomainError(_("The date shown cannot be in the future."), field="shown_on")
    engaged = (
        Interest.objects.filter(assignment=assignment, volunteer=volunteer).exists()
        or ShiftSignUp.objects.filter(shift__assignment=assignment, volunteer=volunteer).exists()
    )
    if not engaged:
        raise DomainError(
            _("Record certificates for volunteers who have engaged with this assignment."),
            field="volunteer",
        )
    # A certificate that has already expired (shown in 2012) is recorded all the same, since
    # it is what the volunteer showed; it never counts as valid, and `certificate_warning`
    # says so to whoever records it, as the register's "expired" badge does.
    expires_on = shown_on + dt.timedelta(days=certificate_valid_days())
    with transaction.atomic():
        record = PoliceCertificateRecord.objects.create(
            volunteer=volunteer,
            organisation_id=assignment.organisation_id,
            unit_id=assignment.unit_id,
            role=(role or "").strip() or assignment.title,
            shown_on=shown_on,
            expires_on=expires_on,
            recorded_by=user,
        )
        notify(
            "volunteering.certificate_recorded",
            actor=user,
            target=assignment,
            data={"record": record.pk},
        )
    return record


# --- Reminders (run by the tasks in tasks.py) -------------------------------------------------
# Unanswered interest: the organiser after 7 days, the volunteer coordinators after 14; shifts
# the day before; police certificate records a month before they expire. Each row is claimed
# once (core.tasks.claim) in the transaction that queues its email.

REMIND_ORGANISER_AFTER = dt.timedelta(days=7)
ESCALATE_AFTER = dt.timedelta(days=14)
SHIFT_REMINDER_AHEAD = dt.timedelta(hours=24)
CERTIFICATE_REMINDER_AHEAD = dt.timedelta(days=30)


def remind_unanswered_interests(now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    counts = {"organiser": 0, "coordinator": 0}
    pending = Interest.objects.filter(status=Interest.Status.PENDING).select_related(
        "assignment__organisation", "assignment__unit", "assignment__contact_person", "volunteer"
    )
    for interest in pending.filter(
        created_at__lte=now - REMIND_ORGANISER_AFTER, organiser_reminded_at__isnull=True
    ):
        with transaction.atomic():
            if not claim(interest, "organiser_reminded_at", now):
                continue
            notify(
                "volunteering.interest_reminder",
                target=interest,
                recipients=organiser_emails(interest.assignment),
                template="volunteering/email/reminder_organiser.txt",
                context={"interest": interest, "assignment": interest.assignment},
            )
        counts["organiser"] += 1
    coordinators: dict[int, list[str]] = {}  # by municipality: one query per municipality
    for interest in pending.filter(created_at__lte=now - ESCALATE_AFTER, escalated_at__isnull=True):
        municipality_id = interest.assignment.municipality_id
        if municipality_id not in coordinators:
            coordinators[municipality_id] = coordinator_emails(municipality_id)
        with transaction.atomic():
            if not claim(interest, "escalated_at", now):
                continue
            notify(
                "volunteering.interest_escalated",
                target=interest,
                recipients=coordinators[municipality_id],
                template="volunteering/email/escalation.txt",
                context={"interest": interest, "assignment": interest.assignment},
            )
        counts["coordinator"] += 1
    return counts


def remind_shifts(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    due = ShiftSignUp.objects.filter(
        reminded_at__isnull=True,
        shift__starts_at__gt=now,
        shift__starts_at__lte=now + SHIFT_REMINDER_AHEAD,
    ).select_related("shift__assignment", "volunteer")
    sent = 0
    for signup in due:
        with transaction.atomic():
            if not claim(signup, "reminded_at", now):
                continue
            notify(
                "volunteering.shift_reminder",
                target=signup.shift,
                recipients=[signup.volunteer.email],
                template="volunteering/email/shift_reminder.txt",
                context={"shift": signup.shift, "assignment": signup.shift.assignment},
            )
        sent += 1
    return sent


def remind_expiring_certificates(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = PoliceCertificateRecord.objects.filter(
        reminded_at__isnull=True,
        expires_on__gte=today,
        expires_on__lte=today + CERTIFICATE_REMINDER_AHEAD,
    ).select_related("volunteer", "recorded_by", "organisation", "unit")
    sent = 0
    for record in due:
        organiser = record.organisation or record.unit
        recipients = [record.recorded_by.email] if record.recorded_by else []
        if organiser is not None and organiser.email:
            recipients.append(organiser.email)
        with transaction.atomic():
            if not claim(record, "reminded_at", now):
                continue
            notify(
                "volunteering.certificate_expiring",
                target=record,
                recipients=recipients,
                template="volunteering/email/certificate_expiring.txt",
                context={"record": record},
            )
        sent += 1
    return sent


def send_volunteering_reminders(now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    return {
        "interests": remind_unanswered_interests(now),
        "shifts": remind_shifts(now),
        "certificates": remind_expiring_certificates(now),
    }
