"""Volunteers, assignments (oppdrag), shifts (vakter), interest, hours and police certificates.

Lists of interests, skills, languages and availability are stored as JSON lists of codes:
matching reads them in one query and compares Python sets, the same on SQLite and PostgreSQL.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dugnad.core.models import AgeGroup, Area, Unit


class Topic(models.TextChoices):
    """What a volunteer likes to do and what an assignment is about."""

    ELDERLY = "elderly", _("Spending time with the elderly")
    CHILDREN = "children", _("Children and youth")
    CULTURE = "culture", _("Culture and events")
    SPORTS = "sports", _("Sports and outdoor life")
    LANGUAGE = "language", _("Language and integration")
    TECH = "tech", _("Technology and coding")
    PRACTICAL = "practical", _("Practical help")
    ENVIRONMENT = "environment", _("Environment")


class Skill(models.TextChoices):
    MUSIC = "music", _("Music")
    COOKING = "cooking", _("Cooking")
    DRIVING = "driving", _("Driver's licence")
    FIRST_AID = "first_aid", _("First aid")
    PROGRAMMING = "programming", _("Programming")
    TEACHING = "teaching", _("Teaching")
    CRAFTS = "crafts", _("Crafts")
    ORGANISING = "organising", _("Organising")


class Language(models.TextChoices):
    NORWEGIAN = "nb", _("Norwegian")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    UKRAINIAN = "uk", _("Ukrainian")
    POLISH = "pl", _("Polish")
    SOMALI = "so", _("Somali")
    TIGRINYA = "ti", _("Tigrinya")


class Slot(models.TextChoices):
    WEEKDAY_DAYTIME = "weekday_day", _("weekday daytime")
    WEEKDAY_EVENING = "weekday_evening", _("weekday evenings")
    WEEKEND = "weekend", _("weekends")


class Commitment(models.TextChoices):
    ONE_OFF = "one_off", _("One-off")
    ONGOING = "ongoing", _("Regular")
    BOTH = "both", _("Both")


def _labels(choices, codes) -> list[str]:
    names = dict(choices.choices)
    return [str(names[code]) for code in codes if code in names]


class VolunteerProfile(models.Model):
    """A person's volunteer profile; shown only to coordinators and to their organisers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile"
    )
    interests = models.JSONField(_("interests"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    availability = models.JSONField(_("when you are free"), default=list, blank=True)
    commitment = models.CharField(
        _("one-off or regular"), max_length=10, choices=Commitment.choices, default=Commitment.BOTH
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part of the municipality"),
    )
    age_group = models.ForeignKey(
        AgeGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("age group"),
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    wants_to_try = models.CharField(_("what you would like to try"), max_length=300, blank=True)
    contactable = models.BooleanField(
        _("organisers may contact me with suggestions"), default=False
    )
    confidentiality_signed_at = models.DateTimeField(
        _("confidentiality declaration signed"), null=True, blank=True
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        indexes = [models.Index(fields=["contactable", "area"])]

    def __str__(self) -> str:
        return str(self.user)

    def age_in(self, year: int) -> int | None:
        return None if self.birth_year is None else year - self.birth_year

    @property
    def described(self) -> list[tuple[str, list[str]]]:
        return [
            (_("Interests"), _labels(Topic, self.interests)),
            (_("Skills"), _labels(Skill, self.skills)),
            (_("Languages"), _labels(Language, self.languages)),
            (pgettext_lazy("availability", "Free"), _labels(Slot, self.availability)),
        ]


def municipality_q(municipality, prefix: str = "") -> Q:
    """Assignments (at `prefix`) of `municipality`, organised by an organisation or a unit."""
    return Q(**{f"{prefix}organisation__municipality": municipality}) | Q(
        **{f"{prefix}unit__municipality": municipality}
    )


# An assignment's description: a page of text, never a file pasted in (forms and API).
DESCRIPTION_MAX = 10_000


class AssignmentQuerySet(models.QuerySet):
    def in_municipality(self, municipality):
        """An assignment belongs to the municipality of its organisation or of its unit."""
        return self.filter(municipality_q(municipality))

    def open(self):
        return self.filter(status=Assignment.Status.OPEN)

    def organised_by(self, organisation_ids, unit_ids):
        return self.filter(Q(organisation_id__in=organisation_ids) | Q(unit_id__in=unit_ids))


class Assignment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("assignment", "Open")
        CLOSED = "closed", pgettext_lazy("assignment", "Closed")

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        ONGOING = "ongoing", _("Ongoing")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("organisation"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("municipal unit"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.ONE_OFF)
    place = models.CharField(_("place"), max_length=200, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part of the municipality"),
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    languages = models.JSONField(_("languages needed"), default=list, blank=True)
    times = models.JSONField(_("when"), default=list, blank=True)
    age_groups = models.ManyToManyField(
        AgeGroup, blank=True, related_name="+", verbose_name=_("for age groups")
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    requires_police_certificate = models.BooleanField(
        _("police certificate required"), default=False
    )
    people_needed = models.PositiveSmallIntegerField(_("people needed"), default=1)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    is_demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"])]
        constraints = [
            # Posted by exactly one organiser: an organisation or a municipal unit.
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, unit__isnull=True)
                | Q(organisation__isnull=True, unit__isnull=False),
                name="assignment_one_organiser",
                violation_error_message=_(
                    "Choose either an organisation or a unit as organiser, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(people_needed__gte=1),
                name="assignment_people_1",
                violation_error_message=_("At least one person must be needed."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteering:assignment", kwargs={"pk": self.pk})

    @property
    def organiser(self):
        return self.organisation or self.unit

    @property
    def municipality_id(self) -> int:
        """The municipality the assignment belongs to: its organiser's."""
        return self.organiser.municipality_id

    @property
    def topic_labels(self):
        return _labels(Topic, self.topics)

    @property
    def skill_labels(self):
        return _labels(Skill, self.skills)

    @property
    def language_labels(self):
        return _labels(Language, self.languages)

    @property
    def time_labels(self):
        return _labels(Slot, self.times)


class ShiftQuerySet(models.QuerySet):
    def in_municipality(self, municipality):
        return self.filter(municipality_q(municipality, prefix="assignment__"))


class Shift(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    needed = models.PositiveSmallIntegerField(_("people needed"), default=1)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="shift_ends_after_start",
                violation_error_message=_("The shift must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(needed__gte=1),
                name="shift_needed_1",
                violation_error_message=_("At least one person must be needed."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.assignment} {local:%d.%m.%Y %H:%M}"


class ShiftSignUp(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shift_signups"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                name="shiftsignup_unique",
                violation_error_message=_("This volunteer is already signed up for the shift."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} @ {self.shift}"


class Interest(models.Model):
    """A volunteer's "I want to help": every one gets an answer, or reminders escalate."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("volunteer interest", "Accepted")
        DECLINED = "declined", pgettext_lazy("volunteer interest", "Declined")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="interests")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_interests"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organiser_reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["-created_at"]
        constraints = [
            # A double click or a second tab cannot register the same interest twice.
            models.UniqueConstraint(
                fields=["assignment", "volunteer"],
                name="interest_unique",
                violation_error_message=_(
                    "This volunteer has already shown interest in the assignment."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.assignment}"


class HoursEntry(models.Model):
    """Hours given; on deletion of the person the row stays without them, for statistics."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", pgettext_lazy("volunteer hours", "Approved")
        REJECTED = "rejected", pgettext_lazy("volunteer hours", "Rejected")

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_hours",
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="hours")
    shift = models.ForeignKey(
        Shift, on_delete=models.SET_NULL, null=True, blank=True, related_name="hours"
    )
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("minutes"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["status", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=24 * 60),
                name="hours_within_a_day",
                violation_error_message=_("Give between 1 minute and 24 hours."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.minutes} min ({self.assignment})"

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


class PoliceCertificateRecord(models.Model):
    """That a certificate was shown: who, for which role, when. The document is never stored."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="police_certificates",
        db_index=False,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=200)
    shown_on = models.DateField(_("shown on"))
    expires_on = models.DateField(_("valid until"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("police certificate record")
        verbose_name_plural = _("police certificate records")
        ordering = ["-shown_on"]
        indexes = [models.Index(fields=["volunteer", "expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("shown_on")),
                name="certificate_expires_later",
                violation_error_message=_(
                    "The expiry date must be after the date the certificate was shown."
                ),
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, unit__isnull=True)
                | Q(organisation__isnull=True, unit__isnull=False),
                name="certificate_one_organiser",
                violation_error_message=_("Choose either an organisation or a unit, not both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.role} ({self.shown_on})"


class GroupMessage(models.Model):
    """A message the organiser or a coordinator sent to the volunteers of an assignment, or of
    one of its shifts; kept so that "who was told what, and when" has an answer."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="group_messages"
    )
    shift = models.ForeignKey(
        Shift, on_delete=models.SET_NULL, null=True, blank=True, related_name="group_messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    recipient_count = models.PositiveIntegerField(_("recipients"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("group message")
        verbose_name_plural = _("group messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.subject}"
