"""Co-creation across units and partners: initiatives, good stories, the volunteer conference,
the volunteer council and the citizens' desk (innbyggertorg)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from dugnad.core.models import AgeGroup, InMunicipalityQuerySet, Municipality, Unit
from dugnad.organisations.models import Organisation

# --- initiatives ----------------------------------------------------------------------------


class InitiativeQuerySet(InMunicipalityQuerySet):
    def public(self):
        return self.exclude(state=Initiative.State.IDEA)


class Initiative(models.Model):
    class State(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        PAUSED = "paused", _("Paused")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="initiatives"
    )
    slug = models.SlugField(_("slug"), max_length=120)
    title = models.CharField(_("title"), max_length=200)
    aim = models.TextField(_("aim"), help_text=_("What the initiative wants to achieve."))
    age_groups = models.ManyToManyField(
        AgeGroup, blank=True, related_name="initiatives", verbose_name=_("age groups")
    )
    lead_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="led_initiatives", verbose_name=_("lead unit")
    )
    partner_units = models.ManyToManyField(
        Unit, blank=True, related_name="partner_initiatives", verbose_name=_("partner units")
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="initiatives",
        verbose_name=_("partner organisations"),
    )
    external_partners = models.CharField(
        _("other partners"),
        max_length=300,
        blank=True,
        help_text=_("Partners outside the municipality and the directory, separated by commas."),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.IDEA, db_index=True
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    events = models.ManyToManyField(
        "activities.Event", blank=True, related_name="initiatives", verbose_name=_("events")
    )
    assignments = models.ManyToManyField(
        "volunteering.Assignment",
        blank=True,
        related_name="initiatives",
        verbose_name=_("volunteer assignments"),
    )
    is_demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="initiative_unique_slug",
                violation_error_message=_(
                    "Another initiative already uses this web address. Choose a different one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="initiative_period_ordered",
                violation_error_message=_("The end date must not be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    @property
    def external_partner_list(self) -> list[str]:
        return [name.strip() for name in self.external_partners.split(",") if name.strip()]


class Resource(models.Model):
    """What one partner brings: staff hours, money (øre), premises or equipment."""

    class Kind(models.TextChoices):
        STAFF_HOURS = "staff_hours", _("Staff hours")
        MONEY = "money", _("Money")
        PREMISES = "premises", _("Premises")
        EQUIPMENT = "equipment", _("Equipment")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="resources")
    partner = models.CharField(_("partner"), max_length=200)
    kind = models.CharField(_("kind of resource"), max_length=20, choices=Kind.choices)
    # Hours for staff hours, øre for money; empty for premises and equipment.
    amount = models.PositiveIntegerField(_("amount"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["partner", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.partner}: {self.get_kind_display()}"


class InitiativeUpdate(models.Model):
    """A short news item on an initiative, by its staff or a partner organisation's editor."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("update"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.created_at:%Y-%m-%d}"


class ReachFigure(models.Model):
    """A number of participants entered by staff where there is no sign-up ("about 3,000
    visitors at Barnas verdensdag"); shown apart from the numbers computed from sign-ups."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reach")
    label = models.CharField(_("what was counted"), max_length=200)
    count = models.PositiveIntegerField(_("number of people"))
    age_group = models.ForeignKey(
        AgeGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("age group"),
    )
    counted_on = models.DateField(_("date"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reach figure")
        verbose_name_plural = _("reach figures")
        ordering = ["-counted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.count}"


# --- good stories ---------------------------------------------------------------------------


class StoryQuerySet(InMunicipalityQuerySet):
    def published(self):
        return self.filter(state=Story.State.PUBLISHED)


class Story(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        RETURNED = "returned", _("Returned to the author")
        PUBLISHED = "published", _("Published")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="stories")
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(
        _("text"), help_text=_("Simple formatting is kept; scripts are removed.")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("initiative"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("organisation"),
    )
    event = models.ForeignKey(
        "activities.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("event"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="stories"
    )
    # Shown as the byline; the account stays private.
    author_name = models.CharField(_("written by"), max_length=150)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    review_note = models.TextField(_("note from the reviewer"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="story_published_has_time",
                violation_error_message=_("A published story must have a publishing time."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:story", kwargs={"pk": self.pk})


class StoryPhoto(models.Model):
    """A photo in a story: described for screen readers, and, when people are shown, with their
    consent recorded (who gave it and when). The database refuses a photo without either."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="stories/%Y/")
    alt_text = models.CharField(_("description of the photo"), max_length=300)
    shows_people = models.BooleanField(_("people can be recognised in the photo"), default=True)
    consent_from = models.CharField(
        _("consent given by"),
        max_length=300,
        blank=True,
        help_text=_("The people shown (or their guardians) who agreed to the photo being used."),
    )
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("story photo")
        verbose_name_plural = _("story photos")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="storyphoto_has_alt",
                violation_error_message=_("Describe the photo for those who cannot see it."),
            ),
            models.CheckConstraint(
                condition=Q(shows_people=False)
                | (~Q(consent_from="") & Q(consent_on__isnull=False)),
                name="storyphoto_people_have_consent",
                violation_error_message=_(
                    "When the photo shows people, give who consented and when."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.alt_text


# --- the volunteer conference ---------------------------------------------------------------


class Conference(models.Model):
    """The annual volunteer conference. Registration is the calendar's sign-up of `event`
    (individuals, or an organisation signing up several delegates at once; waiting list)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="conferences"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    event = models.OneToOneField(
        "activities.Event",
        on_delete=models.PROTECT,
        related_name="conference",
        verbose_name=_("calendar event (for registration)"),
    )

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer conference")
        verbose_name_plural = _("volunteer conferences")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="conference_unique_year",
                violation_error_message=_("There is already a conference for this year."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class ConferenceSession(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            )
        ]

    def __str__(self) -> str:
        return self.title


def document_path(instance, filename):
    # A random name: the file is served through a view by the document's id, never by its path.
    return f"initiatives/documents/{uuid.uuid4().hex}"


class ConferenceDocument(models.Model):
    """A document published after the conference (presentations, a summary): an uploaded file
    or a link to one elsewhere, never both."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), blank=True)
    file = models.FileField(_("file"), upload_to=document_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    published_on = models.DateField(_("published"))

    class Meta:
        verbose_name = _("conference document")
        verbose_name_plural = _("conference documents")
        ordering = ["published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="conferencedocument_file_or_link",
                violation_error_message=_("Give either a file or a link, not both."),
            )
        ]

    def __str__(self) -> str:
        return self.title


# --- the volunteer council ------------------------------------------------------------------


class Council(models.Model):
    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, related_name="volunteer_council"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer council")
        verbose_name_plural = _("volunteer councils")

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy member")
        SECRETARY = "secretary", _("Secretary (municipality)")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation represented"),
    )
    represents = models.CharField(
        _("represents"), max_length=200, blank=True, help_text=_("When not an organisation.")
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")),
                name="councilmember_term_ordered",
                violation_error_message=_("The term must not end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class CouncilMeeting(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    # "Minutes" alone is a unit of time in other apps' catalogues.
    minutes = models.TextField(pgettext_lazy("council meeting", "minutes"), blank=True)
    # The minutes may instead (or as well) be a signed document, uploaded as a file.
    minutes_file = models.FileField(_("minutes as a file"), upload_to=document_path, blank=True)
    minutes_file_name = models.CharField(max_length=200, blank=True)
    minutes_content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.council}: {self.date}"


# --- the citizens' desk (innbyggertorg) ------------------------------------------------------


class DeskRegistration(models.Model):
    """A registration made at the citizens' desk by a staff member for a citizen present:
    what was registered, the citizen's consent, and who did it. The registration itself is the
    owning app's row, made through its action."""

    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer profile")
        INTEREST = "interest", _("Interest in an assignment")
        SIGNUP = "signup", _("Sign-up for an event")
        ORGANISATION = "organisation", _("Organisation")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="desk_registrations_made",
        verbose_name=_("registered by"),
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="desk_registrations",
        verbose_name=_("citizen"),
    )
    kind = models.CharField(_("what was registered"), max_length=20, choices=Kind.choices)
    what = models.CharField(_("registration"), max_length=255)
    consent_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("registration at the citizens' desk")
        verbose_name_plural = _("registrations at the citizens' desk")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.what}"
