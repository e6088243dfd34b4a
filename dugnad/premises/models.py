"""Municipal premises: buildings, rooms (possibly made of parts), opening hours, prices,
bookings and seasonal allocation.

The rule that no two active bookings of a room overlap is stated to PostgreSQL as an exclusion
constraint in migration 0002 (SQLite cannot create it, so it is not in Meta); rooms made of
parts are guarded by locking the top room row in `actions.book`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dugnad.core.models import AgeGroup, Area, InMunicipalityQuerySet, Municipality, Unit


class BuildingKind(models.TextChoices):
    SCHOOL = "school", _("School")
    CULTURE_HOUSE = "culture_house", _("Culture house")
    LIBRARY = "library", _("Library")
    YOUTH_CLUB = "youth_club", _("Youth club")
    OTHER = "other", _("Other")


class RoomKind(models.TextChoices):
    GYM = "gym", _("Gym")
    CLASSROOM = "classroom", _("Classroom")
    MUSIC_ROOM = "music_room", _("Music room")
    HALL = "hall", _("Hall and stage")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    KITCHEN = "kitchen", _("Kitchen")
    OTHER = "other", _("Other")


class RenterType(models.TextChoices):
    VOLUNTARY = "voluntary", _("Voluntary organisation in the directory")
    OTHER_ORGANISATION = "other_organisation", _("Other organisation")
    PRIVATE = "private", _("Private person")
    COMPANY = "company", _("Company")
    MUNICIPAL = "municipal", _("Municipal unit")


class Facility(models.Model):
    """Stage, piano, kitchen, projector, sports equipment: a table so that filters stay indexed."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoomQuerySet(InMunicipalityQuerySet):
    municipality_path = "building__municipality"


class BookingSeriesQuerySet(InMunicipalityQuerySet):
    municipality_path = "room__building__municipality"


class Building(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="buildings"
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="buildings",
        verbose_name=_("managed by"),
        help_text=_("Premises managers in this unit (or a unit above it) handle the bookings."),
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BuildingKind.choices)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("area")
    )
    address = models.CharField(_("address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_town = models.CharField(_("postal town"), max_length=100, blank=True)
    access_info = models.TextField(_("access information"), blank=True)
    contact_name = models.CharField(_("contact"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="rooms")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
        help_text=_("For a part of a larger room, e.g. a third of a gym hall."),
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=RoomKind.choices)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    size_m2 = models.PositiveIntegerField(_("size (m²)"), null=True, blank=True)
    facilities = models.ManyToManyField(
        Facility, blank=True, related_name="rooms", verbose_name=_("facilities")
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessibility = models.TextField(_("accessibility"), blank=True)
    rules_of_use = models.TextField(_("rules of use"), blank=True)
    confirm_automatically = models.BooleanField(
        _("confirm at once inside opening hours"),
        default=True,
        help_text=_("Otherwise every booking waits for the premises manager."),
    )
    open_on_holidays = models.BooleanField(_("open on public holidays"), default=False)
    cancellation_hours = models.PositiveIntegerField(
        _("cancellation deadline (hours before start)"), default=24
    )
    min_minutes = models.PositiveIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), default=8 * 60)
    max_days_ahead = models.PositiveIntegerField(_("bookable days ahead"), default=365)
    is_active = models.BooleanField(_("bookable"), default=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["building__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_minutes__gte=F("min_minutes")),
                name="room_min_le_max",
                violation_error_message=_(
                    "The longest booking must not be shorter than the shortest."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="room_not_own_part",
                violation_error_message=_("A room cannot be part of itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.building.name}"

    def get_absolute_url(self) -> str:
        return reverse("premises:room", kwargs={"pk": self.pk})

    def clean(self):
        # Clash checks and their locks look for a room's whole and parts in its building.
        if self.parent_id and self.parent.building_id != self.building_id:
            raise ValidationError(
                {"parent": _("A part must be in the same building as the room it is part of.")}
            )


class RoomPhoto(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="rooms/")
    alt_text = models.CharField(
        _("description for screen readers"),
        max_length=250,
        help_text=_("Describe what the photo shows."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("room photo")
        verbose_name_plural = _("room photos")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="roomphoto_has_alt",
                violation_error_message=_("Describe the photo for those who cannot see it."),
            )
        ]

    def __str__(self) -> str:
        return self.alt_text


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="hours_close_after_open",
                violation_error_message=_("The closing time must be after the opening time."),
            ),
            models.UniqueConstraint(
                fields=["building", "weekday"],
                name="hours_one_per_weekday",
                violation_error_message=_(
                    "The building already has opening hours for this weekday."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(models.Model):
    """A date with other hours than usual, or closed (closed when opens/closes are empty)."""

    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opening hours exception")
        verbose_name_plural = _("opening hours exceptions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "date"],
                name="exception_one_per_date",
                violation_error_message=_("The building already has an exception for this date."),
            ),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True)
                | Q(opens__isnull=False, closes__isnull=False, closes__gt=F("opens")),
                name="exception_closed_or_valid_hours",
                violation_error_message=_(
                    "Leave both times empty for closed, or give a "
                    "closing time after the opening time."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.note}"


class BlockedPeriod(models.Model):
    """Maintenance, school use: the room (and its whole and parts) cannot be booked."""

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="blocked_periods", db_index=False
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("to"))
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("blocked period")
        verbose_name_plural = _("blocked periods")
        ordering = ["start"]
        indexes = [models.Index(fields=["room", "start", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="blocked_end_after_start",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self) -> str:
        return self.reason


class PriceModel(models.TextChoices):
    FREE = "free", _("Free of charge")
    PER_HOUR = "per_hour", _("Per hour")
    PER_BOOKING = "per_booking", _("Per booking")


class PriceRule(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="price_rules")
    renter_type = models.CharField(_("renter"), max_length=20, choices=RenterType.choices)
    model = models.CharField(_("price model"), max_length=20, choices=PriceModel.choices)
    amount_ore = models.PositiveIntegerField(_("amount (øre)"), default=0)
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("price rule")
        verbose_name_plural = _("price rules")
        ordering = ["room", "renter_type", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "renter_type", "valid_from"],
                name="price_one_per_date",
                violation_error_message=_(
                    "This room already has a price for this kind of renter from this date."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(model="free") | Q(amount_ore=0),
                name="price_free_is_zero",
                violation_error_message=_("A free price must have the amount 0."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_renter_type_display()}: {self.get_model_display()}"


class BookingState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DENIED = "denied", _("Denied")
    CANCELLED = "cancelled", _("Cancelled")
    # A request nobody decided before its date: closed by `expire_booking_requests`.
    EXPIRED = "expired", _("Expired")


ACTIVE_STATES = (BookingState.REQUESTED, BookingState.CONFIRMED)


class BookingSeries(models.Model):
    """A weekly or every-other-week series; each date becomes a Booking or a SeriesSkip."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="series")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="booking_series"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booking_series",
    )
    title = models.CharField(_("title"), max_length=150)
    rrule = models.CharField(_("recurrence rule"), max_length=200)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BookingSeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class SeriesSkip(models.Model):
    """A date of a series that was not booked, with the reason (never dropped silently)."""

    series = models.ForeignKey(BookingSeries, on_delete=models.CASCADE, related_name="skips")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "date"],
                name="seriesskip_one_per_date",
                violation_error_message=_("This date is already skipped in the series."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"


class BookingQuerySet(InMunicipalityQuerySet):
    municipality_path = "room__building__municipality"

    def active(self):
        return self.filter(state__in=ACTIVE_STATES)

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)


class Booking(models.Model):
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", db_index=False
    )
    series = models.ForeignKey(
        BookingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("organisation"),
    )
    renter_type = models.CharField(_("renter"), max_length=20, choices=RenterType.choices)
    title = models.CharField(_("title"), max_length=150)
    is_public = models.BooleanField(
        _("show the organiser's name in the public calendar"), default=True
    )
    attendees = models.PositiveIntegerField(_("expected number of people"), default=1)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    state = models.CharField(
        _("state"), max_length=20, choices=BookingState.choices, default=BookingState.REQUESTED
    )
    state_reason = models.TextField(_("reason"), blank=True)
    price_ore = models.PositiveIntegerField(_("price (øre)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the day-before reminder is claimed, so a second run (or worker) sends nothing.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When a request past its date was closed unanswered (claimed once, core.tasks.claim).
    expired_at = models.DateTimeField(null=True, blank=True, editable=False)
    # iCalendar SEQUENCE: raised on every change a calendar shows, so subscribers update.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["reminded_at", "expired_at", "sequence"])
    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["room", "start", "end"]),
            models.Index(fields=["state", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="booking_end_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=~Q(renter_type="voluntary") | Q(organisation__isnull=False),
                name="booking_voluntary_has_organisation",
                violation_error_message=_(
                    "Choose the organisation for a booking by a voluntary organisation."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.room.name})"

    def get_absolute_url(self) -> str:
        return reverse("premises:booking", kwargs={"pk": self.pk})

    @property
    def organiser_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.booked_by.display_name


class AllocationRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for applications")
        ALLOCATING = "allocating", _("Being allocated")
        PUBLISHED = "published", _("Published")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    season_start = models.DateField(_("season starts"))
    season_end = models.DateField(_("season ends"))
    deadline = models.DateTimeField(_("application deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last season"),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    rooms = models.ManyToManyField(
        Room,
        blank=True,
        related_name="allocation_rounds",
        verbose_name=_("rooms in the round"),
        help_text=_("None ticked: every bookable room of the managers' buildings."),
    )

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        ordering = ["-season_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(season_end__gt=F("season_start")),
                name="round_end_after_start",
                violation_error_message=_("The season must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class SlotWish(models.Model):
    """An organisation's wish for a weekly slot in a season."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="wishes")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="slot_wishes"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wishes",
        verbose_name=_("room"),
    )
    room_kind = models.CharField(
        _("or any room of this kind"), max_length=20, choices=RoomKind.choices, blank=True
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("start time"))
    minutes = models.PositiveIntegerField(_("length (minutes)"))
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    participants = models.PositiveIntegerField(_("number of participants"))
    age_group = models.ForeignKey(
        AgeGroup, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("age group")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("slot wish")
        verbose_name_plural = _("slot wishes")
        ordering = ["weekday", "start_time", "priority"]
        constraints = [
            models.CheckConstraint(
                condition=Q(room__isnull=False) | ~Q(room_kind=""),
                name="wish_room_or_kind",
                violation_error_message=_("Choose a room or a kind of room."),
            ),
            models.CheckConstraint(
                condition=Q(minutes__gt=0),
                name="wish_positive_length",
                violation_error_message=_("The length must be more than zero minutes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.get_weekday_display()} {self.start_time:%H:%M}"


class AllocatedSlot(models.Model):
    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="slots")
    wish = models.OneToOneField(
        SlotWish, on_delete=models.SET_NULL, null=True, blank=True, related_name="allocation"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="allocated_slots"
    )
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="allocated_slots")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    series = models.OneToOneField(
        BookingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="slot"
    )

    class Meta:
        verbose_name = _("allocated slot")
        verbose_name_plural = _("allocated slots")
        ordering = ["room", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="slot_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.room} {self.get_weekday_display()}"
