"""Writes about teaching: groups and their weekly slot (the room booked through premises, so
its conflict rules hold), members, lessons, attendance, cancellations, absence and levels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.notify import notify
from dugnad.premises import actions as premises_actions
from dugnad.premises.models import RenterType

from . import queries
from .models import Attendance, Group, GroupMember, Lesson, LevelEntry, Place, Programme
from .rules import can_act_for_pupil, can_administer, can_teach, is_teacher


def local(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())


def weekly_dates(first: dt.date, last: dt.date, weekday: int) -> list[dt.date]:
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    days = []
    while day <= last:
        days.append(day)
        day += dt.timedelta(days=7)
    return days


@dataclass
class GroupResult:
    group: Group
    lessons: int = 0
    skipped: list = field(default_factory=list)  # (date, reason) the room could not be booked


@transaction.atomic
def create_group(
    user, offer, *, name, teacher, room, weekday, start_time, end_time, first_date, last_date
) -> GroupResult:
    """A group with its weekly slot. With a room, the slot is booked through premises' own
    series action for the dates from the first lesson (never in the past) to the last; a date
    the room is taken (a club's booking, a closed day) gets no lesson and is listed with the
    premises' reason; if no date can be booked, nothing is saved and the reason is shown."""
    school = offer.school_year.school
    can_administer(user, school).enforce()
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the group a name."), field="name")
    if not is_teacher(teacher, school):
        raise DomainError(_("Choose a teacher of the culture school."), field="teacher")
    if end_time <= start_time:
        raise DomainError(_("The end must be after the start."), field="end_time")
    year = offer.school_year
    if first_date < year.starts_on or last_date > year.ends_on or last_date < first_date:
        raise DomainError(
            _("The lessons must fall within the school year (%(start)s to %(end)s).")
            % {"start": year.starts_on, "end": year.ends_on},
            field="first_date",
        )
    if Group.objects.filter(offer=offer, name__iexact=name).exists():
        raise Conflict(_("The offer already has a group with this name."), field="name")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    dates = weekly_dates(max(first_date, tomorrow), last_date, weekday)
    if not dates:
        raise DomainError(_("No lesson falls between these dates."), field="last_date")
    group = Group.objects.create(
        offer=offer,
        name=name,
        teacher=teacher,
        room=room,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        first_date=first_date,
        last_date=last_date,
    )
    result = GroupResult(group)
    if room is not None:
        series = premises_actions.book_series(
            user,
            room,
            first_date=dates[0],
            last_date=dates[-1],
            start_time=start_time,
            end_time=end_time,
            title=_("Culture school: %(group)s") % {"group": group},
            renter_type=RenterType.MUNICIPAL,
            is_public=True,
        )
        group.booking_series = series.series
        group.save(update_fields=["booking_series"])
        booked = {timezone.localtime(b.start).date() for b in series.bookings}
        result.skipped = [(s.date, s.reason) for s in series.skipped]
        dates = [d for d in dates if d in booked]
    Lesson.objects.bulk_create(
        Lesson(group=group, date=d, starts_at=local(d, start_time), ends_at=local(d, end_time))
        for d in dates
    )
    result.lessons = len(dates)
    notify(
        "culture_school.group_created",
        actor=user,
        target=group,
        data={"lessons": result.lessons, "skipped": len(result.skipped)},
    )
    return result


@transaction.atomic
def add_members(user, group: Group, places: list[Place]) -> int:
    can_administer(user, group.offer.school_year.school).enforce()
    for place in places:
        if place.offer_id != group.offer_id or place.left_on is not None:
            raise DomainError(_("Only pupils with a place in this offer can join the group."))
    existing = set(group.memberships.values_list("place_id", flat=True))
    new = [GroupMember(group=group, place=p) for p in places if p.pk not in existing]
    GroupMember.objects.bulk_create(new)
    return len(new)


def _check_lesson_has_started(lesson: Lesson) -> None:
    if lesson.starts_at > timezone.now():
        raise DomainError(
            _("Attendance is recorded when the lesson has started, not before."), code="future"
        )


@transaction.atomic
def record_attendance(user, lesson: Lesson, statuses: dict[int, str]) -> int:
    """Attendance for a lesson: {place id: status}. A notified absence stays as the family
    notified it unless the teacher marks the pupil present."""
    can_teach(user, lesson.group).enforce()
    _check_lesson_has_started(lesson)
    if lesson.cancelled_at is not None:
        raise Conflict(_("The lesson is cancelled."))
    members = set(lesson.group.memberships.values_list("place_id", flat=True))
    allowed = {Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.NOTIFIED}
    count = 0
    for place_id, status in statuses.items():
        if place_id not in members:
            raise DomainError(_("This pupil is not in the group."))
        if status not in allowed:
            raise DomainError(_("Choose present, absent or notified absence."))
        Attendance.objects.update_or_create(
            lesson=lesson, place_id=place_id, defaults={"status": status, "recorded_by": user}
        )
        count += 1
    return count


@transaction.atomic
def cancel_lesson(user, lesson: Lesson, reason: str) -> Lesson:
    """The teacher cancels a lesson; every family in the group is told (core.notify)."""
    can_teach(user, lesson.group).enforce()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Say why the lesson is cancelled; the families are told."), field="reason"
        )
    if lesson.cancelled_at is not None:
        raise Conflict(_("The lesson is already cancelled."))
    if lesson.ends_at < timezone.now():
        raise DomainError(_("The lesson is over; it can no longer be cancelled."))
    lesson.cancelled_at = timezone.now()
    lesson.cancel_reason = reason
    lesson.save(update_fields=["cancelled_at", "cancel_reason"])
    places = list(lesson.group.members.select_related("pupil"))
    Attendance.objects.filter(lesson=lesson).delete()
    Attendance.objects.bulk_create(
        Attendance(lesson=lesson, place=p, status=Attendance.Status.CANCELLED, recorded_by=user)
        for p in places
    )
    notify(
        "culture_school.lesson_cancelled",
        actor=user,
        target=lesson,
        reason=reason,
        recipients=queries.guardian_emails_of_places(places),
        template="culture_school/email/lesson_cancelled.txt",
        context={"lesson": lesson, "reason": reason},
    )
    return lesson


@transaction.atomic
def notify_absence(user, place: Place, lesson: Lesson, note: str = "") -> Attendance:
    """A family says a pupil will miss (or missed today) a lesson of their group."""
    can_act_for_pupil(user, place.pupil).enforce()
    if not lesson.group.memberships.filter(place=place).exists():
        raise DomainError(_("The pupil is not in this lesson's group."))
    if lesson.cancelled_at is not None:
        raise Conflict(_("The lesson is cancelled."))
    if lesson.date < timezone.localdate():
        raise DomainError(_("Absence is notified before the lesson or on the day."))
    attendance, _created = Attendance.objects.update_or_create(
        lesson=lesson,
        place=place,
        defaults={
            "status": Attendance.Status.NOTIFIED,
            "note": (note or "").strip()[:200],
            "recorded_by": user,
        },
    )
    notify(
        "culture_school.absence_notified",
        actor=user,
        target=lesson,
        recipients=[lesson.group.teacher.email],
        template="culture_school/email/absence.txt",
        context={"lesson": lesson, "pupil": place.pupil, "note": attendance.note},
    )
    return attendance


@transaction.atomic
def record_level(user, group: Group, place: Place, level: str, note: str = "") -> LevelEntry:
    can_teach(user, group).enforce()
    if not group.memberships.filter(place=place).exists():
        raise DomainError(_("The pupil is not in this group."))
    level = (level or "").strip()
    if not level:
        raise DomainError(_("Give the level reached."), field="level")
    programme = place.offer.programme
    if programme not in Programme.values:
        raise DomainError(_("Unknown programme."))
    return LevelEntry.objects.create(
        pupil=place.pupil,
        subject=place.offer.subject,
        programme=programme,
        level=level,
        note=(note or "").strip(),
        recorded_on=timezone.localdate(),
        recorded_by=user,
    )
