"""Every write youth participation knows: permission, validation, transaction, locks, notify."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.tasks import claim
from dugnad.core.uploads import check_image

from . import rules
from .limits import check_rate
from .models import (
    COMMENT_TEXT_MAX,
    IDEA_TEXT_MAX,
    Category,
    Comment,
    FollowUp,
    FollowUpUpdate,
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
from .words import needs_moderation

IMAGE_MAX_BYTES = 5 * 1024 * 1024


def _required(value, field, message):
    value = (value or "").strip()
    if not value:
        raise DomainError(message, code="required", field=field)
    return value


def _text_within(value: str, limit: int, field: str) -> str:
    if len(value) > limit:
        raise DomainError(
            _("The text is too long: %(count)s characters. Keep it under %(limit)s.")
            % {"count": len(value), "limit": limit},
            code="too_long",
            field=field,
        )
    return value


# --- taking part ----------------------------------------------------------------------------


def join(user, municipality, *, birth_year: int, shown_name: str) -> Participant:
    """Record that `user` lives in `municipality`, the year they were born (on the account) and
    the first name to show. Children under 13 take part through their class instead."""
    rules.can_join(user, municipality).enforce()
    shown_name = _required(shown_name, "shown_name", _("Write the first name you want to show."))
    if " " in shown_name.strip():
        raise DomainError(
            _("Write only your first name, without your last name."),
            code="first_name_only",
            field="shown_name",
        )
    this_year = timezone.localdate().year
    if not (this_year - 100 <= birth_year <= this_year):
        raise DomainError(
            _("Write the year you were born with four digits, for example 2011."),
            code="birth_year",
            field="birth_year",
        )
    if this_year - birth_year < rules.CHILD_AGE:
        raise DomainError(
            _("You are under 13. Ask your teacher to send in ideas from your class."),
            code="too_young",
            field="birth_year",
        )
    with transaction.atomic():
        if user.birth_year != birth_year:
            user.birth_year = birth_year
            user.save(update_fields=["birth_year"])
        participant, _created = Participant.objects.update_or_create(
            municipality=municipality, user=user, defaults={"shown_name": shown_name}
        )
    return participant


def add_school_class(user, process: Process, *, name: str, school: str, teacher) -> SchoolClass:
    """Staff register a class and its teacher, who then sends in the class's ideas."""
    rules.can_add_class(user, process).enforce()
    name = _required(name, "name", _("Write the name of the class, for example 6B."))
    school = _required(school, "school", _("Write the name of the school."))
    with transaction.atomic():
        school_class, _created = SchoolClass.objects.get_or_create(
            municipality=process.municipality,
            school=school,
            name=name,
            defaults={"teacher": teacher},
        )
        if school_class.teacher_id != teacher.pk:
            raise Conflict(
                _("This class already has another teacher."), code="class_taken", field="name"
            )
        notify("participation.class_added", actor=user, target=school_class)
    return school_class


# --- ideas ----------------------------------------------------------------------------------


def _idea_fields(process: Process, data: dict) -> dict:
    title = _required(data.get("title"), "title", _("Give your idea a short title."))
    text = _required(data.get("text"), "text", _("Tell us about your idea."))
    _text_within(title, 100, "title")
    _text_within(text, IDEA_TEXT_MAX, "text")
    category = data.get("category") or ""
    if category not in Category.values:
        raise DomainError(_("Choose what the idea is about."), code="required", field="category")
    area = data.get("area")
    if area is not None and area.municipality_id != process.municipality_id:
        raise DomainError(_("Choose a place in this municipality."), code="area", field="area")
    cost = data.get("estimated_cost_ore")
    if cost is not None and cost < 0:
        raise DomainError(_("The cost cannot be below zero."), code="cost", field="estimated_cost")
    if process.has_budget and cost is not None and cost > process.budget_ore:
        raise DomainError(
            _("The cost is more than the whole budget."), code="over_budget", field="estimated_cost"
        )
    return {
        "title": title,
        "text": text,
        "category": category,
        "area": area,
        "estimated_cost_ore": cost if process.has_budget else None,
        "image_alt": (data.get("image_alt") or "").strip()[:200],
    }


def _store_image(idea: Idea, image, remove: bool) -> None:
    if remove and idea.image:
        idea.image.delete(save=False)
        idea.image = ""
        idea.image_alt = ""
    if image:
        if idea.image:
            idea.image.delete(save=False)
        extension = check_image(image, max_bytes=IMAGE_MAX_BYTES, field="image")
        # A random name: pictures are served through a view that checks the idea is shown.
        idea.image.save(f"{uuid.uuid4().hex}.{extension}", image, save=False)
    if idea.image and not idea.image_alt:
        raise DomainError(
            _("Tell us what the picture shows, for people who cannot see it."),
            code="required",
            field="image_alt",
        )


def _hold_if_filtered(target, process, *texts) -> bool:
    if needs_moderation(*texts):
        target.visibility = Visibility.PENDING
        return True
    return False


def _log_filtered(process, *, idea=None, comment=None):
    ModerationEntry.objects.create(
        process=process,
        idea=idea,
        comment=comment,
        action=ModerationEntry.Action.FILTERED,
        reason=_("A word in the text needs a moderator to look at it."),
    )


def propose_idea(user, process: Process, participant, data: dict, *, image=None) -> Idea:
    rules.can_propose(user, process, participant).enforce()
    fields = _idea_fields(process, data)
    if image:
        check_image(image, max_bytes=IMAGE_MAX_BYTES, field="image")
        if not fields["image_alt"]:
            raise DomainError(
                _("Tell us what the picture shows, for people who cannot see it."),
                code="required",
                field="image_alt",
            )
    check_rate("idea", user, _("You have sent in many ideas in a short time. Try again later."))
    return _create_idea(user, process, participant.shown_name, fields, image, school_class=None)


def propose_for_class(user, process: Process, school_class: SchoolClass, data: dict, *, image=None):
    rules.can_propose_for_class(user, process, school_class).enforce()
    fields = _idea_fields(process, data)
    check_rate("idea", user, _("You have sent in many ideas in a short time. Try again later."))
    return _create_idea(user, process, str(school_class), fields, image, school_class=school_class)


def _create_idea(user, process, shown_name, fields, image, *, school_class) -> Idea:
    with transaction.atomic():
        # A double click sends the same idea twice: the second finds the first.
        existing = Idea.objects.filter(
            process=process, author=user, title=fields["title"], text=fields["text"]
        ).first()
        if existing is not None:
            return existing
        idea = Idea(
            process=process,
            author=user,
            school_class=school_class,
            shown_name=shown_name,
            **fields,
        )
        held = _hold_if_filtered(idea, process, idea.title, idea.text)
        _store_image(idea, image, remove=False)
        idea.save()
        if held:
            _log_filtered(process, idea=idea)
        notify("participation.idea_proposed", actor=user, target=idea)
    return idea


def update_idea(user, idea: Idea, data: dict, *, image=None, remove_image=False) -> Idea:
    rules.can_edit_idea(user, idea).enforce()
    fields = _idea_fields(idea.process, data)
    with transaction.atomic():
        (idea,) = lock(idea)
        for name, value in fields.items():
            setattr(idea, name, value)
        if idea.visibility == Visibility.VISIBLE and _hold_if_filtered(
            idea, idea.process, idea.title, idea.text
        ):
            _log_filtered(idea.process, idea=idea)
        _store_image(idea, image, remove=remove_image)
        idea.save()
        notify("participation.idea_changed", actor=user, target=idea)
    return idea


# --- support and comments -------------------------------------------------------------------


def support(user, idea: Idea, participant) -> Support:
    """Support an idea; supporting twice keeps one support (the database allows one)."""
    rules.can_support(user, idea, participant).enforce()
    try:
        with transaction.atomic():
            row, _created = Support.objects.get_or_create(idea=idea, user=user)
    except IntegrityError:  # a parallel click won the race: the support exists
        row = Support.objects.get(idea=idea, user=user)
    return row


def withdraw_support(user, idea: Idea) -> None:
    Support.objects.filter(idea=idea, user=user).delete()


def add_comment(user, idea: Idea, participant, text: str) -> Comment:
    rules.can_comment(user, idea, participant).enforce()
    text = _required(text, "text", _("Write a comment first."))
    _text_within(text, COMMENT_TEXT_MAX, "text")
    check_rate("comment", user, _("You have written many comments in a short time. Wait a bit."))
    if rules.is_moderator(user, idea.process):
        shown_name = user.first_name or _("Moderator")
    else:
        shown_name = participant.shown_name
    with transaction.atomic():
        existing = Comment.objects.filter(idea=idea, author=user, text=text).first()
        if existing is not None:
            return existing
        comment = Comment(idea=idea, author=user, shown_name=shown_name, text=text)
        held = _hold_if_filtered(comment, idea.process, text)
        comment.save()
        if held:
            _log_filtered(idea.process, comment=comment)
        notify("participation.comment_added", actor=user, target=idea)
    return comment


# --- moderation -----------------------------------------------------------------------------


def _moderate(user, process, target, *, visible: bool, reason: str):
    with transaction.atomic():
        (target,) = lock(target)
        target.visibility = Visibility.VISIBLE if visible else Visibility.HIDDEN
        target.hidden_reason = "" if visible else reason
        target.save(update_fields=["visibility", "hidden_reason"])
        action = ModerationEntry.Action.SHOWN if visible else ModerationEntry.Action.HIDDEN
        ModerationEntry.objects.create(
            process=process,
            idea=target if isinstance(target, Idea) else None,
            comment=target if isinstance(target, Comment) else None,
            moderator=user,
            action=action,
            reason=reason,
        )
        author = target.author
        notify(
            f"participation.{'shown' if visible else 'hidden'}",
            actor=user,
            target=target if isinstance(target, Idea) else target.idea,
            reason=reason,
            recipients=[author.email] if author is not None and not visible else (),
            template="participation/email/hidden.txt" if not visible else None,
            context={"reason": reason, "item": target},
        )
    return target


def hide(user, target: Idea | Comment, reason: str):
    """Hide an idea or a comment. The reason is required, and the author sees it."""
    process = target.process if isinstance(target, Idea) else target.idea.process
    rules.can_moderate(user, process).enforce()
    reason = _required(
        reason, "reason", _("Write why it is hidden. The person who wrote it will see it.")
    )
    _text_within(reason, 300, "reason")
    return _moderate(user, process, target, visible=False, reason=reason)


def show(user, target: Idea | Comment, reason: str = ""):
    """Show an idea or a comment that was held by the word filter or hidden."""
    process = target.process if isinstance(target, Idea) else target.idea.process
    rules.can_moderate(user, process).enforce()
    return _moderate(user, process, target, visible=True, reason=(reason or "").strip()[:300])


# --- answers --------------------------------------------------------------------------------


def answer(user, idea: Idea, *, feasible: bool, text: str, cost_ore: int | None) -> Idea:
    """The responsible unit's public answer: it can be done, at this cost; or not, and why."""
    rules.can_answer(user, idea).enforce()
    text = _required(text, "answer", _("Write the answer: why it can or cannot be done."))
    _text_within(text, 2000, "answer")
    if feasible and cost_ore is None:
        raise DomainError(
            _("Write what it will cost (0 if it is free)."), code="required", field="cost"
        )
    if cost_ore is not None and cost_ore < 0:
        raise DomainError(_("The cost cannot be below zero."), code="cost", field="cost")
    with transaction.atomic():
        (idea,) = lock(idea)
        idea.feasible = feasible
        idea.answer = text
        idea.answer_cost_ore = cost_ore if feasible else None
        idea.answered_at = timezone.now()
        idea.answered_by = user
        idea.save(
            update_fields=["feasible", "answer", "answer_cost_ore", "answered_at", "answered_by"]
        )
        notify(
            "participation.answered",
            actor=user,
            target=idea,
            recipients=[idea.author.email] if idea.author_id else (),
            template="participation/email/answered.txt",
        )
    return idea


# --- voting ---------------------------------------------------------------------------------


def cast_vote(user, process: Process, participant, ideas: list[Idea]) -> Vote:
    """One vote per person. Without a budget: one idea. With a budget: ideas whose answered
    costs together fit within it. The process row is locked while the vote is checked and
    written; the unique constraint on (process, voter) refuses a second vote even so."""
    rules.can_vote(user, process, participant).enforce()
    ids = {idea.pk for idea in ideas}
    if not ids:
        raise DomainError(_("Choose an idea to vote for."), code="required", field="ideas")
    if not process.has_budget and len(ids) != 1:
        raise DomainError(_("You can vote for one idea."), code="one_idea", field="ideas")
    with transaction.atomic():
        (process,) = lock(process)
        if Vote.objects.filter(process=process, voter=user).exists():
            raise Conflict(_("You have already voted in this process."), code="voted_already")
        ballot = {idea.pk: idea for idea in ballot_ideas(process)}
        if not ids <= ballot.keys():
            raise DomainError(
                _("You can only vote for ideas the municipality has said can be done."),
                code="not_on_ballot",
                field="ideas",
            )
        if process.has_budget:
            total = sum(ballot[pk].answer_cost_ore or 0 for pk in ids)
            if total > process.budget_ore:
                raise DomainError(
                    _(
                        "Your choice costs %(total)s kroner, more than the budget of "
                        "%(budget)s kroner. Take away an idea."
                    )
                    % {"total": total // 100, "budget": process.budget_ore // 100},
                    code="over_budget",
                    field="ideas",
                )
        try:
            with transaction.atomic():
                vote = Vote.objects.create(process=process, voter=user)
        except IntegrityError as exc:
            raise Conflict(
                _("You have already voted in this process."), code="voted_already"
            ) from exc
        VoteChoice.objects.bulk_create([VoteChoice(vote=vote, idea_id=pk) for pk in sorted(ids)])
        notify("participation.voted", actor=user, target=process)
    return vote


def ballot_ideas(process: Process):
    """The ideas one can vote for: shown, and answered "can be done"."""
    return Idea.objects.filter(process=process, visibility=Visibility.VISIBLE, feasible=True)


def compute_results(process: Process) -> bool:
    """Count the votes once the vote is over and choose the ideas; True when this call did it.

    Without a budget the `winners` ideas with most votes are chosen (ties at the edge are all
    chosen). With a budget the ideas are taken in order of votes while they fit in what is
    left of the budget (a cheaper idea further down may still fit)."""
    if process.phase_on(timezone.localdate()) not in (Phase.RESULTS, Phase.FOLLOW_UP):
        raise DomainError(_("The vote is not over yet."), code="vote_open")
    with transaction.atomic():
        if not claim(process, "results_computed_at"):
            return False
        counts = dict(
            VoteChoice.objects.filter(vote__process=process)
            .values_list("idea_id")
            .annotate(n=Count("pk"))
            .values_list("idea_id", "n")
        )
        ideas = list(ballot_ideas(process))
        for idea in ideas:
            idea.votes = counts.get(idea.pk, 0)
            idea.chosen = False
        ranked = sorted(ideas, key=lambda i: (-i.votes, i.answer_cost_ore or 0, i.pk))
        for idea in choose(process, ranked):
            idea.chosen = True
        Idea.objects.bulk_update(ideas, ["votes", "chosen"])
        for idea in ideas:
            if idea.chosen:
                FollowUp.objects.get_or_create(idea=idea)
        notify("participation.results", target=process, data={"votes": sum(counts.values())})
    return True


def choose(process: Process, ranked: list[Idea]) -> list[Idea]:
    """Which of the `ranked` ideas (most votes first) are chosen; ideas with no vote never."""
    ranked = [idea for idea in ranked if idea.votes > 0]
    if not process.has_budget:
        if not ranked:
            return []
        cut = ranked[min(process.winners, len(ranked)) - 1].votes
        return [idea for idea in ranked if idea.votes >= cut]
    left, chosen = process.budget_ore, []
    for idea in ranked:
        cost = idea.answer_cost_ore or 0
        if cost <= left:
            chosen.append(idea)
            left -= cost
    return chosen


def compute_due_results(today=None) -> int:
    """The task: results for every process whose vote has closed. Returns how many."""
    today = today or timezone.localdate()
    done = 0
    for process in Process.objects.filter(vote_end__lte=today, results_computed_at__isnull=True):
        done += compute_results(process)
    return done


# --- follow-up ------------------------------------------------------------------------------


def follow_up(user, idea: Idea, *, state: str, text: str, day=None, realised_by=None) -> FollowUp:
    """A dated update on a chosen idea, until it is done; optionally the measure or initiative
    that carries it out."""
    rules.can_manage(user, idea.process).enforce()
    if not idea.chosen:
        raise DomainError(_("Only chosen ideas are followed up."), code="not_chosen")
    if state not in FollowUp.State.values:
        raise DomainError(_("Choose a state."), code="required", field="state")
    text = _required(text, "text", _("Write what has happened."))
    _text_within(text, 1000, "text")
    with transaction.atomic():
        row, _created = FollowUp.objects.get_or_create(idea=idea)
        (row,) = lock(row)
        row.state = state
        if realised_by is not None:
            row.realised_by = realised_by
        row.save()
        FollowUpUpdate.objects.create(
            follow_up=row, day=day or timezone.localdate(), state=state, text=text
        )
        notify("participation.followed_up", actor=user, target=idea, data={"state": state})
    return row


# --- processes ------------------------------------------------------------------------------


def create_process(user, municipality, data: dict) -> Process:
    unit = data.get("unit")
    if unit is None or unit.municipality_id != municipality.pk:
        raise DomainError(_("Choose the responsible unit."), code="required", field="unit")
    rules.can_create_process(user, unit).enforce()
    fields = {k: data.get(k) for k in PROCESS_FIELDS}
    _check_process(fields)
    with transaction.atomic():
        process = Process.objects.create(municipality=municipality, **fields)
        notify("participation.process_created", actor=user, target=process)
    return process


def update_process(user, process: Process, data: dict) -> Process:
    rules.can_manage(user, process).enforce()
    fields = {k: data.get(k) for k in PROCESS_FIELDS}
    unit = fields["unit"]
    if unit is None or unit.municipality_id != process.municipality_id:
        raise DomainError(_("Choose the responsible unit."), code="required", field="unit")
    rules.can_create_process(user, unit).enforce()
    _check_process(fields)
    with transaction.atomic():
        (process,) = lock(process)
        for name, value in fields.items():
            setattr(process, name, value)
        process.save()
        notify("participation.process_changed", actor=user, target=process)
    return process


PROCESS_FIELDS = (
    "unit",
    "title",
    "summary",
    "description",
    "min_age",
    "max_age",
    "budget_ore",
    "winners",
    "ideas_start",
    "assessment_start",
    "vote_start",
    "vote_end",
    "follow_up_start",
)


def _check_process(f: dict) -> None:
    _required(f.get("title"), "title", _("Write a title."))
    _required(f.get("summary"), "summary", _("Write a short summary."))
    if f["min_age"] is None or f["max_age"] is None or f["min_age"] > f["max_age"]:
        raise DomainError(_("The youngest age must be at most the oldest."), field="max_age")
    if f["min_age"] < rules.CHILD_AGE:
        raise DomainError(
            _("Children under 13 take part through their class; the youngest age is 13."),
            field="min_age",
        )
    dates = [f[k] for k in ("ideas_start", "assessment_start", "vote_start", "vote_end")]
    if None in dates or f["follow_up_start"] is None:
        raise DomainError(_("Fill in every date."), code="required", field="ideas_start")
    if not (dates[0] < dates[1] <= dates[2] < dates[3] <= f["follow_up_start"]):
        raise DomainError(
            _("The dates must come in order: ideas, assessment, vote, results, follow-up."),
            code="dates",
            field="assessment_start",
        )
    if f["budget_ore"] is not None and f["budget_ore"] <= 0:
        raise DomainError(_("The budget must be more than 0."), field="budget")
    if not f.get("winners") or f["winners"] < 1:
        f["winners"] = 1
