"""The shared kernel: the municipality, its units, the activity log and staff-edited pages."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InMunicipalityQuerySet(models.QuerySet):
    """A root queryset of data that belongs to one municipality.

    `in_municipality(m)` keeps the rows of municipality `m`. `municipality_path` is the lookup
    from the model to its municipality ("municipality", "building__municipality", ...); a model
    whose path is not a single chain of foreign keys overrides `in_municipality`.
    """

    municipality_path = "municipality"

    def in_municipality(self, municipality):
        return self.filter(**{self.municipality_path: municipality})


class AgeGroupChoice(models.TextChoices):
    """Age groups used across the calendar, directory, volunteering and the action plan."""

    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    YOUNG_ADULTS = "young_adults", _("Young adults (13-30)")
    ADULTS = "adults", _("Adults")
    ELDERLY = "elderly", _("Elderly")


class AgeGroup(models.Model):
    """The age groups as a table, so that many-to-many filters work on every database."""

    code = models.CharField(max_length=20, primary_key=True, choices=AgeGroupChoice.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")
        ordering = ["position"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Municipality(models.Model):
    number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("A municipality number has four digits."))],
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    # db_default: rows written by code that predates these columns (a rolling deploy, an old
    # migration's model) still get a value.
    county = models.CharField(_("county"), max_length=50, blank=True, default="", db_default="")
    hostname = models.CharField(
        _("host name"),
        max_length=253,
        blank=True,
        default="",
        db_default="",
        help_text=_(
            "The web address this municipality is served at, e.g. frivillig.as.kommune.no. "
            "Leave empty for a municipality this site does not serve."
        ),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["hostname"], condition=~Q(hostname=""), name="municipality_unique_hostname"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Host names are matched case-insensitively against the request's host.
        self.hostname = self.hostname.strip().lower()
        super().save(*args, **kwargs)


class Area(models.Model):
    """A part of the municipality (a school district or village), used for filters and matching."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="area_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A municipal unit (virksomhet/enhet), e.g. Kultur og fritid > Kulturskolen."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipal unit")
        verbose_name_plural = _("municipal units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="unit_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors_and_self(self) -> list["Unit"]:
        chain, unit = [], self
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain


class ActivityLog(models.Model):
    """Who did what to which object, and when. Written by `core.notify.notify` only."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    event = models.CharField(_("event"), max_length=80, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("object"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.event} {self.target_repr}"


class InfoPage(models.Model):
    """A staff-edited information page ("Frivillig i Ås"), body sanitised on save by the action."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="pages")
    slug = models.SlugField(_("slug"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(
        _("body"), help_text=_("Simple formatting is kept; scripts are removed.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ["position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="infopage_unique_slug")
        ]

    def __str__(self) -> str:
        return self.title
