"""Action plans (tiltaksplaner), their goals, focus areas and numbered measures, the measures'
status updates, links and comments, and the annual report with its frozen snapshot.

A measure links to what realises it elsewhere in the platform through a generic relation
(`MeasureLink`), so that this app never imports a feature app.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dugnad.core.models import InMunicipalityQuerySet, Municipality, Unit

PROGRESS_RANGE = _("Progress is a whole number of per cent from 0 to 100.")


class MeasureState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("measure", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("measure", "In progress")
    DONE = "done", pgettext_lazy("measure", "Done")
    DELAYED = "delayed", pgettext_lazy("measure", "Delayed")
    CANCELLED = "cancelled", pgettext_lazy("measure", "Cancelled")


# Measures that still need follow-up: an update is expected every four-month period.
OPEN_STATES = (MeasureState.PLANNED, MeasureState.IN_PROGRESS, MeasureState.DELAYED)


class ActionPlan(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    owner_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner unit"),
        help_text=_("The unit whose plan owners follow the plan up and approve its reports."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="plan_ends_after_start",
                violation_error_message=_("The end year must not be before the start year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.start_year}–{self.end_year}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", kwargs={"pk": self.pk})


class GoalQuerySet(InMunicipalityQuerySet):
    municipality_path = "plan__municipality"


class Goal(models.Model):
    """One of the municipality's main goals (hovedmål) that the plan serves."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("goal"), max_length=300)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("main goal")
        verbose_name_plural = _("main goals")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="goal_number_unique",
                violation_error_message=_("This plan already has a goal with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class FocusArea(models.Model):
    """A satsningsområde: a heading of the plan with its own numbered measures."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="focus_areas")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="focusarea_number_unique",
                violation_error_message=_("This plan already has a focus area with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class MeasureQuerySet(InMunicipalityQuerySet):
    municipality_path = "focus_area__plan__municipality"


class Measure(models.Model):
    """A numbered measure (tiltak) of a focus area, with who answers for it and how it goes."""

    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("measure"))
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit")
    )
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    state = models.CharField(
        _("state"), max_length=20, choices=MeasureState.choices, default=MeasureState.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["focus_area__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "number"],
                name="measure_number_unique",
                violation_error_message=_(
                    "This focus area already has a measure with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="measure_progress_100",
                violation_error_message=_("Progress cannot be more than 100 percent."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="measure_ends_after_start",
                violation_error_message=_("The end year must not be before the start year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("plans:measure", kwargs={"pk": self.pk})

    @property
    def code(self) -> str:
        """The plan's numbering, "2.3": the third measure of the second focus area."""
        return f"{self.focus_area.number}.{self.number}"


class StatusUpdate(models.Model):
    """A dated account of a measure: what was done, what comes next, state and progress then."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="updates", db_index=False
    )
    date = models.DateField(_("date"))
    done = models.TextField(_("what was done"), max_length=3000)
    next_steps = models.TextField(_("what is next"), max_length=3000, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=MeasureState.choices)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["measure", "-date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="update_progress_100",
                violation_error_message=_("Progress cannot be more than 100 percent."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.date}"


class MeasureLink(models.Model):
    """What realises a measure in the platform (an initiative, an event, an assignment, a grant
    scheme, a premises decision): a generic relation to the object, or a label and an address
    when the thing lives elsewhere. The label is kept so the link reads well if the object goes."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("what realises it"), max_length=200)
    url = models.CharField(_("address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["measure", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "content_type", "object_id"],
                condition=Q(object_id__isnull=False),
                name="measurelink_object_once",
                violation_error_message=_("This measure is already linked to this item."),
            ),
            models.UniqueConstraint(
                fields=["measure", "url"],
                condition=Q(object_id__isnull=True),
                name="measurelink_url_once",
                violation_error_message=_("This measure is already linked to this web address."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def kind(self) -> str:
        return str(self.content_type.model_class()._meta.verbose_name) if self.content_type else ""

    @property
    def href(self) -> str:
        """The object's own page when it has one, else the stored address."""
        target = self.target if self.content_type_id else None
        if target is not None and hasattr(target, "get_absolute_url"):
            try:
                return target.get_absolute_url()
            except NoReverseMatch:
                pass
        return self.url


class MeasureComment(models.Model):
    """An organisation's word on a measure: the plan is made in dialogue with them."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="comments")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:40]}"


class ReportQuerySet(InMunicipalityQuerySet):
    municipality_path = "plan__municipality"


class AnnualReport(models.Model):
    """The year's status report. A draft reads live data; approval freezes everything it shows
    into `snapshot`, so the published report never changes when data changes later."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("report", "Draft")
        APPROVED = "approved", pgettext_lazy("report", "Approved")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Staff-written text per section: {"summary": "...", "focus-1": "...", "volunteering": ...}.
    texts = models.JSONField(default=dict, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["plan", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"],
                name="report_one_per_year",
                violation_error_message=_("This plan already has an annual report for this year."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(snapshot__isnull=False),
                name="report_approved_has_snapshot",
                violation_error_message=_(
                    "An approved report must keep a copy of the plan as it was."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.title}: {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("plans:report", kwargs={"pk": self.pk})

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED
