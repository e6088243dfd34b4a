"""Thin views: they read through queries.py and write through actions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError, NotAllowed
from dugnad.core.forms import add_domain_error
from dugnad.core.privacy import note_people_shown
from dugnad.core.uploads import serve_file

from . import actions, queries, rules
from .forms import (
    AnswerForm,
    ClassForm,
    CommentForm,
    FollowUpForm,
    IdeaForm,
    JoinForm,
    ModerateForm,
    ProcessForm,
    VoteForm,
)
from .models import Phase, Visibility

ORDERS = ("support", "new")


def _fail(request, error: DomainError, form=None, field_map=None):
    """A refusal goes to the one handler (403 with its reason); other errors go on the form
    when the page shows one again, else in a message on the next page."""
    if isinstance(error, NotAllowed):
        raise error
    if form is not None:
        add_domain_error(form, error, field_map)
    else:
        messages.error(request, str(error.message))


def _join_url(request, next_url=None):
    return f"{reverse('participation:join')}?next={next_url or request.get_full_path()}"


def _process(request, pk):
    process = get_object_or_404(queries.process_for(request.municipality), pk=pk)
    if not process.published and not rules.is_staff_for(request.user, process):
        raise Http404
    return process


def _idea(request, pk):
    idea = get_object_or_404(queries.ideas_in(request.municipality), pk=pk)
    if not rules.can_see_idea(request.user, idea):
        # A hidden idea is not there for anyone but its author and the moderators.
        raise Http404
    return idea


@public_page("participation")
def index(request):
    rows = list(queries.processes(request.municipality)[:50])
    running = [p for p in rows if p.phase in (Phase.IDEAS, Phase.ASSESSMENT, Phase.VOTE)]
    other = [p for p in rows if p not in running]
    return render(
        request,
        "participation/index.html",
        {
            "running": running,
            "other": other,
            "can_start": bool(queries.staff_units(request.user, request.municipality)),
            "can_work": bool(queries.staff_units(request.user, request.municipality))
            or rules.is_youth_moderator(request.user, request.municipality.pk),
        },
    )


@login_required
def join(request):
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    participant = queries.participant_for(request.user, request.municipality)
    initial = {"birth_year": request.user.birth_year}
    if participant is not None:
        initial.update(shown_name=participant.shown_name, lives_here=True)
    form = JoinForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.join(
                request.user,
                request.municipality,
                birth_year=form.cleaned_data["birth_year"],
                shown_name=form.cleaned_data["shown_name"],
            )
        except DomainError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("Thank you. Now you can take part."))
            return redirect(next_url or reverse("participation:index"))
    return render(
        request, "participation/join.html", {"form": form, "next": next_url, "joined": participant}
    )


@public_page("participation")
def process(request, pk):
    process = _process(request, pk)
    order = request.GET.get("order", "support")
    if order not in ORDERS:
        order = "support"
    user = request.user
    phase = process.phase
    ideas = queries.ideas_of(process, user, order="votes" if process.results_shown else order)
    page = Paginator(ideas, 30).get_page(request.GET.get("page"))
    participant = queries.participant_for(user, request.municipality)
    context = {
        "process": process,
        "phase": phase,
        "page_obj": page,
        "order": order,
        "participant": participant,
        "vote": queries.vote_of(user, process),
        "vote_count": queries.vote_count(process) if process.results_shown else None,
        "can_manage": rules.can_manage(user, process),
        "can_moderate": rules.can_moderate(user, process),
        "classes": list(queries.classes_taught(user, request.municipality)),
    }
    if user.is_authenticated:
        context["can_propose"] = rules.can_propose(user, process, participant)
        context["can_vote"] = rules.can_vote(user, process, participant)
    return render(request, "participation/process.html", context)


@login_required
def idea_new(request, pk):
    process = _process(request, pk)
    participant = queries.participant_for(request.user, request.municipality)
    classes = list(queries.classes_taught(request.user, request.municipality))
    if participant is None and not classes:
        return redirect(_join_url(request))
    if not classes:
        rules.can_propose(request.user, process, participant).enforce()
    elif process.phase != Phase.IDEAS:
        messages.error(request, _("You can only send in ideas while the idea phase is open."))
        return redirect(process)
    form = IdeaForm(request.POST or None, request.FILES or None, process=process, classes=classes)
    if request.method == "POST" and form.is_valid():
        data = form.domain_data()
        image = data.pop("image", None)
        class_id = data.pop("school_class", "")
        try:
            if class_id:
                school_class = next(c for c in classes if str(c.pk) == class_id)
                idea = actions.propose_for_class(
                    request.user, process, school_class, data, image=image
                )
            else:
                idea = actions.propose_idea(request.user, process, participant, data, image=image)
        except DomainError as error:
            _fail(request, error, form, {"estimated_cost_ore": "estimated_cost"})
        else:
            if idea.visibility == Visibility.PENDING:
                messages.info(
                    request,
                    _("Thank you! A moderator will look at your idea before others can see it."),
                )
            else:
                messages.success(request, _("Thank you! Your idea is sent in."))
            return redirect(idea)
    return render(request, "participation/idea_form.html", {"form": form, "process": process})


@public_page("participation")
def idea(request, pk):
    idea = _idea(request, pk)
    return render(request, "participation/idea.html", _idea_context(request, idea))


@login_required
def idea_edit(request, pk):
    idea = _idea(request, pk)
    rules.can_edit_idea(request.user, idea).enforce()
    form = IdeaForm(request.POST or None, request.FILES or None, process=idea.process, idea=idea)
    if request.method == "POST" and form.is_valid():
        data = form.domain_data()
        image = data.pop("image", None)
        remove = data.pop("remove_image", False)
        try:
            actions.update_idea(request.user, idea, data, image=image, remove_image=remove)
        except DomainError as error:
            _fail(request, error, form, {"estimated_cost_ore": "estimated_cost"})
        else:
            messages.success(request, _("Your idea is saved."))
            return redirect(idea)
    return render(
        request,
        "participation/idea_form.html",
        {"form": form, "process": idea.process, "idea": idea},
    )


def idea_image(request, pk):
    idea = _idea(request, pk)
    return serve_file(idea.image, cache="private")


@login_required
@require_POST
def support(request, pk):
    idea = _idea(request, pk)
    participant = queries.participant_for(request.user, request.municipality)
    if participant is None:
        return redirect(_join_url(request, idea.get_absolute_url()))
    if request.POST.get("withdraw"):
        actions.withdraw_support(request.user, idea)
        messages.success(request, _("You no longer support this idea."))
        return redirect(idea)
    try:
        actions.support(request.user, idea, participant)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("You support this idea."))
    return redirect(idea)


@login_required
@require_POST
def comment(request, pk):
    idea = _idea(request, pk)
    participant = queries.participant_for(request.user, request.municipality)
    if participant is None and not rules.is_moderator(request.user, idea.process):
        return redirect(_join_url(request, idea.get_absolute_url()))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            row = actions.add_comment(request.user, idea, participant, form.cleaned_data["text"])
        except DomainError as error:
            _fail(request, error, form)
        else:
            if row.visibility == Visibility.PENDING:
                messages.info(request, _("A moderator will look at your comment first."))
            else:
                messages.success(request, _("Your comment is added."))
            return redirect(f"{idea.get_absolute_url()}#comments")
    return render(
        request, "participation/idea.html", _idea_context(request, idea, comment_form=form),
        status=400,
    )  # fmt: skip


def _idea_context(request, idea, **forms):
    """The idea page's context; a form that failed replaces the empty one, so nothing typed is
    lost."""
    user = request.user
    process = idea.process
    participant = queries.participant_for(user, request.municipality)
    context = {
        "idea": idea,
        "process": process,
        "comments": queries.comments_of(idea, user),
        "follow_up": queries.follow_up_of(idea),
        "supported": queries.has_supported(user, idea),
        "can_edit": rules.can_edit_idea(user, idea),
        "can_moderate": rules.can_moderate(user, process),
        "can_answer": rules.can_answer(user, idea),
        "can_manage": rules.can_manage(user, process),
        "participant": participant,
        "comment_form": CommentForm(),
        "moderate_form": ModerateForm(),
    }
    if user.is_authenticated:
        context["can_support"] = rules.can_support(user, idea, participant)
        context["can_comment"] = rules.can_comment(user, idea, participant)
    if context["can_answer"]:
        context["answer_form"] = AnswerForm(
            initial={
                "feasible": "yes" if idea.feasible else ("no" if idea.feasible is False else None),
                "cost": idea.answer_cost_ore,
                "answer": idea.answer,
            }
        )
    if context["can_manage"] and idea.chosen:
        context["follow_up_form"] = FollowUpForm(
            realisations=queries.realisation_choices(request.municipality),
            initial={"state": context["follow_up"].state if context["follow_up"] else "planned"},
        )
    context.update(forms)
    return context


@login_required
@require_POST
def moderate_idea(request, pk):
    idea = _idea(request, pk)
    rules.can_moderate(request.user, idea.process).enforce()
    form = ModerateForm(request.POST)
    if form.is_valid():
        try:
            if request.POST.get("show"):
                actions.show(request.user, idea, form.cleaned_data["reason"])
                messages.success(request, _("The idea is shown."))
            else:
                actions.hide(request.user, idea, form.cleaned_data["reason"])
                messages.success(request, _("The idea is hidden. The author sees why."))
        except DomainError as error:
            _fail(request, error, form)
        else:
            if request.POST.get("back") == "work":
                return redirect("participation:work")
            return redirect(idea)
    return render(
        request, "participation/idea.html", _idea_context(request, idea, moderate_form=form),
        status=400,
    )  # fmt: skip


@login_required
@require_POST
def moderate_comment(request, pk):
    comment = get_object_or_404(queries.comments_in(request.municipality), pk=pk)
    rules.can_moderate_comment(request.user, comment).enforce()
    form = ModerateForm(request.POST)
    if form.is_valid():
        try:
            if request.POST.get("show"):
                actions.show(request.user, comment, form.cleaned_data["reason"])
            else:
                actions.hide(request.user, comment, form.cleaned_data["reason"])
        except DomainError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Saved."))
    if request.POST.get("back") == "work":
        return redirect("participation:work")
    return redirect(f"{comment.idea.get_absolute_url()}#comments")


@login_required
@require_POST
def answer(request, pk):
    idea = _idea(request, pk)
    rules.can_answer(request.user, idea).enforce()
    form = AnswerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.answer(
                request.user,
                idea,
                feasible=data["feasible"],
                text=data["answer"],
                cost_ore=data["cost"],
            )
        except DomainError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("The answer is published."))
            return redirect(idea)
    return render(
        request, "participation/idea.html", _idea_context(request, idea, answer_form=form),
        status=400,
    )  # fmt: skip


@login_required
def vote(request, pk):
    process = _process(request, pk)
    participant = queries.participant_for(request.user, request.municipality)
    if participant is None:
        return redirect(_join_url(request))
    existing = queries.vote_of(request.user, process)
    if existing is not None:
        messages.info(request, _("You have already voted. Thank you!"))
        return redirect(process)
    rules.can_vote(request.user, process, participant).enforce()
    ballot = list(queries.ballot(process))
    form = VoteForm(request.POST or None, process=process, ballot=ballot)
    if request.method == "POST" and form.is_valid():
        by_id = {i.pk: i for i in ballot}
        chosen = [by_id[pk] for pk in form.chosen_ids() if pk in by_id]
        try:
            actions.cast_vote(request.user, process, participant, chosen)
        except DomainError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("Your vote is counted. Thank you!"))
            return redirect(process)
    return render(
        request,
        "participation/vote.html",
        {"form": form, "process": process, "ballot": ballot},
    )


@login_required
@require_POST
def compute(request, pk):
    process = _process(request, pk)
    rules.can_manage(request.user, process).enforce()
    try:
        done = actions.compute_results(process)
    except DomainError as error:
        _fail(request, error)
    else:
        if done:
            messages.success(request, _("The results are counted."))
        else:
            messages.info(request, _("The results were already counted."))
    return redirect(process)


@login_required
@require_POST
def follow_up(request, pk):
    idea = _idea(request, pk)
    rules.can_manage(request.user, idea.process).enforce()
    realisations = queries.realisation_choices(request.municipality)
    form = FollowUpForm(request.POST, realisations=realisations)
    if form.is_valid():
        data = form.cleaned_data
        linked = dict(realisations).get(data.get("realised_by") or "")
        try:
            actions.follow_up(
                request.user,
                idea,
                state=data["state"],
                text=data["text"],
                day=data.get("day"),
                realised_by=linked,
            )
        except DomainError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("The follow-up is saved."))
            return redirect(idea)
    return render(
        request, "participation/idea.html", _idea_context(request, idea, follow_up_form=form),
        status=400,
    )  # fmt: skip


@login_required
def work(request):
    context = queries.work_lists(request.user, request.municipality)
    rules.can_work(request.user, request.municipality).enforce()
    note_people_shown(
        request,
        [i.author for row in context["rows"] for i in row["pending_ideas"]]
        + [c.author for row in context["rows"] for c in row["pending_comments"]],
    )
    context["moderate_form"] = ModerateForm()
    return render(request, "participation/work.html", context)


@login_required
def process_new(request):
    units = queries.staff_units(request.user, request.municipality)
    if not units:
        rules.can_create_process(request.user, None).enforce()
    form = ProcessForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            process = actions.create_process(request.user, request.municipality, form.domain_data())
        except DomainError as error:
            _fail(request, error, form, {"budget_ore": "budget"})
        else:
            messages.success(request, _("The process is published."))
            return redirect(process)
    return render(request, "participation/process_form.html", {"form": form})


@login_required
def process_edit(request, pk):
    process = _process(request, pk)
    rules.can_manage(request.user, process).enforce()
    units = queries.staff_units(request.user, request.municipality)
    form = ProcessForm(request.POST or None, units=units, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_process(request.user, process, form.domain_data())
        except DomainError as error:
            _fail(request, error, form, {"budget_ore": "budget"})
        else:
            messages.success(request, _("The process is saved."))
            return redirect(process)
    return render(request, "participation/process_form.html", {"form": form, "process": process})


@login_required
def class_new(request, pk):
    process = _process(request, pk)
    rules.can_add_class(request.user, process).enforce()
    form = ClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        teacher = queries.account_by_email(data["teacher_email"])
        if teacher is None:
            form.add_error("teacher_email", _("No account has this email address."))
        else:
            try:
                actions.add_school_class(
                    request.user, process, name=data["name"], school=data["school"],
                    teacher=teacher,
                )  # fmt: skip
            except DomainError as error:
                _fail(request, error, form)
            else:
                messages.success(request, _("The class is added. The teacher can send in ideas."))
                return redirect(process)
    return render(request, "participation/class_form.html", {"form": form, "process": process})
