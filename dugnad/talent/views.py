"""The HTML face of talent programmes: thin views over queries and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core import params
from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.privacy import note_people_shown
from dugnad.core.uploads import serve_file

from . import actions, queries, rules
from .actions.decisions import places_held
from .actions.nominations import missing
from .forms import (
    AnswerForm,
    ApplicationForm,
    ConflictForm,
    ConsentForm,
    DecisionForm,
    HigherEducationForm,
    NominationForm,
    NoteForm,
    RenewForm,
    ScoreForm,
    SlotChoiceForm,
)
from .models import Nomination


@public_page("talent")
def index(request):
    return render(
        request,
        "talent/index.html",
        {"programmes": queries.public_programmes(request.municipality)},
    )


@public_page("talent")
def programme(request, slug):
    found = get_object_or_404(queries.published_programme_details(request.municipality), slug=slug)
    return render(
        request,
        "talent/programme.html",
        {"programme": found, "call": queries.current_call(found), "now": timezone.now()},
    )


def _call(request, pk):
    return get_object_or_404(queries.calls(request.municipality), pk=pk)


def _nomination(request, pk):
    return get_object_or_404(queries.nomination_detail(request.municipality), pk=pk)


@login_required
def nominate(request, pk):
    call = _call(request, pk)
    rules.can_nominate(request.user, call).enforce()
    form = NominationForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = actions.nominate(request.user, call, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The pupil is nominated. We have sent them a link to complete the application."),
            )
            return redirect(nomination)
    return render(request, "talent/nominate.html", {"call": call, "form": form})


@login_required
def nomination(request, pk):
    found = _nomination(request, pk)
    user = request.user
    rules.can_view_nomination(user, found).enforce()
    questions = list(found.call.questions.all())
    context = {
        "nomination": found,
        "questions": questions,
        "answers": [(q, found.answers.get(q.key, "")) for q in questions],
        "staff": rules.can_see_staff_details(user, found),
        "can_complete": rules.can_complete(user, found),
        "can_consent": rules.can_consent(user, found),
        "can_answer": rules.can_answer_offer(user, found),
        "can_book": rules.can_book_slot(user, found),
        "can_score": rules.can_score(user, found),
        "can_conflict": rules.can_declare_conflict(user, found),
        "can_decide": rules.can_decide(user, found),
        "can_note": rules.can_add_note(user, found),
        "can_withdraw": rules.can_withdraw(user, found),
        "is_admin": rules.is_admin(user, found.call.programme_id),
        "minor": found.is_minor(),
    }
    if context["can_complete"]:
        context["form"] = ApplicationForm(
            initial=ApplicationForm.initial_for(found, questions), questions=questions
        )
        context["missing"] = missing(found, questions)
    if context["can_consent"]:
        context["consent_form"] = ConsentForm()
    if context["can_answer"]:
        context["answer_form"] = AnswerForm()
    if context["can_book"]:
        context["slot_form"] = SlotChoiceForm(slots=queries.free_slots(found))
    if context["can_decide"]:
        context["decision_form"] = DecisionForm(initial={"outcome": found.outcome})
    if context["can_conflict"]:
        context["conflict_form"] = ConflictForm()
    if context["can_note"]:
        context["note_form"] = NoteForm()
    if context["is_admin"] and found.offer == Nomination.Offer.ACCEPTED:
        context["education_form"] = HigherEducationForm(initial={"went_on": found.higher_education})
        context["renew_form"] = RenewForm(calls=queries.later_calls(found))
    return render(request, "talent/nomination.html", context)


@login_required
@require_POST
def complete(request, pk):
    found = _nomination(request, pk)
    rules.can_complete(request.user, found).enforce()
    questions = list(found.call.questions.all())
    form = ApplicationForm(request.POST, request.FILES, questions=questions)
    if form.is_valid():
        upload = form.cleaned_data.get("files")
        try:
            actions.save_application(
                request.user,
                found,
                repertoire=form.cleaned_data["repertoire"],
                answers=form.answers(),
                uploads_=[upload] if upload else [],
            )
            if "send" in request.POST:
                actions.submit_application(request.user, found)
        except DomainError as error:
            add_domain_error(form, error, {"files": "files"})
        else:
            if "send" in request.POST:
                messages.success(request, _("The application is completed and sent. Thank you!"))
            else:
                messages.success(request, _("Your answers are saved."))
            return redirect(found)
    found.refresh_from_db()
    return render(
        request,
        "talent/nomination.html",
        {
            "nomination": found,
            "questions": questions,
            "form": form,
            "can_complete": True,
            "missing": missing(found, questions),
            "minor": found.is_minor(),
            "can_consent": rules.can_consent(request.user, found),
            "consent_form": ConsentForm(),
        },
    )


def _post_action(request, found, form, run, success):
    if form.is_valid():
        try:
            run(form)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, success)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(found)


@login_required
@require_POST
def consent(request, pk):
    found = _nomination(request, pk)
    return _post_action(
        request,
        found,
        ConsentForm(request.POST),
        lambda form: actions.give_consent(request.user, found),
        _("Thank you: your consent is recorded."),
    )


@login_required
@require_POST
def withdraw(request, pk):
    found = _nomination(request, pk)
    rules.can_withdraw(request.user, found).enforce()
    actions.withdraw(request.user, found)
    messages.success(request, _("The nomination is withdrawn."))
    return redirect("talent:mine")


@login_required
def file(request, pk, file_id):
    found = _nomination(request, pk)
    rules.can_view_nomination(request.user, found).enforce()
    item = get_object_or_404(
        queries.nomination_files(request.municipality), pk=file_id, nomination=found
    )
    return serve_file(
        item.file,
        cache="none",
        download=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


@login_required
@require_POST
def file_delete(request, pk, file_id):
    found = _nomination(request, pk)
    item = get_object_or_404(
        queries.nomination_files(request.municipality), pk=file_id, nomination=found
    )
    try:
        actions.delete_file(request.user, item)
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(found)


@login_required
@require_POST
def answer(request, pk):
    found = _nomination(request, pk)
    return _post_action(
        request,
        found,
        AnswerForm(request.POST),
        lambda form: actions.answer_offer(
            request.user, found, form.cleaned_data["answer"] == "accept"
        ),
        _("Your answer is recorded."),
    )


@login_required
@require_POST
def book(request, pk):
    found = _nomination(request, pk)
    rules.can_book_slot(request.user, found).enforce()
    return _post_action(
        request,
        found,
        SlotChoiceForm(request.POST, slots=queries.free_slots(found)),
        lambda form: actions.book_slot(request.user, found, form.cleaned_data["slot"]),
        _("The audition time is booked."),
    )


@login_required
@require_POST
def decide(request, pk):
    found = _nomination(request, pk)
    rules.can_decide(request.user, found).enforce()
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.decide(request.user, found, form.cleaned_data["outcome"])
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The decision is recorded and the letters are sent."))
    else:
        messages.error(request, _("Choose a decision."))
    back = request.POST.get("next")
    if back == "ranking":
        return redirect("talent:ranking", pk=found.call_id)
    return redirect(found)


@login_required
@require_POST
def conflict(request, pk):
    found = _nomination(request, pk)
    return _post_action(
        request,
        reverse("talent:panel", kwargs={"pk": found.call_id}),
        ConflictForm(request.POST),
        lambda form: actions.declare_conflict(request.user, found, form.cleaned_data["reason"]),
        _("Your conflict of interest is recorded; you will not see this entry again."),
    )


@login_required
@require_POST
def note(request, pk):
    found = _nomination(request, pk)
    return _post_action(
        request,
        found,
        NoteForm(request.POST),
        lambda form: actions.add_note(request.user, found, form.cleaned_data["text"]),
        _("The note is saved."),
    )


@login_required
def score(request, pk):
    found = _nomination(request, pk)
    rules.can_score(request.user, found).enforce()
    mine = queries.my_scores(found, request.user)
    criteria = found.call.criteria
    initial = {f"c{i}": mine.get(c) for i, c in enumerate(criteria)}
    form = ScoreForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_scores(request.user, found, form.scores())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("talent:panel", pk=found.call_id)
    questions = list(found.call.questions.all())
    return render(
        request,
        "talent/score.html",
        {
            "nomination": found,
            "form": form,
            "answers": [(q, found.answers.get(q.key, "")) for q in questions],
        },
    )


@login_required
def nominations(request, pk):
    call = _call(request, pk)
    rules.can_list_nominations(request.user, call).enforce()
    subregions = list(queries.visible_subregions(request.user, call))
    chosen = None
    wanted = params.parse_int(request.GET.get("delregion"), name="delregion")
    if wanted is not None:
        chosen = next((s for s in subregions if s.pk == wanted), None)
        if chosen is None:
            raise Http404
    status = request.GET.get("status", "")
    if status not in {"", "incomplete", "completed", *Nomination.Outcome.values}:
        status = ""
    found = queries.visible_nominations(request.user, call, subregion=chosen, status=status)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    note_people_shown(request, page.object_list)
    return render(
        request,
        "talent/nominations.html",
        {
            "call": call,
            "page": page,
            "page_obj": page,
            "subregions": subregions,
            "chosen": chosen,
            "status": status,
            "statuses": [
                ("incomplete", _("Not completed")),
                ("completed", _("Completed, not decided")),
                *[c for c in Nomination.Outcome.choices if c[0] != "pending"],
            ],
            "is_admin": rules.is_admin(request.user, call.programme_id),
        },
    )


@login_required
def panel(request, pk):
    call = _call(request, pk)
    rules.can_panel(request.user, call).enforce()
    entries = list(queries.panel_entries(request.user, call))
    for entry in entries:
        entry.scored = len(entry.scores.all())
    return render(
        request,
        "talent/panel.html",
        {"call": call, "entries": entries, "criteria_count": len(call.criteria)},
    )


@login_required
def ranking(request, pk):
    call = _call(request, pk)
    rules.can_administer(request.user, call.programme).enforce()
    return render(
        request,
        "talent/ranking.html",
        {
            "call": call,
            "rows": queries.ranking(call),
            "held": places_held(call),
            "outcomes": [c for c in Nomination.Outcome.choices if c[0] != "pending"],
        },
    )


@login_required
def mine(request):
    return render(
        request,
        "talent/mine.html",
        {"section": queries.my_page(request.user) or {"nominations": [], "panels": []}},
    )


@login_required
@require_POST
def higher_education(request, pk):
    found = _nomination(request, pk)
    return _post_action(
        request,
        found,
        HigherEducationForm(request.POST),
        lambda form: actions.record_higher_education(
            request.user, found, form.cleaned_data["went_on"]
        ),
        _("Saved."),
    )


@login_required
@require_POST
def renew(request, pk):
    found = _nomination(request, pk)
    rules.can_administer(request.user, found.call.programme).enforce()
    form = RenewForm(request.POST, calls=queries.later_calls(found))
    if form.is_valid():
        try:
            renewal = actions.renew(request.user, found, form.cleaned_data["call"])
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The pupil goes on next year."))
            return redirect(renewal)
    else:
        messages.error(request, _("Choose next year's call."))
    return redirect(found)
