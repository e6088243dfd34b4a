"""The directory of voluntary organisations, kept by the organisations themselves."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dugnad.core.models import (
    AgeGroup,
    Area,
    InMunicipalityQuerySet,
    Municipality,
    choice_label,
)

from .search import SEARCH_CONFIG, StoredSearchVector


class Category(models.TextChoices):
    SPORTS = "sports", _("Sports")
    CULTURE = "culture", _("Culture")
    MUSIC = "music", _("Music")
    HUMANITARIAN = "humanitarian", _("Humanitarian")
    LIFE_STANCE = "life_stance", _("Religion and life stance")
    OUTDOOR = "outdoor", _("Outdoor life")
    MULTICULTURAL = "multicultural", _("Multicultural")
    YOUTH = "youth", _("Children and youth")
    OTHER = "other", _("Other")


class ActivityType(models.Model):
    """What an organisation does (basketball, choir, orienteering); an organisation has several."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)

    class Meta:
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(InMunicipalityQuerySet):
    def public(self):
        return self.filter(status=Organisation.Status.APPROVED)


class Organisation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        HIDDEN = "hidden", _("Hidden")
        MERGED = "merged", _("Merged into another organisation")

    class RegisterStatus(models.TextChoices):
        ACTIVE = "active", _("Active")
        DELETED = "deleted", _("Deleted from the register")
        BANKRUPT = "bankrupt", _("Bankrupt")
        WINDING_UP = "winding_up", _("Being wound up")

    # Fields an organisation edits itself; the register import never overwrites them once edited.
    PROFILE_FIELDS = (
        "name", "purpose", "description", "email", "phone", "website", "facebook_url",
        "instagram_url", "meeting_places", "postal_address", "postal_code", "postal_town",
        "category", "area",
    )  # fmt: skip

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("An organisation number has nine digits."))],
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    activity_types = models.ManyToManyField(
        ActivityType, blank=True, related_name="organisations", verbose_name=_("activities")
    )
    age_groups = models.ManyToManyField(
        AgeGroup, blank=True, related_name="organisations", verbose_name=_("age groups")
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("part of the municipality"),
    )
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    meeting_places = models.TextField(_("meeting places"), blank=True)
    postal_address = models.CharField(_("postal address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_town = models.CharField(_("postal town"), max_length=100, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    logo_alt = models.CharField(_("logo description"), max_length=200, blank=True)

    # From Enhetsregisteret
    organisation_form = models.CharField(_("organisation form"), max_length=10, blank=True)
    industry_code = models.CharField(_("industry code"), max_length=10, blank=True)
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    in_voluntary_register = models.BooleanField(
        _("registered in the Register of Non-Profit Organisations"), default=False
    )
    register_status = models.CharField(
        _("status in the register"),
        max_length=20,
        choices=RegisterStatus.choices,
        default=RegisterStatus.ACTIVE,
    )
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)
    edited_fields = models.JSONField(
        default=list, blank=True, help_text="Profile fields the organisation has edited itself."
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.TextField(_("reason"), blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    search_document = models.TextField(editable=False, blank=True)
    # Kept by the database from search_document: a text-search vector on PostgreSQL (GIN
    # index, migration 0004), so a search does not run to_tsvector on every row it ranks; the
    # document in lower case on SQLite. Never written by the application.
    search_vector = models.GeneratedField(
        expression=StoredSearchVector("search_document", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_document", "search_vector", "updated_at"])
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["status", "category"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="organisation_merged_has_target",
                violation_error_message=_("Choose the organisation it was merged into."),
            ),
            models.CheckConstraint(
                condition=Q(logo="") | ~Q(logo_alt=""),
                name="organisation_logo_has_alt",
                violation_error_message=_("Describe the logo for those who cannot see it."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def get_category_display(self) -> str:
        return choice_label(Category, self.category)  # on each of the directory's rows

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED


class OrganisationRole(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        CONTACT = "contact", _("Contact person")
        EDITOR = "editor", _("Editor")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(
        _("title"), max_length=80, blank=True, help_text=_("E.g. chair or treasurer.")
    )
    show_publicly = models.BooleanField(_("show on the organisation's page"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        ordering = ["role", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "role"],
                name="organisationrole_unique",
                violation_error_message=_("This person already has this role in the organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=OrganisationRole.Role.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email", "role"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_open_per_role",
                violation_error_message=_(
                    "An invitation to this email address for this role "
                    "is already waiting for an answer."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
