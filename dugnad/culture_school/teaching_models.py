"""Teaching: groups with a teacher, a weekly slot and a room (booked through premises), their
lessons (materialised, one row per week), attendance per lesson, and the pupils' level history.
Imported by models.py, so Django finds these models in the app's models module."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dugnad.core.models import InMunicipalityQuerySet

from .models import Offer, Place, Programme, Pupil, Subject


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class GroupQuerySet(InMunicipalityQuerySet):
    municipality_path = "offer__school_year__school__municipality"


class Group(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=100)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="culture_school_groups",
        verbose_name=_("teacher"),
    )
    room = models.ForeignKey(
        "premises.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    first_date = models.DateField(_("first lesson"))
    last_date = models.DateField(_("last lesson"))
    # The room's weekly booking, made through premises' own action (same conflict rules).
    booking_series = models.ForeignKey(
        "premises.BookingSeries", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    members = models.ManyToManyField(Place, through="GroupMember", related_name="groups")

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["weekday", "start_time", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="cs_group_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
            models.UniqueConstraint(
                fields=["offer", "name"],
                name="cs_group_unique_name",
                violation_error_message=_(
                    "This offer already has a group with this name. Choose a different name."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer.subject.name}: {self.name}"


class GroupMember(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "place"],
                name="cs_member_once",
                violation_error_message=_("This pupil is already in the group."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.place.pupil}"


class LessonQuerySet(InMunicipalityQuerySet):
    municipality_path = "group__offer__school_year__school__municipality"


class Lesson(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="lessons")
    date = models.DateField(_("date"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "date"],
                name="cs_lesson_once_a_day",
                violation_error_message=_("The group already has a lesson on this date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.date:%d.%m.%Y}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        NOTIFIED = "notified", _("Absent, notified")
        ABSENT = "absent", _("Absent")
        CANCELLED = "cancelled", _("Cancelled by the teacher")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attendance")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "place"],
                name="cs_attendance_once",
                violation_error_message=_(
                    "Attendance for this pupil is already registered for this lesson."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lesson}: {self.get_status_display()}"


class LevelEntry(models.Model):
    """A step in a pupil's progression in a subject: the level reached and the programme."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="levels")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    level = models.CharField(_("level"), max_length=100)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("level history")
        ordering = ["-recorded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.pupil} {self.subject}: {self.level}"
