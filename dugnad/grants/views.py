"""The HTML face of grants: thin views over queries and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core import exports, params
from dugnad.core.errors import Conflict, DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.text import plain_text
from dugnad.core.uploads import serve_file

from . import actions, queries, rules
from .forms import (
    ApplicationForm,
    AssignForm,
    ConflictForm,
    DecisionForm,
    NoteForm,
    ReportForm,
    ReportReviewForm,
    ScoreForm,
    StartApplicationForm,
    initial_from,
)
from .models import Application, StateKind


def index(request):
    schemes = list(queries.public_schemes(request.municipality))
    return render(
        request,
        "grants/index.html",
        {
            "schemes": schemes,
            "can_see_overview": rules.can_see_overview(request.user),
            "can_set_up": rules.can_set_up_schemes(request.user),
        },
    )


def scheme_detail(request, slug):
    scheme = queries.published_scheme(request.municipality, slug)
    if scheme is None:
        # A scheme not yet published is shown to its staff, as a preview of its public page.
        scheme = get_object_or_404(queries.scheme_details(request.municipality), slug=slug)
        if not rules.can_preview_form(request.user, scheme):
            raise Http404
    now = timezone.now()
    rounds = queries.scheme_rounds(scheme)
    open_round = next((r for r in rounds if r.is_open(now)), None)
    last_year = now.year - 1
    last_awards = list(queries.awards(request.municipality, scheme=scheme, year=last_year)[:50])
    return render(
        request,
        "grants/scheme_detail.html",
        {
            "scheme": scheme,
            "rounds": rounds,
            "open_round": open_round,
            "last_year": last_year,
            "last_awards": last_awards,
            "can_preview": rules.can_preview_form(request.user, scheme),
            "can_set_up": rules.can_set_up_scheme(request.user, scheme),
        },
    )


def form_preview(request, slug):
    scheme = get_object_or_404(queries.all_schemes(request.municipality), slug=slug)
    rules.can_preview_form(request.user, scheme).enforce()
    form = ApplicationForm(
        initial={"version": 0},
        scheme=scheme,
        sections=queries.form_sections(scheme),
    )
    return render(
        request,
        "grants/preview.html",
        {
            "scheme": scheme,
            "form": form,
            "can_set_up": rules.can_set_up_scheme(request.user, scheme),
        },
    )


@login_required
def start(request, slug):
    scheme = get_object_or_404(queries.published_schemes(request.municipality), slug=slug)
    now = timezone.now()
    open_round = next((r for r in queries.scheme_rounds(scheme) if r.is_open(now)), None)
    if open_round is None:
        messages.error(request, _("The scheme has no open application round now."))
        return redirect(scheme)
    organisations = queries.acting_organisations(request.user)
    previous = queries.my_applications(request.user, scheme=scheme)
    form = StartApplicationForm(
        request.POST or None, organisations=organisations, previous=previous
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.start_application(
                request.user,
                scheme,
                form.cleaned_data["organisation"],
                open_round,
                copy_from=form.cleaned_data["copy_from"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("grants:edit", pk=application.pk)
    return render(
        request,
        "grants/start.html",
        {
            "scheme": scheme,
            "round": open_round,
            "form": form,
            "has_orgs": queries.has_acting_organisations(request.user),
        },
    )


def _load(request, pk):
    try:
        return queries.application_detail(pk, request.municipality)
    except Application.DoesNotExist as exc:
        raise Http404 from exc


def _edit_form(application, data=None, files=None, complete=False):
    return ApplicationForm(
        data,
        files,
        initial=initial_from(application),
        scheme=application.scheme,
        sections=queries.form_sections(application.scheme),
        complete=complete,
        attachments=application.attachments.all(),
    )


@login_required
def edit(request, pk):
    application = _load(request, pk)
    verdict = rules.can_edit_application(request.user, application)
    if not verdict:
        if rules.can_view_application(request.user, application):
            return redirect(application)
        verdict.enforce()
    status = 200
    conflict = None
    if request.method == "POST":
        try:
            form = actions.save_draft(request.user, application, request.POST, request.FILES)
        except Conflict as error:
            # Keep what this tab typed, and let a deliberate second save replace the newer one.
            conflict = error.message
            data = request.POST.copy()
            application.refresh_from_db()
            data["version"] = str(application.version)
            form = _edit_form(application, data)
            form.is_valid()
            status = 409
        else:
            application.refresh_from_db()
            if request.POST.get("action") == "submit":
                return _submit(request, application)
            if form.errors:
                messages.warning(request, _("The draft is saved. Some answers need attention."))
            else:
                messages.success(request, _("The draft is saved."))
                return redirect("grants:edit", pk=application.pk)
    else:
        form = _edit_form(application)
    return render(
        request,
        "grants/edit.html",
        {
            "application": application,
            "form": form,
            "conflict": conflict,
            "attachments": queries.application_attachments(application),
        },
        status=status,
    )


def _submit(request, application):
    try:
        actions.submit_application(request.user, application)
    except actions.Incomplete as error:
        return render(
            request,
            "grants/edit.html",
            {
                "application": application,
                "form": error.form,
                "incomplete": True,
                "attachments": queries.application_attachments(application),
            },
            status=400,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("grants:edit", pk=application.pk)
    messages.success(request, _("The application is submitted. A receipt is on its way by email."))
    return redirect(application)


@login_required
@require_POST
def submit(request, pk):
    application = _load(request, pk)
    return _submit(request, application)


@login_required
@require_POST
def autosave(request, pk):
    """htmx: save the draft as it is typed; answers with a small status and the new version."""
    application = _load(request, pk)
    try:
        form = actions.save_draft(request.user, application, request.POST)
    except Conflict as error:
        return render(request, "grants/_autosave.html", {"error": error.message}, status=409)
    except DomainError as error:
        return render(
            request, "grants/_autosave.html", {"error": error.message}, status=error.status
        )
    return render(
        request,
        "grants/_autosave.html",
        {"version": form.data["version"], "saved_at": timezone.now(), "problems": len(form.errors)},
    )


@login_required
def application_detail(request, pk):
    application = _load(request, pk)
    rules.can_view_application(request.user, application).enforce()
    if application.is_draft and rules.can_edit_application(request.user, application):
        return redirect("grants:edit", pk=pk)
    form = _edit_form(application)
    return render(
        request,
        "grants/application.html",
        {
            "application": application,
            "form": form,
            "can_report": rules.can_report(request.user, application),
            "can_view_case": rules.can_view_case(request.user, application),
            "report_attachments": _report_attachments(application),
        },
    )


def _report_attachments(application):
    # Filtered in Python so the prefetched attachments serve both the answers and the report.
    return [item for item in application.attachments.all() if item.for_report]


@login_required
def attachment(request, pk, attachment_id):
    application = _load(request, pk)
    rules.can_view_application(request.user, application).enforce()
    item = get_object_or_404(queries.attachments_of(application), pk=attachment_id)
    return serve_file(
        item.file,
        cache="none",
        content_type=item.content_type,
        download=True,
        filename=item.original_name,
    )


@login_required
@require_POST
def attachment_delete(request, pk, attachment_id):
    item = get_object_or_404(queries.attachments_in(pk, request.municipality), pk=attachment_id)
    try:
        actions.delete_attachment(request.user, item)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The file is removed."))
    return redirect("grants:edit", pk=pk)


@login_required
def mine(request):
    page = Paginator(queries.my_applications(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "grants/mine.html", {"page_obj": page, "applications": page})


# --- Case handling ----------------------------------------------------------------------------


def _case(request, pk):
    try:
        application = queries.case_detail(pk, request.municipality)
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    return application


@login_required
def case_list(request):
    rules.can_see_case_list(request.user).enforce()
    scheme = None
    if slug := request.GET.get("ordning"):
        scheme = queries.scheme_by_slug(slug, request.municipality)
    filters = {
        "mine": request.GET.get("mine") == "1",
        "overdue": request.GET.get("overdue") == "1",
        "search": request.GET.get("q", "")[:100],
    }
    sort = queries.case_sort(request.GET.get("sort"))
    qs = queries.case_list(
        request.user,
        request.municipality,
        scheme=scheme,
        state=request.GET.get("status") or None,
        sort=sort,
        **filters,
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    columns = [
        ("case", _("Case")),
        ("organisation", _("Organisation")),
        ("scheme", _("Scheme")),
        ("status", _("Status")),
        ("handler", _("Case handler")),
        ("amount", _("Amount applied for")),
        ("report_due", _("Report deadline")),
    ]
    current, descending = sort.removeprefix("-"), sort.startswith("-")
    headers = [
        {
            "label": label,
            # aria-sort only on the sorted column, as WAI-ARIA asks.
            "aria_sort": ("descending" if descending else "ascending") if key == current else "",
            # A click on the sorted column turns it round; on another, sorts by it ascending.
            "sort": f"-{key}" if key == current and not descending else key,
        }
        for key, label in columns
    ]
    return render(
        request,
        "grants/case_list.html",
        {
            "page_obj": page,
            "cases": page,
            "schemes": queries.all_schemes(request.municipality),
            "scheme": scheme,
            "filters": filters,
            "state_kinds": StateKind.choices,
            "status": request.GET.get("status", ""),
            "headers": headers,
            "sort": sort,
        },
    )


@login_required
def case(request, pk):
    application = _case(request, pk)
    rules.can_view_case(request.user, application).enforce()
    return render(request, "grants/case.html", _case_context(request, application))


def _case_context(request, application, **extra):
    user = request.user
    steps = []
    if application.state is not None:
        for transition in application.state.outgoing.all():
            steps.append(
                {
                    "transition": transition,
                    "verdict": rules.can_take_transition(user, application, transition),
                    "is_decision": transition.target.is_decision,
                }
            )
    handlers = queries.possible_handlers(application)
    reviewers = queries.possible_reviewers(application)
    scores = list(queries.scores_of(application))
    mine = {s.criterion: s.value for s in scores if s.reviewer_id == user.pk}
    log = queries.case_log(application)
    context = {
        "application": application,
        "steps": steps,
        "can_handle": rules.can_handle(user, application),
        "can_decide": rules.can_decide(user, application),
        "can_score": rules.can_score(user, application),
        "can_note": rules.can_add_note(user, application),
        "can_conflict": rules.can_declare_conflict(user, application),
        "can_review_report": rules.can_review_report(user, application),
        "assign_form": AssignForm(
            initial={
                "handler": application.handler_id,
                "reviewers": list(application._reviewer_ids),
            },
            handlers=handlers,
            reviewers=reviewers,
        ),
        "conflict_form": ConflictForm(),
        "note_form": NoteForm(),
        "score_form": ScoreForm(
            initial={f"c{i}": mine.get(c) for i, c in enumerate(application.scheme.criteria)},
            criteria=application.scheme.criteria,
        ),
        "report_form": ReportReviewForm(),
        "scores": scores,
        "notes": queries.notes_of(application),
        "log": log,
        "answers_form": _edit_form(application),
        "report_attachments": _report_attachments(application),
        "budget": queries.budget_status(application.scheme, application.round.year),
    }
    context.update(extra)
    return context


def _case_post(request, pk, handler):
    application = _case(request, pk)
    try:
        result = handler(application)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, result)
    if rules.can_view_case(request.user, queries.case_detail(pk, request.municipality)):
        return redirect("grants:case", pk=pk)
    return redirect("grants:cases")


@login_required
@require_POST
def case_transition(request, pk, transition_id):
    def run(application):
        transition = get_object_or_404(queries.transitions_of(application.scheme), pk=transition_id)
        # Read without a form (most steps need no reason): cleaned as a form field would be.
        reason = plain_text(request.POST.get("reason", "")).strip()
        actions.take_transition(request.user, application, transition, reason)
        return _("The case is moved to “%(state)s”.") % {"state": transition.target.name}

    return _case_post(request, pk, run)


@login_required
@require_POST
def case_conflict(request, pk):
    def run(application):
        form = ConflictForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Say why you are disqualified."))
        actions.declare_conflict(request.user, application, form.cleaned_data["reason"])
        return _("Your conflict of interest is recorded. You are kept out of the case.")

    return _case_post(request, pk, run)


@login_required
@require_POST
def case_assign(request, pk):
    def run(application):
        context = _case_context(request, application)
        form = AssignForm(
            request.POST,
            handlers=context["assign_form"].fields["handler"].queryset,
            reviewers=context["assign_form"].fields["reviewers"].queryset,
        )
        if not form.is_valid():
            raise DomainError(_("Choose people from the lists."))
        actions.assign(
            request.user, application, form.cleaned_data["handler"], form.cleaned_data["reviewers"]
        )
        return _("The case is assigned.")

    return _case_post(request, pk, run)


@login_required
@require_POST
def case_note(request, pk):
    def run(application):
        form = NoteForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Write the note."))
        actions.add_note(request.user, application, form.cleaned_data["text"])
        return _("The note is saved.")

    return _case_post(request, pk, run)


@login_required
@require_POST
def case_score(request, pk):
    def run(application):
        form = ScoreForm(request.POST, criteria=application.scheme.criteria)
        if not form.is_valid():
            raise DomainError(_("Give a score from 1 to 5 for every criterion."))
        actions.save_scores(request.user, application, form.scores())
        return _("Your scores are saved.")

    return _case_post(request, pk, run)


@login_required
@require_POST
def case_report(request, pk):
    def run(application):
        form = ReportReviewForm(request.POST)
        if not form.is_valid():
            raise DomainError("; ".join(e for errs in form.errors.values() for e in errs))
        actions.review_report(
            request.user,
            application,
            accept=form.cleaned_data["accept"],
            comment=form.cleaned_data["comment"],
        )
        return _("The report is reviewed.")

    return _case_post(request, pk, run)


@login_required
def decide(request, pk):
    application = _case(request, pk)
    rules.can_decide(request.user, application).enforce()
    form = DecisionForm(request.POST or None)
    budget = queries.budget_status(application.scheme, application.round.year)
    status = 200
    preview = None
    if request.method == "POST":
        wants_preview = "preview" in request.POST
        if form.is_valid():
            try:
                decision = actions.decide(
                    request.user, application, **form.cleaned_data, preview=wants_preview
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if not wants_preview:
                    messages.success(request, _("The decision is made and the letter is sent."))
                    return redirect("grants:letter", pk=pk)
                preview = decision.letter
        status = 200 if preview else 400
    return render(
        request,
        "grants/decide.html",
        {"application": application, "form": form, "budget": budget, "preview": preview},
        status=status,
    )


@login_required
def letter(request, pk):
    application = _load(request, pk)
    rules.can_view_application(request.user, application).enforce()
    decision = getattr(application, "decision", None)
    if decision is None:
        raise Http404
    template = "grants/letter_print.html" if request.GET.get("utskrift") else "grants/letter.html"
    return render(request, template, {"application": application, "decision": decision})


@login_required
def report(request, pk):
    application = _load(request, pk)
    rules.can_report(request.user, application).enforce()
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.submit_report(
                request.user,
                application,
                what_was_done=data["what_was_done"],
                amount_used=data["amount_used"],
                results=data["results"],
                upload=data.get("attachment"),
                mime=data.get("attachment__mime"),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you. The report is sent."))
            return redirect(application)
    return render(
        request,
        "grants/report.html",
        {"application": application, "form": form},
        status=400 if form.errors else 200,
    )


# --- Transparency and overview ------------------------------------------------------------------


def awards(request):
    year = params.parse_year(request.GET.get("aar"), name="aar")
    scheme = queries.scheme_by_slug(request.GET.get("ordning") or "", request.municipality)
    qs = queries.awards(request.municipality, scheme=scheme, year=year)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/awards.html",
        {
            "page_obj": page,
            "awards": page,
            "years": queries.award_years(request.municipality),
            "schemes": queries.published_schemes(request.municipality),
            "year": year,
            "scheme": scheme,
        },
    )


def awards_csv(request):
    year = params.parse_year(request.GET.get("aar"), name="aar")
    scheme = queries.scheme_by_slug(request.GET.get("ordning") or "", request.municipality)
    header = [
        _("Year"),
        _("Scheme"),
        _("Organisation"),
        _("Organisation number"),
        _("Purpose"),
        _("Amount (NOK)"),
    ]
    rows = (
        [
            decision.application.round.year,
            decision.application.scheme.name,
            decision.application.org_name,
            decision.application.org_number,
            decision.purpose,
            f"{decision.amount / 100:.2f}",
        ]
        for decision in queries.awards(request.municipality, scheme=scheme, year=year).iterator()
    )
    return exports.csv_response("tildelinger", header, rows)


@login_required
def overview(request):
    rules.can_see_overview(request.user).enforce()
    rows = queries.overview(request.municipality)
    if request.GET.get("format") == "xlsx":
        return _xlsx(rows)
    return render(
        request,
        "grants/overview.html",
        {"rows": rows, "budgets": queries.budget_overview(request.municipality)},
    )


def _xlsx(rows):
    header = [
        _("Scheme"),
        _("Year"),
        _("State"),
        _("Applications"),
        _("Applied for (NOK)"),
        _("Awarded (NOK)"),
    ]
    cells = (
        [
            row["scheme__name"],
            row["round__year"],
            row["state__name"],
            row["count"],
            (row["applied"] or 0) / 100,
            (row["awarded"] or 0) / 100,
        ]
        for row in rows
    )
    return exports.xlsx_response("tilskudd-oversikt", header, cells, sheet_title="Tilskudd")
