"""Reads for youth participation's pages, API and the kernel's sections."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.models import Area, Unit
from dugnad.core.plugins import QueueItem

from . import rules
from .models import (
    Comment,
    FollowUp,
    Idea,
    ModerationEntry,
    Participant,
    Phase,
    Process,
    SchoolClass,
    Support,
    Visibility,
    Vote,
    VoteChoice,
)


def processes(municipality):
    return (
        Process.objects.in_municipality(municipality)
        .published()
        .select_related("unit")
        .annotate(idea_count=Count("ideas", filter=Q(ideas__visibility=Visibility.VISIBLE)))
        .order_by("-ideas_start", "pk")
    )


def process_for(municipality):
    """Every process of the municipality, published or not (for lookups by id)."""
    return Process.objects.in_municipality(municipality).select_related("unit", "municipality")


def running_processes(municipality):
    today = timezone.localdate()
    return processes(municipality).filter(ideas_start__lte=today, vote_end__gt=today)


def ideas_of(process: Process, user=None, *, order: str = "support"):
    """The shown ideas of a process with support counts; with `user`, also theirs that are
    held or hidden (so an author sees their own with the reason)."""
    visible = Q(visibility=Visibility.VISIBLE)
    if user is not None and user.is_authenticated:
        visible |= Q(author=user)
    rows = (
        Idea.objects.filter(process=process)
        .filter(visible)
        .select_related("area", "follow_up")
        .annotate(support_count=Count("supports", distinct=True))
    )
    if user is not None and user.is_authenticated:
        rows = rows.annotate(
            supported=Exists(Support.objects.filter(idea=OuterRef("pk"), user=user))
        )
    if order == "new":
        return rows.order_by("-created_at", "-pk")
    if order == "votes":
        return rows.order_by("-chosen", "-votes", "-pk")
    return rows.order_by("-support_count", "-created_at", "-pk")


def ideas_in(municipality):
    """Every idea of the municipality, for lookups by id (visibility is the rule's question)."""
    return (
        Idea.objects.in_municipality(municipality)
        .select_related("process", "process__unit", "area", "school_class")
        .annotate(support_count=Count("supports", distinct=True))
    )


def comments_of(idea: Idea, user=None):
    visible = Q(visibility=Visibility.VISIBLE)
    if user is not None and user.is_authenticated:
        visible |= Q(author=user)
    return Comment.objects.filter(idea=idea).filter(visible).order_by("created_at", "pk")


def comments_in(municipality):
    return Comment.objects.filter(idea__process__municipality=municipality).select_related(
        "idea", "idea__process"
    )


def follow_up_of(idea: Idea):
    try:
        row = FollowUp.objects.prefetch_related("updates").get(idea=idea)
    except FollowUp.DoesNotExist:
        return None
    return row


def participant_for(user, municipality) -> Participant | None:
    if user is None or not user.is_authenticated:
        return None
    return Participant.objects.filter(user=user, municipality=municipality).first()


def has_supported(user, idea) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Support.objects.filter(idea=idea, user=user).exists()


def vote_of(user, process: Process):
    if user is None or not user.is_authenticated:
        return None
    return (
        Vote.objects.filter(process=process, voter=user)
        .prefetch_related(Prefetch("choices", VoteChoice.objects.select_related("idea")))
        .first()
    )


def ballot(process: Process):
    return (
        Idea.objects.filter(process=process, visibility=Visibility.VISIBLE, feasible=True)
        .annotate(support_count=Count("supports"))
        .order_by("title", "pk")
    )


def unanswered(process: Process):
    return Idea.objects.filter(
        process=process, visibility=Visibility.VISIBLE, feasible__isnull=True
    )


def results(process: Process):
    return (
        Idea.objects.filter(process=process, visibility=Visibility.VISIBLE, feasible=True)
        .select_related("follow_up")
        .order_by("-chosen", "-votes", "pk")
    )


def vote_count(process: Process) -> int:
    return Vote.objects.filter(process=process).count()


def moderation_queue(process: Process):
    return {
        "ideas": Idea.objects.filter(process=process, visibility=Visibility.PENDING).order_by(
            "created_at"
        ),
        "comments": Comment.objects.filter(idea__process=process, visibility=Visibility.PENDING)
        .select_related("idea")
        .order_by("created_at"),
        "log": ModerationEntry.objects.filter(process=process)
        .select_related("idea", "comment", "moderator")
        .order_by("-created_at", "-pk")[:50],
    }


def areas(municipality):
    return Area.objects.in_municipality(municipality)


def staff_units(user, municipality):
    return Unit.objects.in_municipality(municipality).filter(pk__in=rules.staff_unit_ids(user))


def account_by_email(email: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()


def classes_taught(user, municipality):
    if user is None or not user.is_authenticated:
        return SchoolClass.objects.none()
    return SchoolClass.objects.in_municipality(municipality).filter(teacher=user)


def realisation_choices(municipality) -> list[tuple[str, object]]:
    """Measures and initiatives an idea can be realised by, when those apps are installed.

    The plans and initiatives apps are looked up by name, never imported, so that this app
    works with or without them."""
    from django.apps import apps

    found = []
    for app_label, model_name in (("plans", "Measure"), ("initiatives", "Initiative")):
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        rows = model._default_manager.all()
        if hasattr(rows, "in_municipality"):
            rows = rows.in_municipality(municipality)
        for row in rows[:200]:
            found.append((f"{app_label}.{model_name.lower()}:{row.pk}", row))
    return found


# --- the kernel's sections ------------------------------------------------------------------


def my_page(user) -> dict | None:
    ideas = list(
        Idea.objects.filter(author=user)
        .select_related("process")
        .annotate(support_count=Count("supports"))
        .order_by("-created_at")[:20]
    )
    supports = list(Support.objects.filter(user=user).select_related("idea", "idea__process")[:20])
    votes = list(Vote.objects.filter(voter=user).select_related("process")[:20])
    if not (ideas or supports or votes):
        return None
    return {"ideas": ideas, "supports": supports, "votes": votes}


def home_section(municipality) -> dict | None:
    # A link and the phase per process: its dates, not its unit or its count of ideas.
    today = timezone.localdate()
    running = list(
        Process.objects.in_municipality(municipality)
        .published()
        .filter(ideas_start__lte=today, vote_end__gt=today)
        .order_by("-ideas_start", "pk")
        .only(
            "title", "ideas_start", "assessment_start", "vote_start", "vote_end", "follow_up_start"
        )[:3]
    )
    if not running:
        return None
    return {"processes": running}


def work_queue(user, municipality) -> list[QueueItem]:
    if user is None or not user.is_authenticated:
        return []
    from dugnad.core.access import access_for

    from .access import MODERATOR, YOUTH_COUNCIL

    access = access_for(user)
    unit_ids = access.unit_ids(rules.STAFF_ROLE)
    youth = access.is_superuser or any(
        g.kind == YOUTH_COUNCIL and g.role == MODERATOR and g.object_id == municipality.pk
        for g in access.grants
    )
    if not unit_ids and not youth:
        return []
    scope = Process.objects.in_municipality(municipality)
    if not youth:
        scope = scope.filter(unit_id__in=unit_ids)
    url = reverse("participation:work")
    pending = Idea.objects.filter(process__in=scope, visibility=Visibility.PENDING).count()
    pending += Comment.objects.filter(
        idea__process__in=scope, visibility=Visibility.PENDING
    ).count()
    items = [QueueItem(_("Ideas and comments to moderate"), pending, url, urgent=pending > 0)]
    if unit_ids:
        today = timezone.localdate()
        waiting = Idea.objects.filter(
            process__in=scope.filter(unit_id__in=unit_ids, assessment_start__lte=today,
                                     vote_end__gt=today),
            visibility=Visibility.VISIBLE,
            feasible__isnull=True,
        )  # fmt: skip
        overdue = waiting.filter(process__vote_start__lte=today).exists()
        items.append(QueueItem(_("Ideas to answer before the vote"), waiting.count(), url, overdue))
    return [item for item in items if item.count]


def work_lists(user, municipality) -> dict:
    """The moderators' and staff's page: what waits, per process they may act in. A few
    queries per process; a person looks after a handful of processes, not hundreds."""
    rows = []
    for process in process_for(municipality).order_by("-ideas_start")[:20]:
        moderate = rules.is_moderator(user, process)
        staff = rules.is_staff_for(user, process)
        if not (moderate or staff):
            continue
        held = Q(visibility=Visibility.PENDING)
        rows.append(
            {
                "process": process,
                "pending_ideas": list(
                    Idea.objects.filter(held, process=process).select_related("author")
                ),
                "pending_comments": list(
                    Comment.objects.filter(held, idea__process=process).select_related(
                        "idea", "author"
                    )
                ),
                "unanswered": list(unanswered(process)) if staff else [],
                "log": list(
                    ModerationEntry.objects.filter(process=process)
                    .select_related("idea", "comment", "moderator")
                    .order_by("-created_at", "-pk")[:20]
                ),
                "staff": staff,
            }
        )
    return {"rows": rows}


def phase_counts(process: Process) -> dict:
    return {"votes": vote_count(process), "phase": Phase(process.phase)}
