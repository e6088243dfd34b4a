"""The activity calendar: events, their materialised occurrences, and sign-ups."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dugnad.core import ical
from dugnad.core.models import AgeGroup, Area, InMunicipalityQuerySet, Municipality, Unit
from dugnad.core.text import fold
from dugnad.organisations.models import Organisation


class Category(models.TextChoices):
    MUSIC = "music", _("Music")
    THEATRE = "theatre", _("Theatre and dance")
    ART = "art", _("Art and crafts")
    LITERATURE = "literature", _("Library and literature")
    SPORTS = "sports", _("Sports and outdoor life")
    FESTIVAL = "festival", _("Festival and market")
    FOOD = "food", _("Food")
    MEETING = "meeting", _("Meeting place")
    COURSE = "course", _("Course and workshop")
    CONFERENCE = "conference", _("Conference and talk")
    OTHER = "other", _("Other")


def event_search_text(*parts: str) -> str:
    return " ".join(fold(part) for part in parts if part)


class EventQuerySet(InMunicipalityQuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)


class Event(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organisation"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("municipal unit"),
    )
    co_organisers = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="co_organised_events",
        verbose_name=_("co-organisers"),
    )
    co_organiser_units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="co_organised_events",
        verbose_name=_("co-organising municipal units"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    age_groups = models.ManyToManyField(
        AgeGroup, blank=True, related_name="events", verbose_name=_("age groups")
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    price_ore = models.PositiveIntegerField(_("price (øre)"), default=0)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    room = models.ForeignKey(
        "premises.Room",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("room"),
        help_text=_("A room in a municipal building; its building and address are shown."),
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("part of the municipality"),
    )
    wheelchair_access = models.BooleanField(_("wheelchair access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    easy_read = models.BooleanField(_("easy-read information"), default=False)
    sign_language = models.BooleanField(_("sign language"), default=False)
    languages = models.CharField(_("languages"), max_length=100, blank=True, default="norsk")
    image = models.ImageField(_("image"), upload_to="events/%Y/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    external_url = models.URLField(_("external link"), blank=True)

    # Title, summary and place folded (lower case, no accents: core.text.fold), kept by save(),
    # so that "sprakkafe" finds "Språkkafé" on SQLite and PostgreSQL alike.
    search_text = models.TextField(blank=True, editable=False)

    # The rule the occurrences were made from; the rows in Occurrence are the truth.
    rrule = models.CharField(_("recurrence rule"), max_length=300, blank=True)

    signup_enabled = models.BooleanField(_("sign-up"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    waitlist_capacity = models.PositiveIntegerField(_("places on the waiting list"), default=0)
    signup_opens_at = models.DateTimeField(_("sign-up opens"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(_("sign-up closes"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_reason = models.TextField(_("reason"), blank=True)
    # RFC 5545 SEQUENCE: rises on every change so that subscribed calendars update.
    sequence = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(unit__isnull=False),
                name="event_has_organiser",
                violation_error_message=_("Choose who arranges the event."),
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="event_image_has_alt",
                violation_error_message=_("Describe the image for those who cannot see it."),
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=models.F("max_age")),
                name="event_age_range_ordered",
                violation_error_message=_(
                    "The minimum age must not be higher than the maximum age."
                ),
            ),
            models.CheckConstraint(
                condition=Q(signup_enabled=False) | Q(capacity__isnull=False),
                name="event_signup_has_capacity",
                violation_error_message=_("Give the number of places when sign-up is on."),
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"], name="event_municipality_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # A room's building is searched by its name too (read once per save, not per search).
        place = self.place_name if self.room_id else ""
        self.search_text = event_search_text(
            self.title, self.summary, self.venue_name, self.address, place
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("activities:event", kwargs={"pk": self.pk})

    @property
    def organiser(self):
        return self.organisation or self.unit

    @property
    def image_url(self) -> str:
        """Where the image is shown from: the event's own view, never the upload's path."""
        return reverse("activities:event_image", kwargs={"pk": self.pk}) if self.image else ""

    @property
    def place_name(self) -> str:
        """The room's building and name when a room is chosen, else the free-text venue."""
        if self.room_id:
            return f"{self.room.building.name}, {self.room.name}"
        return self.venue_name

    @property
    def place_address(self) -> str:
        if self.room_id:
            building = self.room.building
            town = " ".join(part for part in (building.postal_code, building.postal_town) if part)
            return ", ".join(part for part in (building.address, town) if part)
        return self.address

    @property
    def is_free(self) -> bool:
        return self.price_ore == 0


class OrganiserPolicy(models.Model):
    """The coordinator's per-organisation setting: its events wait for approval."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="event_policy"
    )
    requires_approval = models.BooleanField(_("events need approval"), default=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("organiser policy")
        verbose_name_plural = _("organiser policies")

    def __str__(self) -> str:
        return str(self.organisation)


class OccurrenceQuerySet(InMunicipalityQuerySet):
    municipality_path = "event__municipality"


class Occurrence(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    # No index of its own: occurrence_event_start (event, start) serves every lookup by event.
    # With both, PostgreSQL picked the one-column index for a calendar's dates and filtered a
    # period out of every date of its events (4.3 ms against 2.9 for a feed at `norway`).
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="occurrences", db_index=False
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    # Where the recurrence rule put it; differs from `start` once the occurrence is moved.
    original_start = models.DateTimeField()
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty to use the event's.")
    )
    sequence = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="occurrence_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
            models.UniqueConstraint(
                fields=["event", "original_start"],
                name="occurrence_unique_original_start",
                violation_error_message=_("The event already has a date at this time."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start"]),
            # The calendar reads one municipality's published events, then their dates in a
            # period: an index probe per event instead of a scan of the country's dates.
            models.Index(fields=["event", "start"], name="occurrence_event_start"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.start != self.original_start

    @property
    def effective_capacity(self) -> int | None:
        return self.capacity if self.capacity is not None else self.event.capacity

    def ical_uid(self) -> str:
        return ical.uid("occurrence", self.pk)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def person_key(name: str, age: int | None, on: date) -> str:
    """The same person's key whichever way the name is typed: "Åse  Berg" and "åse berg" are
    one person; the birth year (from the age on the date) tells a parent and child of the
    same name apart."""
    folded = " ".join(fold(name).split())
    birth_year = "" if age is None else str(on.year - age)
    return f"{folded}|{birth_year}"[:200]


class SignUpQuestion(models.Model):
    """A question the organiser asks everyone who signs up for the event.

    Questions and price groups are data per event. Events made before they existed got the
    two old fixed questions (allergies, how did you hear) as rows by data migration 0004, with
    the old answers copied over; an event without questions asks none. An event without price
    groups has one price for everyone, `Event.price_ore`.
    """

    class Kind(models.TextChoices):
        TEXT = "text", _("Free text")
        CHOICE = "choice", _("Choice from a list")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signup_questions")
    label = models.CharField(_("question"), max_length=200)
    required = models.BooleanField(_("answer required"), default=False)
    kind = models.CharField(
        _("type of answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice list: one choice per line.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("sign-up question")
        verbose_name_plural = _("sign-up questions")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="text") | ~Q(choices=""),
                name="signup_question_choice_has_choices",
                violation_error_message=_("A question with choices needs the choices, one a line."),
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class PriceGroup(models.Model):
    """A price for one kind of participant (child, adult ...); a price of 0 is free."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="price_groups")
    name = models.CharField(pgettext_lazy("price group", "name"), max_length=100)
    price_ore = models.PositiveIntegerField(_("price (øre)"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("price group")
        verbose_name_plural = _("price groups")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "name"],
                name="price_group_unique_name",
                violation_error_message=_("The event already has a price group with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_free(self) -> bool:
        return self.price_ore == 0


ONE_PLACE_MESSAGE = _("This person already has a place or a waiting-list place on this date.")


class SignUp(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        # "Signed off", not the event's "Cancelled" (Avlyst): the person left, the event stands.
        CANCELLED = "cancelled", pgettext_lazy("sign-up", "Signed off")

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="signups", db_index=False
    )
    # The person who signed up (a guardian for a child); the participant may be someone else.
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_signups",
    )
    participant_name = models.CharField(_("participant's name"), max_length=150)
    participant_age = models.PositiveSmallIntegerField(
        _("participant's age"), null=True, blank=True
    )
    # Who the participant is, for "one place per person and date": the name folded (case,
    # accents, spaces) and the birth year as given by the age on the day of the date. Set by
    # the sign-up action (person_key()); cleared with the name when anonymised.
    person_key = models.CharField(max_length=200, blank=True, editable=False)
    email = models.EmailField(_("email"), blank=True)
    # A sign-up without an account: who signed up (the guardian) and how to reach them. The
    # place is held at once; the link in the email confirms that the address is theirs.
    contact_name = models.CharField(_("name of the person signing up"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    # The group and its price as they were when signing up: the organiser may change them later.
    price_group = models.ForeignKey(
        PriceGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signups",
        verbose_name=_("price group"),
    )
    price_group_name = models.CharField(_("price group"), max_length=100, blank=True)
    price_ore = models.PositiveIntegerField(_("price (øre)"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    cancel_token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["occurrence", "status", "created_at"])]
        constraints = [
            # The same person holds one place (or one waiting-list place) per date: a second
            # submission of the form, a back-and-submit or a parallel click cannot add another.
            models.UniqueConstraint(
                fields=["occurrence", "booked_by", "person_key"],
                condition=Q(status__in=["confirmed", "waiting"], booked_by__isnull=False)
                & ~Q(person_key=""),
                name="signup_one_place_per_person_account",
                violation_error_message=ONE_PLACE_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["occurrence", "email", "person_key"],
                condition=Q(status__in=["confirmed", "waiting"]) & ~Q(email="") & ~Q(person_key=""),
                name="signup_one_place_per_person_email",
                violation_error_message=ONE_PLACE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_name} – {self.occurrence}"


class SignUpAnswer(models.Model):
    signup = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SignUpQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(_("answer"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["signup", "question"],
                name="signup_answer_unique",
                violation_error_message=_("This question is already answered for this sign-up."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
