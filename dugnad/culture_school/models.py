"""The culture school: subjects and offers per school year, pupils and their guardians,
applications and the waiting list ordered by rules that are data, offers of a place, places,
fees, and the teaching (groups, weekly slots, lessons, attendance)."""

import datetime as dt
import os
import secrets
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dugnad.core.models import Area, InMunicipalityQuerySet, Municipality, Unit


class SubjectArea(models.TextChoices):
    MUSIC = "music", _("Music")
    DANCE = "dance", _("Dance")
    THEATRE = "theatre", _("Theatre")
    VISUAL_ART = "visual_art", _("Visual art")
    MEDIA = "media", _("Media and technology")


class Programme(models.TextChoices):
    """The three programmes of the national framework plan for culture schools."""

    BROAD = "broad", _("Broad programme (breddeprogram)")
    CORE = "core", _("Core programme (kjerneprogram)")
    IN_DEPTH = "in_depth", _("In-depth programme (fordypningsprogram)")


class Teaching(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual lessons")
    GROUP = "group", _("Group lessons")


class School(models.Model):
    """A municipality's culture school, run by one municipal unit (whose staff hold the roles)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="culture_school"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=150)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("culture school")
        verbose_name_plural = _("culture schools")

    def __str__(self) -> str:
        return self.name


class SchoolYearQuerySet(InMunicipalityQuerySet):
    municipality_path = "school__municipality"


class SchoolYear(models.Model):
    class Silence(models.TextChoices):
        CONTINUE = "continue", _("Pupils who do not answer continue")
        QUIT = "quit", _("Pupils who do not answer leave")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="years")
    name = models.CharField(_("name"), max_length=20, help_text=_("For example 2026/27."))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    applications_open = models.BooleanField(_("open for applications"), default=True)
    offer_days = models.PositiveSmallIntegerField(
        _("days to answer an offer"), default=14, help_text=_("The family's deadline to answer.")
    )
    # The seed of the lottery that breaks ties on the waiting list; recorded so that anyone can
    # reproduce the order (see waiting.py).
    lottery_seed = models.CharField(_("lottery seed"), max_length=64, blank=True)
    lottery_drawn_at = models.DateTimeField(_("lottery drawn"), null=True, blank=True)
    lottery_drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Fee rules of the year: the sibling discount for siblings with the same payer (on the
    # cheaper children's places), and the national insurance basic amount (G) that the income
    # bands are counted in.
    sibling_second_percent = models.PositiveSmallIntegerField(
        _("sibling discount for the second child (%)"), default=30
    )
    sibling_third_percent = models.PositiveSmallIntegerField(
        _("sibling discount for the third child and later (%)"), default=50
    )
    basic_amount_ore = models.PositiveIntegerField(
        _("basic amount G (øre)"), default=13016000, help_text=_("Folketrygdens grunnbeløp.")
    )
    # Re-registration for the next year: families answer by the deadline; silence is handled
    # as `continuation_silence` says; the deadline's job is claimed once (core.tasks.claim).
    continuation_deadline = models.DateField(_("re-registration deadline"), null=True, blank=True)
    continuation_silence = models.CharField(
        _("when a family does not answer"),
        max_length=20,
        choices=Silence.choices,
        default=Silence.CONTINUE,
    )
    continuation_done_at = models.DateTimeField(null=True, blank=True, editable=False)
    population_6_15 = models.PositiveIntegerField(
        _("children aged 6-15 in the municipality"),
        null=True,
        blank=True,
        help_text=_("For the share of the age group the culture school reaches."),
    )
    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"],
                name="cs_year_unique_name",
                violation_error_message=_(
                    "A school year with this name already exists. Choose a different name."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="cs_year_ends_after_start",
                violation_error_message=_("The school year must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RuleKind(models.TextChoices):
    """What a waiting-list rule compares; staff choose which apply, in which order, per year."""

    CHILDREN_FIRST = "children_first", _("Children and young people before adults")
    NEW_PUPILS_FIRST = "new_pupils_first", _("New pupils before those who already have a place")
    FIRST_CHOICE_FIRST = "first_choice_first", _("Higher preference before lower")
    EARLIER_APPLICATION = "earlier_application", _("Earlier application date first")


class WaitingRule(models.Model):
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("rule"), max_length=30, choices=RuleKind.choices)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "kind"],
                name="cs_rule_once_per_year",
                violation_error_message=_("This school year already has a rule of this kind."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class SubjectQuerySet(InMunicipalityQuerySet):
    municipality_path = "school__municipality"


class Subject(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="subjects")
    area = models.CharField(_("area"), max_length=20, choices=SubjectArea.choices)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    objects = SubjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["area", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"],
                name="cs_subject_unique_name",
                violation_error_message=_(
                    "A subject with this name already exists. Choose a different name."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FeePlan(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="fee_plans")
    name = models.CharField(_("name"), max_length=100)
    semester_fee_ore = models.PositiveIntegerField(_("fee per semester (øre)"))

    objects = SubjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("fee plan")
        verbose_name_plural = _("fee plans")
        ordering = ["semester_fee_ore", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"],
                name="cs_feeplan_unique_name",
                violation_error_message=_(
                    "A fee plan with this name already exists. Choose a different name."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OfferQuerySet(InMunicipalityQuerySet):
    municipality_path = "school_year__school__municipality"


class Offer(models.Model):
    """A subject offered in one school year: the programme, the form and how many places."""

    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="offers")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="offers")
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    teaching = models.CharField(_("teaching"), max_length=20, choices=Teaching.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes per week"))
    min_age = models.PositiveSmallIntegerField(_("youngest age"))
    max_age = models.PositiveSmallIntegerField(_("oldest age"))
    # An offer limited by school grade (1.-13. trinn) instead of age sets both grades; its age
    # range is then derived from them (see grade_ages) so the age filter still finds it, but the
    # application is checked against the child's grade (see school_grade).
    min_grade = models.PositiveSmallIntegerField(_("lowest school grade"), null=True, blank=True)
    max_grade = models.PositiveSmallIntegerField(_("highest school grade"), null=True, blank=True)
    places = models.PositiveIntegerField(_("places"))
    fee_plan = models.ForeignKey(FeePlan, on_delete=models.PROTECT, related_name="offers")
    venue = models.CharField(_("where it is taught"), max_length=150)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part of the municipality"),
    )
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("shown in the catalogue"), default=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["subject__area", "subject__name", "programme", "min_age"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age__gte=models.F("min_age")),
                name="cs_offer_age_range",
                violation_error_message=_(
                    "The maximum age must not be lower than the minimum age."
                ),
            ),
            models.CheckConstraint(
                condition=Q(minutes__gt=0),
                name="cs_offer_minutes",
                violation_error_message=_("The lesson length must be more than zero minutes."),
            ),
            models.CheckConstraint(
                condition=Q(min_grade__isnull=True, max_grade__isnull=True)
                | Q(min_grade__gte=1, max_grade__lte=13, max_grade__gte=models.F("min_grade")),
                name="cs_offer_grade_range",
                violation_error_message=_(
                    "Give both grades or neither; they must be between 1 and "
                    "13, with the highest not below the lowest."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject.name}, {self.get_programme_display()} ({self.school_year})"

    def get_absolute_url(self) -> str:
        return reverse("culture_school:offer", kwargs={"pk": self.pk})

    @property
    def by_grade(self) -> bool:
        return self.min_grade is not None

    def who_for(self) -> str:
        """'1.–4. trinn' or 'ages 6–9': the range the offer is for, as the catalogue shows it."""
        if self.by_grade:
            return _("grades %(min)s–%(max)s") % {"min": self.min_grade, "max": self.max_grade}
        return _("ages %(min)s–%(max)s") % {"min": self.min_age, "max": self.max_age}


FIRST_GRADE_AGE = 6
LAST_GRADE = 13


def school_grade(birth_date: dt.date, year_starts_on: dt.date) -> int:
    """The school grade a child is in during the school year that starts on `year_starts_on`.

    Norwegian children start 1st grade (1. trinn) in August of the calendar year they turn 6,
    and move up one grade each August; so the grade depends only on the birth year and the
    calendar year the school year starts in: born 2019, school year 2026/27 -> 2026 - 2019 - 5
    = 2nd grade. Below 1 is not yet at school; above 13 has left upper secondary (Vg3 = 13)."""
    return year_starts_on.year - birth_date.year - (FIRST_GRADE_AGE - 1)


def grade_ages(min_grade: int, max_grade: int) -> tuple[int, int]:
    """The ages children of these grades have during a school year: a 1st grader is 5 at the
    start (turning 6 that autumn) and can be 7 at its end; so grade g spans ages g+4 to g+6."""
    return min_grade + FIRST_GRADE_AGE - 2, max_grade + FIRST_GRADE_AGE


class PupilQuerySet(InMunicipalityQuerySet):
    municipality_path = "school__municipality"


class Pupil(models.Model):
    """A child (or an adult) who applies for or holds a place. Only what teaching needs is kept:
    the name, the date of birth (for the age rules) and the part of the municipality (for reach
    figures). A child never has a login; an adult pupil is linked to their own account."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="pupils")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part of the municipality"),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="culture_school_self",
        help_text=_("Set when an adult applies for themself."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    objects = PupilQuerySet.as_manager()

    class Meta:
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        ordering = ["first_name", "last_name", "id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def grade_in(self, year) -> int:
        return school_grade(self.birth_date, year.starts_on)

    def age_on(self, day: dt.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class Guardianship(models.Model):
    """A person who may act for a pupil (a guardian, or the adult pupil themself)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="guardianships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardianships"
    )
    is_payer = models.BooleanField(_("pays the fee"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "user"],
                name="cs_guardian_once",
                violation_error_message=_("This person is already a guardian of the pupil."),
            ),
            models.UniqueConstraint(
                fields=["pupil"],
                condition=Q(is_payer=True),
                name="cs_one_payer",
                violation_error_message=_(
                    "The pupil already has a guardian who pays. Remove that first."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.pupil}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class GuardianInvitation(models.Model):
    """One guardian invites the other to share a child's page; the link is the invitation."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email of the other guardian"))
    token = models.CharField(max_length=64, unique=True, default=_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "email"],
                condition=Q(accepted_at__isnull=True),
                name="cs_invitation_open_once",
                violation_error_message=_(
                    "An invitation to this email address is already waiting for an answer."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} / {self.pupil}"


class ApplicationQuerySet(InMunicipalityQuerySet):
    municipality_path = "offer__school_year__school__municipality"

    def waiting(self):
        return self.filter(status=Application.Status.WAITING)


class Application(models.Model):
    """A pupil's application for one offer: one row per choice, `preference` 1-3.

    The row is the pupil's place on the offer's waiting list while it is waiting."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Offered a place")
        PLACED = "placed", _("Has a place")
        DECLINED = "declined", _("Declined the offer")
        EXPIRED = "expired", _("Offer not answered in time")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ACTIVE = (Status.WAITING, Status.OFFERED, Status.PLACED)

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="applications")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="applications")
    preference = models.PositiveSmallIntegerField(_("preference"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING, db_index=True
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied"), db_index=True)
    changed_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["applied_at", "id"]
        constraints = [
            # Applying twice for the same offer is refused by the database too.
            models.UniqueConstraint(
                fields=["pupil", "offer"],
                condition=Q(status__in=["waiting", "offered", "placed"]),
                name="cs_application_active_once",
                violation_error_message=_("The pupil has already applied for this offer."),
            ),
            models.CheckConstraint(
                condition=Q(preference__gte=1, preference__lte=3),
                name="cs_preference_1_to_3",
                violation_error_message=_("Choose a priority from 1 to 3."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} -> {self.offer.subject.name}"


class PlaceOfferQuerySet(InMunicipalityQuerySet):
    municipality_path = "application__offer__school_year__school__municipality"

    def open(self):
        return self.filter(status=PlaceOffer.Status.OPEN)


class PlaceOffer(models.Model):
    """An offer of a place to the first on the waiting list, to be answered by `deadline`."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="place_offers"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    offered_at = models.DateTimeField(_("offered"))
    deadline = models.DateTimeField(_("answer by"), db_index=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Claimed by the expiry task (core.tasks.claim) so a place passes on exactly once.
    expired_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PlaceOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer of a place")
        verbose_name_plural = _("offers of a place")
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status="open"),
                name="cs_one_open_offer",
                violation_error_message=_("This application already has an open offer of a place."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} ({self.get_status_display()})"


class PlaceQuerySet(InMunicipalityQuerySet):
    municipality_path = "offer__school_year__school__municipality"

    def active(self):
        return self.filter(left_on__isnull=True)


class Place(models.Model):
    """A pupil's place in an offer (a pupil can hold several)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="places")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="place_set")
    application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="place"
    )
    started_on = models.DateField(_("started"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    free_place = models.BooleanField(_("free place"), default=False)
    free_place_reason = models.CharField(_("reason for the free place"), max_length=200, blank=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["offer__subject__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "offer"],
                condition=Q(left_on__isnull=True),
                name="cs_place_once",
                violation_error_message=_("The pupil already has a place in this offer."),
            ),
            models.CheckConstraint(
                condition=Q(free_place=False) | ~Q(free_place_reason=""),
                name="cs_free_place_has_reason",
                violation_error_message=_("Give the reason for the free place."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} – {self.offer.subject.name}"


class IncomeBand(models.Model):
    """A fee reduction for a household income up to `up_to_g` times the basic amount G."""

    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="bands")
    up_to_g = models.DecimalField(_("income up to (times G)"), max_digits=4, decimal_places=1)
    reduction_percent = models.PositiveSmallIntegerField(_("reduction (%)"))

    class Meta:
        ordering = ["up_to_g"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "up_to_g"],
                name="cs_band_once",
                violation_error_message=_(
                    "This school year already has an income band with this upper limit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(reduction_percent__lte=100),
                name="cs_band_at_most_100",
                violation_error_message=_("The reduction cannot be more than 100 percent."),
            ),
        ]

    def __str__(self) -> str:
        return f"≤ {self.up_to_g} G: {self.reduction_percent} %"

    def limit_ore(self) -> int:
        return int(self.up_to_g * self.school_year.basic_amount_ore)


class EvidenceStorage(FileSystemStorage):
    """Income evidence: a folder with no public URL; only a view that checks rights streams it."""

    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "culture-school-private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Income evidence has no public URL.")


def evidence_storage():
    return EvidenceStorage()


def evidence_path(instance, filename):
    return f"{instance.school_year_id}/{uuid.uuid4().hex}"


class ReductionQuerySet(InMunicipalityQuerySet):
    municipality_path = "school_year__school__municipality"


class FeeReduction(models.Model):
    """A payer's request for a fee reduction by household income, for one school year."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="reductions")
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fee_reductions"
    )
    household_income_ore = models.PositiveBigIntegerField(_("household income (øre)"))
    evidence = models.FileField(storage=evidence_storage, upload_to=evidence_path)
    evidence_name = models.CharField(max_length=200)
    evidence_type = models.CharField(max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    band = models.ForeignKey(
        IncomeBand, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReductionQuerySet.as_manager()

    class Meta:
        verbose_name = _("fee reduction")
        verbose_name_plural = _("fee reductions")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "payer"],
                condition=Q(status__in=["pending", "granted"]),
                name="cs_one_reduction_per_year",
                violation_error_message=_(
                    "This payer already has a fee reduction for this "
                    "school year, pending or granted."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payer} {self.school_year} ({self.get_status_display()})"


class Continuation(models.Model):
    """A family's answer for a place next school year: continue, change subject, or quit."""

    class Answer(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        CHANGE = "change", _("Change to another offer")
        QUIT = "quit", _("Quit")

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="continuation")
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices)
    new_offer = models.ForeignKey(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new offer"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)
    by_rule = models.BooleanField(default=False, help_text="Set by the deadline's rule.")

    class Meta:
        verbose_name = _("re-registration")
        verbose_name_plural = _("re-registrations")

    def __str__(self) -> str:
        return f"{self.place}: {self.get_answer_display()}"


# The teaching models live in their own file (this one is long enough); importing them here is
# what makes them part of the app's models module.
from .teaching_models import (  # noqa: E402, F401
    Attendance,
    Group,
    GroupMember,
    Lesson,
    LevelEntry,
    Weekday,
)
