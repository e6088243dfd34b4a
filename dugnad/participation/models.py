"""Youth participation: processes with phases, ideas, support, comments, answers, votes and
follow-up.

What must never happen is stated to the database: one support and one vote per person, one
choice of an idea per vote, phase dates in order, an image always with its description, an
answer that says "feasible" carries its cost.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.models import Area, InMunicipalityQuerySet, Municipality, Unit

IDEA_TEXT_MAX = 2000
COMMENT_TEXT_MAX = 1000


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Starts soon")
    IDEAS = "ideas", _("Send in ideas")
    ASSESSMENT = "assessment", _("The municipality looks at the ideas")
    VOTE = "vote", _("Vote")
    RESULTS = "results", _("Results")
    FOLLOW_UP = "follow_up", _("Follow-up")


class Category(models.TextChoices):
    MENTAL_HEALTH = "mental_health", _("Mental health")
    CULTURE = "culture", _("Culture and music")
    SPORTS = "sports", _("Sports and outdoor life")
    MEETING_PLACES = "meeting_places", _("Places to meet")
    ENVIRONMENT = "environment", _("Nature and climate")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Other")


class YouthModerator(models.Model):
    """A member of the youth council who may moderate ideas and comments in a municipality.

    Declared to the access model through the app's `role_source` (kind "youth_council", the
    municipality's id), so that rules ask `core.access` like for every other role."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="youth_moderators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="youth_moderator_roles"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("youth council moderator")
        verbose_name_plural = _("youth council moderators")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"],
                name="youthmod_unique",
                violation_error_message=_(
                    "This person is already a youth moderator in the municipality."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.municipality})"


class Participant(models.Model):
    """A young person's consent to take part in one municipality: that they live there, and
    the first name they choose to show. Their birth year is on the account."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    shown_name = models.CharField(_("first name to show"), max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"],
                name="participant_unique",
                violation_error_message=_(
                    "This person is already registered as a participant in the municipality."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.shown_name


class SchoolClass(models.Model):
    """A school class of children under 13: its teacher posts the class's ideas."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="school_classes"
    )
    name = models.CharField(_("class"), max_length=80, help_text=_("For example 6B"))
    school = models.CharField(_("school"), max_length=120)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="taught_classes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("school class")
        verbose_name_plural = _("school classes")
        ordering = ["school", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "school", "name"],
                name="schoolclass_unique",
                violation_error_message=_("This school already has a class with this name."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.school}"


class ProcessQuerySet(InMunicipalityQuerySet):
    def published(self):
        return self.filter(published=True)


class Process(models.Model):
    """A participation process and its phases. Each phase starts on its date (Europe/Oslo) and
    lasts until the next one starts; the vote ends on `vote_ends` and the results show from
    then; follow-up starts on `follow_up_starts`."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="participation_processes"
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="participation_processes",
        verbose_name=_("responsible unit"),
    )
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("short summary"), max_length=300)
    description = models.TextField(_("what it is about"), max_length=3000, blank=True)
    min_age = models.PositiveSmallIntegerField(_("youngest age"), default=13)
    max_age = models.PositiveSmallIntegerField(_("oldest age"), default=19)
    budget_ore = models.BigIntegerField(_("budget"), null=True, blank=True)
    winners = models.PositiveSmallIntegerField(
        _("number of ideas chosen"),
        default=1,
        help_text=_("Without a budget: how many of the ideas with most votes are chosen."),
    )
    ideas_start = models.DateField(_("ideas from"))
    assessment_start = models.DateField(_("assessment from"))
    vote_start = models.DateField(_("vote from"))
    vote_end = models.DateField(_("results from"))
    follow_up_start = models.DateField(_("follow-up from"))
    published = models.BooleanField(_("published"), default=True)
    results_computed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")
        ordering = ["-ideas_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assessment_start__gt=F("ideas_start"))
                & Q(vote_start__gte=F("assessment_start"))
                & Q(vote_end__gt=F("vote_start"))
                & Q(follow_up_start__gte=F("vote_end")),
                name="process_phases_in_order",
                violation_error_message=_(
                    "The phases must come in order: ideas, assessment, voting, follow-up."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_age__lte=F("max_age")),
                name="process_ages_in_order",
                violation_error_message=_(
                    "The minimum age must not be higher than the maximum age."
                ),
            ),
            models.CheckConstraint(
                condition=Q(budget_ore__isnull=True) | Q(budget_ore__gt=0),
                name="process_budget_positive",
                violation_error_message=_("The budget must be more than 0 kroner, or left empty."),
            ),
            models.CheckConstraint(
                condition=Q(winners__gte=1),
                name="process_winners_positive",
                violation_error_message=_("There must be at least one winner."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:process", args=[self.pk])

    def phase_on(self, day) -> str:
        if day < self.ideas_start:
            return Phase.UPCOMING
        if day < self.assessment_start:
            return Phase.IDEAS
        if day < self.vote_start:
            return Phase.ASSESSMENT
        if day < self.vote_end:
            return Phase.VOTE
        if day < self.follow_up_start:
            return Phase.RESULTS
        return Phase.FOLLOW_UP

    @property
    def phase(self) -> str:
        return self.phase_on(timezone.localdate())

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    @property
    def has_budget(self) -> bool:
        return self.budget_ore is not None

    @property
    def results_shown(self) -> bool:
        return self.phase in (Phase.RESULTS, Phase.FOLLOW_UP) and bool(self.results_computed_at)

    def phases(self) -> list[dict]:
        """The phases with their dates, for the timeline on the process page."""
        current = self.phase
        rows = [
            (Phase.IDEAS, self.ideas_start, self.assessment_start),
            (Phase.ASSESSMENT, self.assessment_start, self.vote_start),
            (Phase.VOTE, self.vote_start, self.vote_end),
            (Phase.RESULTS, self.vote_end, self.follow_up_start),
            (Phase.FOLLOW_UP, self.follow_up_start, None),
        ]
        return [
            {"key": key, "label": Phase(key).label, "start": start, "end": end,
             "current": key == current}
            for key, start, end in rows
        ]  # fmt: skip


class Visibility(models.TextChoices):
    VISIBLE = "visible", _("Shown")
    PENDING = "pending", _("Waiting for a moderator")
    HIDDEN = "hidden", _("Hidden")


class IdeaQuerySet(InMunicipalityQuerySet):
    municipality_path = "process__municipality"

    def visible(self):
        return self.filter(visibility=Visibility.VISIBLE)


class Idea(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="ideas", db_index=False
    )
    # The author: the young person, or the teacher of `school_class`. Empty after erasure.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_ideas",
    )
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    # What the public sees of who sent it: the first name the author chose, or the class.
    shown_name = models.CharField(_("sent in by"), max_length=130)
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("your idea"), max_length=IDEA_TEXT_MAX)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("where")
    )
    image = models.ImageField(_("picture"), upload_to="participation/", blank=True)
    image_alt = models.CharField(_("what the picture shows"), max_length=200, blank=True)
    estimated_cost_ore = models.BigIntegerField(_("what you think it costs"), null=True, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE
    )
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)
    # The responsible unit's public answer.
    feasible = models.BooleanField(_("can be done"), null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=2000, blank=True)
    answer_cost_ore = models.BigIntegerField(_("cost"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when the results are computed.
    votes = models.PositiveIntegerField(default=0)
    chosen = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["process", "visibility"], name="idea_process_vis")]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="idea_image_has_alt",
                violation_error_message=_("Describe the image for those who cannot see it."),
            ),
            models.CheckConstraint(
                condition=Q(feasible__isnull=True) | ~Q(answer=""),
                name="idea_answer_has_text",
                violation_error_message=_("Write an answer when you assess the idea."),
            ),
            models.CheckConstraint(
                condition=~Q(feasible=True) | Q(answer_cost_ore__gte=0),
                name="idea_feasible_has_cost",
                violation_error_message=_("Give the cost when the idea can be carried out."),
            ),
            models.CheckConstraint(
                condition=Q(estimated_cost_ore__isnull=True) | Q(estimated_cost_ore__gte=0),
                name="idea_estimate_not_negative",
                violation_error_message=_("The estimated cost cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:idea", args=[self.pk])

    @property
    def answered(self) -> bool:
        return self.feasible is not None

    @property
    def on_ballot(self) -> bool:
        return self.visibility == Visibility.VISIBLE and self.feasible is True


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    # Empty after erasure: the support still counts, without the person.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_supports",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                name="support_once",
                violation_error_message=_("You already support this idea."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.idea} +1"


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_comments",
    )
    shown_name = models.CharField(max_length=130)
    text = models.TextField(_("comment"), max_length=COMMENT_TEXT_MAX)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE
    )
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class ModerationEntry(models.Model):
    """The moderation log: every hide, restore and word-filter hold, with who and why."""

    class Action(models.TextChoices):
        FILTERED = "filtered", _("Held by the word filter")
        HIDDEN = "hidden", _("Hidden")
        SHOWN = "shown", _("Shown")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="moderation_log")
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_log"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_log"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(idea__isnull=False) | Q(comment__isnull=False),
                name="moderation_has_target",
                violation_error_message=_("Choose the idea or comment being moderated."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.idea or self.comment}"


class Vote(models.Model):
    """One person's vote in a process: one row per person (the database says so), with the
    ideas chosen as `VoteChoice` rows. Erasure keeps the vote without the person."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="vote_rows")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_votes",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "voter"],
                name="vote_once",
                violation_error_message=_("You have already voted in this process."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.process} #{self.pk}"


class VoteChoice(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="choices")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="vote_choices")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "idea"],
                name="votechoice_once",
                violation_error_message=_("You can choose each idea only once."),
            )
        ]

    def __str__(self) -> str:
        return str(self.idea)


class FollowUp(models.Model):
    """What happens with a chosen idea, until it is done. It may point to the measure or the
    initiative that carries it out (any model, through contenttypes, so that this app imports
    neither the plans nor the initiatives app)."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("Under way")
        DONE = "done", _("Done")

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="follow_up")
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PLANNED
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    realised_by = GenericForeignKey("content_type", "object_id")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.idea}: {self.get_state_display()}"


class FollowUpUpdate(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="updates")
    day = models.DateField(_("date"))
    state = models.CharField(_("state"), max_length=12, choices=FollowUp.State.choices)
    text = models.TextField(_("what happened"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.day}: {self.text[:60]}"
