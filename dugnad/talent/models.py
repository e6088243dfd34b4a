"""Regional talent programmes: the region (member municipalities in sub-regions), partners, the
roles held in a programme, yearly calls with their questions, nominations, auditions, panel
scores, decisions and offers, and participation (sessions, attendance, progress notes).

A programme belongs to the municipality that runs it (Ås); its member municipalities are rows
of core's register of Norway's municipalities, so a coordinator or a pupil may live anywhere in
the region. Scoping is by programme and sub-region, never by the pupil's municipality.
"""

import datetime as dt
import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dugnad.core.models import InMunicipalityQuerySet, Municipality, Unit
from dugnad.grants.models import FieldKind


class PrivateStorage(FileSystemStorage):
    """Repertoire and portfolio files: no public URL; a view that checks rights streams them."""

    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "talent-private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Talent files have no public URL.")


def private_storage():
    return PrivateStorage()


def file_path(instance, filename):
    return f"{instance.nomination_id}/{uuid.uuid4().hex}"


class Programme(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("run by")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="talent_programmes",
        verbose_name=_("municipal unit"),
        help_text=_("The unit that organises the programme's sessions in the calendar."),
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    min_age = models.PositiveSmallIntegerField(_("youngest age"), default=14)
    max_age = models.PositiveSmallIntegerField(_("oldest age"), default=19)
    published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(default=False)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("talent programme")
        verbose_name_plural = _("talent programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age__gte=models.F("min_age")),
                name="talentprogramme_age_range",
                violation_error_message=_(
                    "The maximum age must not be lower than the minimum age."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("talent:programme", kwargs={"slug": self.slug})


class ProgrammePartQuerySet(InMunicipalityQuerySet):
    municipality_path = "programme__municipality"


class Track(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=120)
    by_audition = models.BooleanField(
        _("admission by audition"),
        default=True,
        help_text=_("Otherwise admission is by nomination alone (e.g. a masterclass track)."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    objects = ProgrammePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="talenttrack_unique_name",
                violation_error_message=_("This programme already has a track with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Discipline(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="disciplines")
    name = models.CharField(_("name"), max_length=120)

    objects = ProgrammePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="talentdiscipline_unique_name",
                violation_error_message=_(
                    "This programme already has a discipline with this name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class SubRegion(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="subregions")
    name = models.CharField(_("name"), max_length=120)

    objects = ProgrammePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("sub-region")
        verbose_name_plural = _("sub-regions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="talentsubregion_unique_name",
                violation_error_message=_("This programme already has a subregion with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A member municipality of a programme, in one of its sub-regions."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    subregion = models.ForeignKey(
        SubRegion,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("sub-region"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )

    objects = ProgrammePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("member municipality")
        verbose_name_plural = _("member municipalities")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "municipality"],
                name="talentmembership_once",
                violation_error_message=_(
                    "This municipality is already a member of the programme."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.subregion})"


class Partner(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("Upper secondary school")
        FOLK_HIGH_SCHOOL = "folk_high_school", _("Folk high school")
        ACADEMY = "academy", _("Academy or university")
        MUSEUM = "museum", _("Museum or gallery")
        ART_SCHOOL = "art_school", _("Art school")
        ENSEMBLE = "ensemble", _("Ensemble")
        FOUNDATION = "foundation", _("Foundation")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    role = models.CharField(_("role in the programme"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = ProgrammePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="talentpartner_unique_name",
                violation_error_message=_("This programme already has a partner with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


# -- roles held in a programme (declared to core.access through talent.access) ------------------


class ProgrammeAdmin(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="admins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = ProgrammePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme administrator")
        verbose_name_plural = _("programme administrators")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                name="talentadmin_once",
                violation_error_message=_(
                    "This person is already an administrator of the programme."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.programme}"


class Coordinator(models.Model):
    subregion = models.ForeignKey(SubRegion, on_delete=models.CASCADE, related_name="coordinators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("sub-region coordinator")
        verbose_name_plural = _("sub-region coordinators")
        constraints = [
            models.UniqueConstraint(
                fields=["subregion", "user"],
                name="talentcoordinator_once",
                violation_error_message=_(
                    "This person is already a coordinator for the subregion."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.subregion}"


class Teacher(models.Model):
    """A culture school teacher who may nominate pupils to the programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="teachers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("culture school's municipality"),
    )

    class Meta:
        verbose_name = _("nominating teacher")
        verbose_name_plural = _("nominating teachers")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                name="talentteacher_once",
                violation_error_message=_("This person is already a teacher in the programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.programme}"


# -- calls ---------------------------------------------------------------------------------------


class CallQuerySet(InMunicipalityQuerySet):
    municipality_path = "programme__municipality"


class Call(models.Model):
    """One year's call for nominations, with its deadlines, places and criteria."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calls")
    year = models.PositiveSmallIntegerField(_("year"))
    opens_at = models.DateTimeField(_("nominations open"))
    nomination_deadline = models.DateTimeField(_("deadline for nominations"))
    completion_deadline = models.DateTimeField(
        _("deadline for completing the application"),
        help_text=_("The pupil or guardian confirms and completes the application by then."),
    )
    answer_days = models.PositiveSmallIntegerField(_("days to accept an offer"), default=14)
    places = models.PositiveSmallIntegerField(_("places"))
    criteria = models.JSONField(_("scoring criteria"), default=list, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"],
                name="talentcall_one_per_year",
                violation_error_message=_("This programme already has a call for this year."),
            ),
            models.CheckConstraint(
                condition=Q(nomination_deadline__gt=models.F("opens_at")),
                name="talentcall_opens_first",
                violation_error_message=_("The nomination deadline must be after the call opens."),
            ),
            models.CheckConstraint(
                condition=Q(completion_deadline__gte=models.F("nomination_deadline")),
                name="talentcall_completion_after_nomination",
                violation_error_message=_(
                    "The completion deadline must not be before the nomination deadline."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"

    def nominations_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.nomination_deadline

    def completion_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.completion_deadline

    @property
    def age_on(self) -> dt.date:
        """Ages count on 31 December of the call's year, as in school years."""
        return dt.date(self.year, 12, 31)


class CallQuestion(models.Model):
    """A question of the call, as data (the same field kinds as the grants app's forms)."""

    KINDS = [
        (FieldKind.TEXT.value, FieldKind.TEXT.label),
        (FieldKind.LONG_TEXT.value, FieldKind.LONG_TEXT.label),
        (FieldKind.NUMBER.value, FieldKind.NUMBER.label),
        (FieldKind.CHOICE.value, FieldKind.CHOICE.label),
        (FieldKind.YES_NO.value, FieldKind.YES_NO.label),
    ]

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=60)
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, default=FieldKind.LONG_TEXT)
    required = models.BooleanField(_("required"), default=True)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "key"],
                name="talentquestion_unique_key",
                violation_error_message=_(
                    "This call already has a question with this key. Choose a different key."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.label


class PanelMember(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "user"],
                name="talentpanel_once",
                violation_error_message=_("This person is already on the panel for this call."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.call}"


# -- nominations ---------------------------------------------------------------------------------


class Gender(models.TextChoices):
    GIRL = "girl", _("Girl")
    BOY = "boy", _("Boy")
    OTHER = "other", _("Other")
    UNSPECIFIED = "unspecified", _("Prefers not to say")


class NominationQuerySet(InMunicipalityQuerySet):
    municipality_path = "call__programme__municipality"

    def submitted(self):
        return self.exclude(submitted_at=None).filter(withdrawn_at=None)


class Nomination(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not decided")
        ADMITTED = "admitted", _("Admitted")
        WAITING = "waiting", _("Waiting list")
        NOT_ADMITTED = "not_admitted", _("Not admitted")

    class Offer(models.TextChoices):
        NONE = "", _("No offer")
        OFFERED = "offered", _("Offered a place")
        ACCEPTED = "accepted", pgettext_lazy("offer", "Accepted")
        DECLINED = "declined", pgettext_lazy("offer", "Declined")
        EXPIRED = "expired", _("Not answered in time")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="nominations", db_index=False
    )
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="+")
    discipline = models.ForeignKey(
        Discipline, on_delete=models.PROTECT, related_name="+", verbose_name=_("discipline")
    )
    home_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("home municipality"),
    )
    # Copied from the membership when nominated, so that a coordinator's list is one indexed
    # filter; a municipality moved to another sub-region later keeps its old entries there.
    subregion = models.ForeignKey(SubRegion, on_delete=models.PROTECT, related_name="nominations")
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="talent_nominations"
    )
    pupil_name = models.CharField(_("pupil's name"), max_length=200)
    birth_date = models.DateField(_("pupil's date of birth"))
    gender = models.CharField(
        _("gender"), max_length=20, choices=Gender.choices, default=Gender.UNSPECIFIED
    )
    pupil_email = models.EmailField(_("pupil's email"), blank=True)
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)
    guardian_email = models.EmailField(_("guardian's email"), blank=True)
    teacher_statement = models.TextField(_("the teacher's statement"))
    # Linked when the pupil or guardian logs in and opens the nomination.
    pupil_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    guardian_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    repertoire = models.TextField(_("repertoire or portfolio description"), blank=True)
    answers = models.JSONField(default=dict, blank=True)
    guardian_consent_at = models.DateTimeField(_("guardian's consent"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("completed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        _("decision"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    waiting_position = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    offer = models.CharField(_("offer"), max_length=20, choices=Offer.choices, blank=True)
    offer_deadline = models.DateTimeField(_("answer by"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    higher_education = models.BooleanField(
        _("went on to higher education in the subject"), default=False
    )
    renewed_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="renewal"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["pupil_name", "id"]
        indexes = [
            models.Index(fields=["call", "subregion", "pupil_name"]),
            models.Index(fields=["call", "outcome", "waiting_position"]),
        ]
        constraints = [
            # A double click, or two teachers, never nominate the same pupil twice in a call.
            models.UniqueConstraint(
                fields=["call", "pupil_name", "birth_date"],
                name="talentnomination_once",
                violation_error_message=_("This pupil is already nominated in this call."),
            ),
            models.CheckConstraint(
                condition=~Q(offer__in=["offered", "accepted"]) | Q(outcome="admitted"),
                name="talentnomination_offer_only_when_admitted",
                violation_error_message=_(
                    "A place can only be offered or accepted when the pupil is admitted."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.pupil_name}"

    def get_absolute_url(self) -> str:
        return reverse("talent:nomination", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"TP-{self.pk:05d}" if self.pk else "TP-new"

    def age(self, on: dt.date | None = None) -> int:
        on = on or self.call.age_on
        years = on.year - self.birth_date.year
        if (on.month, on.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def is_minor(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.age(today) < 18

    @property
    def holds_place(self) -> bool:
        return self.offer in (self.Offer.OFFERED, self.Offer.ACCEPTED)


class NominationFile(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(storage=private_storage, upload_to=file_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("repertoire or portfolio file")
        verbose_name_plural = _("repertoire or portfolio files")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.original_name


class Conflict(models.Model):
    """A panel member's declared conflict of interest: they never see or score the entry."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "user"],
                name="talentconflict_once",
                violation_error_message=_("This conflict of interest is already registered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.nomination.reference}"


class Score(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    criterion = models.CharField(_("criterion"), max_length=200)
    value = models.PositiveSmallIntegerField(_("score"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "member", "criterion"],
                name="talentscore_once",
                violation_error_message=_(
                    "This panel member has already scored this criterion for the nomination."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5),
                name="talentscore_one_to_five",
                violation_error_message=_("Choose a score from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class SlotQuerySet(InMunicipalityQuerySet):
    municipality_path = "call__programme__municipality"


class AuditionSlot(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="slots")
    discipline = models.ForeignKey(Discipline, on_delete=models.CASCADE, related_name="+")
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=20)
    nomination = models.OneToOneField(
        Nomination, on_delete=models.SET_NULL, null=True, blank=True, related_name="slot"
    )

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("audition slot")
        verbose_name_plural = _("audition slots")
        ordering = ["starts_at", "place"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "place", "starts_at"],
                name="talentslot_once_per_place",
                violation_error_message=_(
                    "There is already an audition at this place at this time."
                ),
            )
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.discipline} {local:%d.%m.%Y %H:%M}, {self.place}"


# -- participation -------------------------------------------------------------------------------


class Session(models.Model):
    """A programme session: an occurrence of an event in the calendar, organised by the
    programme's unit (an event's organiser is an organisation or a unit, so the programme is
    linked from here rather than made an organiser of its own)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="sessions")
    occurrence = models.ForeignKey(
        "activities.Occurrence", on_delete=models.CASCADE, related_name="talent_sessions"
    )
    subregion = models.ForeignKey(
        SubRegion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        help_text=_("Empty: for the whole programme."),
    )

    objects = ProgrammePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["occurrence__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "occurrence"],
                name="talentsession_once",
                violation_error_message=_("This date is already a session in the call."),
            )
        ]

    def __str__(self) -> str:
        return str(self.occurrence.event.title)


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination"],
                name="talentattendance_once",
                violation_error_message=_(
                    "Attendance for this pupil is already registered for this session."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} – {self.nomination.reference}"


class ProgressNote(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("progress note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.nomination.reference} {self.created_at:%Y-%m-%d}"
