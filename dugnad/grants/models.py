"""Grant schemes, their rounds, forms and workflows (all data), applications and decisions."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from dugnad.accounts.models import UnitRole
from dugnad.core.models import InMunicipalityQuerySet, Municipality, Unit
from dugnad.organisations.models import Organisation


class PrivateStorage(FileSystemStorage):
    """A folder under MEDIA_ROOT with no public URL: a view that checks rights streams the files."""

    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "grants-private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Grant attachments have no public URL.")


def private_storage():
    return PrivateStorage()


def attachment_path(instance, filename):
    return f"{instance.application_id}/{uuid.uuid4().hex}"


class RoundQuerySet(InMunicipalityQuerySet):
    municipality_path = "scheme__municipality"


class GrantScheme(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="grant_schemes", verbose_name=_("handled by")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    purpose = models.TextField(_("purpose"))
    rules_text = models.TextField(_("rules"), blank=True)
    eligibility = models.CharField(_("who may apply"), max_length=500, blank=True)
    max_amount = models.PositiveBigIntegerField(
        _("largest amount per application (øre)"), null=True, blank=True
    )
    criteria = models.JSONField(
        _("scoring criteria"), default=list, blank=True, help_text=_("One criterion per line.")
    )
    appeal_weeks = models.PositiveSmallIntegerField(_("weeks to appeal"), default=3)
    published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(default=False)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant scheme")
        verbose_name_plural = _("grant schemes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("grants:scheme", kwargs={"slug": self.slug})


class SchemeBudget(models.Model):
    scheme = models.ForeignKey(GrantScheme, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.PositiveBigIntegerField(_("budget (øre)"))

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "year"],
                name="grantbudget_one_per_year",
                violation_error_message=_("This scheme already has a budget for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.year}"


class Round(models.Model):
    scheme = models.ForeignKey(GrantScheme, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("budget year"))
    opens_at = models.DateTimeField(_("opens"))
    deadline = models.DateTimeField(_("deadline"))
    report_due = models.DateField(_("report deadline"))

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("application round")
        verbose_name_plural = _("application rounds")
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("opens_at")),
                name="grantround_opens_first",
                violation_error_message=_("The deadline must be after the round opens."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.name}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.deadline


class FieldKind(models.TextChoices):
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    AMOUNT = "amount", _("Amount in kroner")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes/no")
    FILE = "file", _("File upload")


class FormSection(models.Model):
    scheme = models.ForeignKey(GrantScheme, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    help_text = models.TextField(_("help text"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class FormField(models.Model):
    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("A short name for the answer, unique in the scheme.")
    )
    label = models.CharField(_("label"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FieldKind.choices)
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    is_requested_amount = models.BooleanField(_("this is the amount applied for"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The label and help text in nynorsk and English; empty means "as in bokmål".
    label_nn = models.CharField(_("label (nynorsk)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    help_text_nn = models.CharField(_("help text (nynorsk)"), max_length=500, blank=True)
    help_text_en = models.CharField(_("help text (English)"), max_length=500, blank=True)
    # Limits for numbers (a count) and amounts (in øre, like every amount).
    min_value = models.BigIntegerField(_("smallest value"), null=True, blank=True)
    max_value = models.BigIntegerField(_("largest value"), null=True, blank=True)
    # A simple condition: the field is asked only when the field with this key has this value.
    show_when_key = models.SlugField(_("show when the field"), max_length=60, blank=True)
    show_when_value = models.CharField(_("has the value"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "key"],
                name="grantfield_unique_key",
                violation_error_message=_(
                    "This section already has a field with this key. Choose a different key."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_requested_amount=False) | Q(kind="amount"),
                name="grantfield_requested_amount_is_amount",
                violation_error_message=_("Only an amount field can hold the amount applied for."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def in_language(self, attribute: str, language: str | None = None) -> str:
        """The label or help text in `language` (the current one by default), falling back
        to bokmål where no translation was written."""
        language = (language or translation.get_language() or "nb")[:2]
        if language in ("nn", "en"):
            translated = getattr(self, f"{attribute}_{language}", "")
            if translated:
                return translated
        return getattr(self, attribute)

    @property
    def is_conditional(self) -> bool:
        return bool(self.show_when_key)


class StateKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    REVIEW = "review", _("In review")
    APPROVED = "approved", pgettext_lazy("grant decision", "Approved")
    PARTLY_APPROVED = "partly_approved", _("Partly approved")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")
    REPORT_RECEIVED = "report_received", _("Report received")
    CLOSED = "closed", pgettext_lazy("grant case", "Closed")


DECISION_KINDS = {StateKind.APPROVED, StateKind.PARTLY_APPROVED, StateKind.REJECTED}
AWARD_KINDS = {
    StateKind.APPROVED,
    StateKind.PARTLY_APPROVED,
    StateKind.PAID,
    StateKind.REPORT_RECEIVED,
}


class WorkflowState(models.Model):
    scheme = models.ForeignKey(GrantScheme, on_delete=models.CASCADE, related_name="states")
    kind = models.CharField(_("kind"), max_length=20, choices=StateKind.choices)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("workflow state")
        verbose_name_plural = _("workflow states")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "kind"],
                name="grantstate_one_per_kind",
                violation_error_message=_("This scheme already has a state of this kind."),
            )
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self):
        """The name in the reader's language while it is the default one, as staff named it
        once they renamed it: the default was stored in the language of whoever made the scheme
        (English for the demo), so a bokmål page would otherwise say "Received"."""
        default = DEFAULT_STATE_NAMES.get(self.kind)
        if default is not None:
            for language in ("en", "nb", "nn"):
                with translation.override(language):
                    if self.name == str(default):
                        return default
        return self.name

    @property
    def is_decision(self) -> bool:
        return self.kind in DECISION_KINDS


class WorkflowTransition(models.Model):
    scheme = models.ForeignKey(GrantScheme, on_delete=models.CASCADE, related_name="transitions")
    source = models.ForeignKey(WorkflowState, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(WorkflowState, on_delete=models.CASCADE, related_name="incoming")
    role = models.CharField(
        _("role that may take it"),
        max_length=40,
        choices=UnitRole.Role.choices,
        default=UnitRole.Role.CASE_HANDLER,
    )
    label = models.CharField(_("label"), max_length=120)

    class Meta:
        verbose_name = _("workflow transition")
        verbose_name_plural = _("workflow transitions")
        ordering = ["source__position", "target__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"],
                name="granttransition_unique_pair",
                violation_error_message=_("This step between the two states already exists."),
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="granttransition_not_loop",
                violation_error_message=_("A step must lead to a different state."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ApplicationQuerySet(InMunicipalityQuerySet):
    municipality_path = "scheme__municipality"

    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def awarded(self):
        return self.filter(state__kind__in=AWARD_KINDS, decision__isnull=False)


class Application(models.Model):
    scheme = models.ForeignKey(
        GrantScheme, on_delete=models.PROTECT, related_name="applications", db_index=False
    )
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grant_applications",
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title of the application"), max_length=200)
    # The organisation's details as given in this application (filled in from the directory).
    org_name = models.CharField(_("organisation"), max_length=200)
    org_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=20, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    amount_requested = models.PositiveBigIntegerField(_("amount applied for (øre)"), default=0)
    # Raised on every save of the draft; a save that carries an older number is refused.
    version = models.PositiveIntegerField(default=1)
    # The browser tab (a random token per page load) that saved last: its own autosaves are
    # never "newer work from another tab".
    last_tab = models.CharField(max_length=40, blank=True, editable=False)
    state = models.ForeignKey(
        WorkflowState, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant_cases",
        verbose_name=_("case handler"),
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="grant_reviews"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)
    # When the report reminders went out: each is claimed once (core.tasks.claim), so a re-run
    # of the daily job, or a second worker, sends nothing more.
    report_reminded_before_at = models.DateTimeField(null=True, blank=True, editable=False)
    report_reminded_after_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "report_reminded_before_at", "report_reminded_after_at"],
        m2m_fields=[],
    )
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["scheme", "state"]),
            models.Index(fields=["organisation", "-created_at"]),
        ]
        constraints = [
            # A case in the workflow was submitted first; a draft has no state.
            models.CheckConstraint(
                condition=Q(state__isnull=True) | Q(submitted_at__isnull=False),
                name="grantapplication_state_needs_submission",
                violation_error_message=_(
                    "The application must be submitted before it can be given a state."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title or self.org_name}"

    def get_absolute_url(self) -> str:
        return reverse("grants:application", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"TS-{self.pk:05d}" if self.pk else "TS-new"

    @property
    def is_draft(self) -> bool:
        return self.submitted_at is None


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    field_key = models.SlugField(max_length=60)
    for_report = models.BooleanField(default=False)
    file = models.FileField(storage=private_storage, upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.original_name


class ConflictOfInterest(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"],
                name="grantconflict_once",
                violation_error_message=_("This conflict of interest is already registered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.application.reference}"


class Score(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.CharField(_("criterion"), max_length=200)
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "criterion"],
                name="grantscore_once",
                violation_error_message=_(
                    "You have already scored this criterion for this application."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5),
                name="grantscore_one_to_five",
                violation_error_message=_("Choose a score from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class InternalNote(models.Model):
    """A note for staff only; the applicant never sees it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.application.reference} {self.created_at:%Y-%m-%d}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        APPROVED = StateKind.APPROVED.value, pgettext_lazy("grant decision", "Approved")
        PARTLY_APPROVED = StateKind.PARTLY_APPROVED.value, _("Partly approved")
        REJECTED = StateKind.REJECTED.value, _("Rejected")

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    amount = models.PositiveBigIntegerField(_("amount awarded (øre)"), default=0)
    purpose = models.CharField(_("what the grant is for"), max_length=300, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    justification = models.TextField(_("justification"))
    appeal_deadline = models.DateField(_("appeal deadline"))
    budget_override_reason = models.TextField(_("reason for going over the budget"), blank=True)
    letter = models.TextField(_("decision letter"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | Q(amount=0),
                name="grantdecision_rejected_zero",
                violation_error_message=_(
                    "A rejection cannot grant an amount. Set the amount to 0."
                ),
            ),
            models.CheckConstraint(
                condition=Q(outcome="rejected") | Q(amount__gt=0),
                name="grantdecision_award_positive",
                violation_error_message=_("A grant must be for more than 0 kroner."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.get_outcome_display()}"


class GrantReport(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        MORE_REQUESTED = "more_requested", _("More information requested")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="report")
    what_was_done = models.TextField(_("what was done"))
    amount_used = models.PositiveBigIntegerField(_("amount used (øre)"))
    results = models.TextField(_("results"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    handler_comment = models.TextField(_("comment from the municipality"), blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.get_status_display()}"


# Each new scheme starts with the usual workflow, which staff may then change as data.
DEFAULT_STATES = [
    (StateKind.RECEIVED, _("Received")),
    (StateKind.REVIEW, _("In review")),
    (StateKind.APPROVED, pgettext_lazy("grant decision", "Approved")),
    (StateKind.PARTLY_APPROVED, _("Partly approved")),
    (StateKind.REJECTED, _("Rejected")),
    (StateKind.PAID, _("Paid")),
    (StateKind.REPORT_RECEIVED, _("Report received")),
    (StateKind.CLOSED, pgettext_lazy("grant case", "Closed")),
]
DEFAULT_STATE_NAMES = dict(DEFAULT_STATES)
DEFAULT_TRANSITIONS = [
    (StateKind.RECEIVED, StateKind.REVIEW, _("Start the review")),
    (StateKind.REVIEW, StateKind.APPROVED, pgettext_lazy("grant decision", "Approve")),
    (StateKind.REVIEW, StateKind.PARTLY_APPROVED, _("Approve in part")),
    (StateKind.REVIEW, StateKind.REJECTED, _("Reject")),
    (StateKind.APPROVED, StateKind.PAID, _("Register as paid")),
    (StateKind.PARTLY_APPROVED, StateKind.PAID, _("Register as paid")),
    (StateKind.PAID, StateKind.REPORT_RECEIVED, _("Register the report as received")),
    (StateKind.REPORT_RECEIVED, StateKind.CLOSED, _("Close the case")),
    (StateKind.REJECTED, StateKind.CLOSED, _("Close the case")),
]


def create_default_workflow(scheme: GrantScheme) -> None:
    states = {}
    for position, (kind, name) in enumerate(DEFAULT_STATES):
        states[kind], _created = WorkflowState.objects.get_or_create(
            scheme=scheme, kind=kind, defaults={"name": str(name), "position": position}
        )
    for source, target, label in DEFAULT_TRANSITIONS:
        WorkflowTransition.objects.get_or_create(
            scheme=scheme,
            source=states[source],
            target=states[target],
            defaults={"label": str(label), "role": UnitRole.Role.CASE_HANDLER},
        )


def _on_scheme_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        create_default_workflow(instance)


models.signals.post_save.connect(_on_scheme_created, sender=GrantScheme)
