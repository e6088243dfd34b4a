"""The shared kernel: the municipality, its units, the activity log and staff-edited pages."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .richtext import sanitise


class InMunicipalityQuerySet(models.QuerySet):
    """A root queryset of data that belongs to one municipality.

    `in_municipality(m)` keeps the rows of municipality `m`. `municipality_path` is the lookup
    from the model to its municipality ("municipality", "building__municipality", ...); a model
    whose path is not a single chain of foreign keys overrides `in_municipality`.
    """

    municipality_path = "municipality"

    def in_municipality(self, municipality):
        return self.filter(**{self.municipality_path: municipality})


def choice_label(choices: type[models.Choices], value) -> str:
    """The name of `value` among `choices` in the active language, or the value itself when it
    is none of them. For names shown on every row of a page: Django's get_FOO_display() hashes
    the whole choice list on every call."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class AgeGroupChoice(models.TextChoices):
    """Age groups used across the calendar, directory, volunteering and the action plan."""

    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    YOUNG_ADULTS = "young_adults", _("Young adults (13-30)")
    ADULTS = "adults", _("Adults")
    ELDERLY = "elderly", _("Elderly")

    @classmethod
    def labels_of(cls, codes) -> list[str]:
        """The groups' names for `codes`, in their order, in the active language (a code that
        is not a group is shown as it is): for pages that read the codes as plain rows."""
        return [choice_label(cls, code) for code in codes]


class AgeGroup(models.Model):
    """The age groups as a table, so that many-to-many filters work on every database."""

    code = models.CharField(max_length=20, primary_key=True, choices=AgeGroupChoice.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")
        ordering = ["position"]

    def __str__(self) -> str:
        return choice_label(AgeGroupChoice, self.code)  # a select of them on every calendar page


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
                fields=["hostname"],
                condition=~Q(hostname=""),
                name="municipality_unique_hostname",
                violation_error_message=_(
                    "Another municipality already uses this host name. Choose a different one."
                ),
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
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="area_unique_slug",
                violation_error_message=_(
                    "Another area already uses this web address. Choose a different one."
                ),
            )
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
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="unit_unique_slug",
                violation_error_message=_(
                    "Another unit already uses this web address. Choose a different one."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


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
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, db_index=False
    )
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
    """A staff-edited information page ("Frivillig i Ås"). The body is rich text, sanitised on
    every save (the site's form, the admin, a shell) and again when shown."""

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
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="infopage_unique_slug",
                violation_error_message=_(
                    "Another page already uses this web address. Choose a different one."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitise(self.body)
        super().save(*args, **kwargs)


class AppendOnlyQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionDenied("The access log is append-only.")

    def update(self, **kwargs):
        raise PermissionDenied("The access log is append-only.")


class PersonalDataAccess(models.Model):
    """That someone saw another person's data: who, whose, what and when. Append-only.

    Written by `core.privacy.PersonalDataAccessMiddleware` for the views apps declare. The
    entry never holds the name of the person seen (only the account, or a description of the
    record), so that it can be kept after that person's data is erased. References to accounts
    are PROTECT: an account someone has looked at, or that has looked at others, is anonymised
    on erasure rather than deleted, and the entry stays whole.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("viewed by"),
    )
    # The viewer's name when they looked: the person keeps the right to know who it was.
    viewer_label = models.CharField(_("viewed by"), max_length=200)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("whose data"),
        db_index=False,
    )
    description = models.CharField(_("whose data"), max_length=200, blank=True)
    view_name = models.CharField(_("page"), max_length=100)
    what = models.CharField(_("what was shown"), max_length=255)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("access log for personal data")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.viewer_label}: {self.what}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The access log is append-only.")


class FeedTokenQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True, owner__is_active=True)


class FeedToken(models.Model):
    """A private calendar feed's key, one per subscriber: the owner can see when it was last
    used and revoke it. Only its SHA-256 hash is stored; the address is shown once."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
        db_index=False,
    )
    # What it opens: a feed name ("premises.room") and the id of the row it is for.
    feed = models.CharField(max_length=50)
    object_id = models.PositiveBigIntegerField()
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")
        indexes = [models.Index(fields=["owner", "feed", "object_id"])]

    def __str__(self) -> str:
        return f"{self.feed} {self.object_id}: {self.prefix}…"


class FormSubmission(models.Model):
    """A form sent once: the one-time token its page carried, and where its result is.

    `core.submit` records the row in the transaction of the view (and so of its action); the
    unique token makes a second sending of the same form (a double click, a resent request,
    a second tab) find the first one's result instead of doing the work again. Rows are kept
    for a day (`expire_form_submissions`)."""

    token = models.CharField(max_length=64, unique=True)
    # Whose sending it was, to show the result to that person only; an id rather than a
    # foreign key, as the row outlives nothing and holds no personal data.
    user_id = models.BigIntegerField(null=True, blank=True)
    path = models.CharField(max_length=500)
    result_url = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return f"{self.path} {self.created_at:%Y-%m-%d %H:%M}"


class SentEmail(models.Model):
    """An email the site sent, kept in demo mode only (core.mail.DemoMailboxBackend), so that a
    newcomer trying the demo can open the confirmation links without a real mailbox."""

    to = models.CharField(_("to"), max_length=500)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sent email (demo)")
        verbose_name_plural = _("sent emails (demo)")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
