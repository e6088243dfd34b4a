"""The case handlers' set-up pages for grant schemes: the scheme, its form, its workflow, its
budgets and rounds, each with the scheme's history. (The Django admin stays for site
administrators.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error

from . import diagram, queries, rules, setup
from .models import FormField, GrantScheme
from .setup_forms import (
    BudgetForm,
    FieldForm,
    RoundForm,
    SchemeForm,
    SectionForm,
    StateForm,
    StepForm,
)


def _scheme(request, pk) -> GrantScheme:
    try:
        scheme = queries.scheme_setup(pk, request.municipality)
    except GrantScheme.DoesNotExist as exc:
        raise Http404 from exc
    rules.can_set_up_scheme(request.user, scheme).enforce()
    return scheme


def _error_to_messages(request, error: DomainError) -> None:
    messages.error(request, error.message)


@login_required
def schemes(request):
    rules.can_set_up_schemes(request.user).enforce()
    return render(
        request,
        "grants/setup/schemes.html",
        {"schemes": list(queries.setup_schemes(request.user, request.municipality))},
    )


@login_required
def scheme_create(request):
    rules.can_set_up_schemes(request.user).enforce()
    units = queries.handled_units(request.user, request.municipality)
    form = SchemeForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            scheme = setup.save_scheme(
                request.user, form, request.municipality, workflow=form.cleaned_data["workflow"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The scheme is saved. Now build its application form."))
            return redirect("grants:setup_form", pk=scheme.pk)
    return render(request, "grants/setup/scheme_form.html", {"form": form, "scheme": None})


@login_required
def scheme(request, pk):
    scheme = _scheme(request, pk)
    form = SchemeForm(
        request.POST or None,
        instance=scheme,
        units=queries.handled_units(request.user, request.municipality),
    )
    if request.method == "POST" and form.is_valid():
        try:
            setup.save_scheme(request.user, form, request.municipality)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The scheme is saved."))
            return redirect("grants:setup_scheme", pk=pk)
    return render(
        request,
        "grants/setup/scheme.html",
        {"form": form, "scheme": scheme, "history": queries.setup_history(scheme)},
    )


# --- the form builder ---------------------------------------------------------------------


@login_required
def form_builder(request, pk):
    scheme = _scheme(request, pk)
    part = request.POST.get("part")
    field_form = FieldForm(request.POST if part == "field" else None, scheme=scheme, prefix="new")
    section_form = SectionForm(request.POST if part == "section" else None, prefix="section")
    if part == "field" and field_form.is_valid():
        try:
            setup.save_field(request.user, scheme, field_form)
        except DomainError as error:
            add_domain_error(field_form, error)
        else:
            messages.success(request, _("The field is added."))
            return redirect("grants:setup_form", pk=pk)
    if part == "section" and section_form.is_valid():
        try:
            setup.add_section(request.user, scheme, **section_form.cleaned_data)
        except DomainError as error:
            add_domain_error(section_form, error)
        else:
            messages.success(request, _("The section is added."))
            return redirect("grants:setup_form", pk=pk)
    fields = queries.form_fields_in_order(scheme)
    labels = {f.key: f.label for f in fields}
    for field in fields:
        field.condition_label = labels.get(field.show_when_key, field.show_when_key)
    return render(
        request,
        "grants/setup/form.html",
        {
            "scheme": scheme,
            "fields": fields,
            "field_form": field_form,
            "section_form": section_form,
            "has_sections": queries.scheme_has_sections(scheme),
            "sections": list(queries.scheme_sections(scheme)),
        },
        status=400 if part and request.method == "POST" else 200,
    )


def _field(scheme, field_pk) -> FormField:
    return get_object_or_404(queries.scheme_fields(scheme), pk=field_pk)


@login_required
def field_edit(request, pk, field_pk):
    scheme = _scheme(request, pk)
    field = _field(scheme, field_pk)
    form = FieldForm(request.POST or None, instance=field, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        try:
            setup.save_field(request.user, scheme, form)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The field is saved."))
            return redirect("grants:setup_form", pk=pk)
    return render(
        request, "grants/setup/field.html", {"scheme": scheme, "field": field, "form": form}
    )


@login_required
@require_POST
def field_move(request, pk, field_pk):
    scheme = _scheme(request, pk)
    setup.move_field(request.user, _field(scheme, field_pk), up=request.POST.get("to") == "up")
    return redirect(f"{scheme_form_url(scheme)}#field-{field_pk}")


@login_required
@require_POST
def field_delete(request, pk, field_pk):
    scheme = _scheme(request, pk)
    try:
        setup.delete_field(request.user, _field(scheme, field_pk))
    except DomainError as error:
        _error_to_messages(request, error)
    else:
        messages.success(request, _("The field is deleted."))
    return redirect("grants:setup_form", pk=pk)


@login_required
def section_change(request, pk, section_pk):
    """A section of the form: renamed on its own page (what was typed stays on an error),
    moved or deleted from the form builder's buttons."""
    scheme = _scheme(request, pk)
    section = get_object_or_404(queries.scheme_sections(scheme), pk=section_pk)
    if request.method == "POST" and request.POST.get("delete"):
        try:
            setup.delete_section(request.user, section)
        except DomainError as error:
            _error_to_messages(request, error)
        else:
            messages.success(request, _("The section is deleted."))
        return redirect("grants:setup_form", pk=pk)
    if request.method == "POST" and request.POST.get("to") in ("up", "down"):
        setup.move_section(request.user, section, up=request.POST["to"] == "up")
        return redirect(f"{scheme_form_url(scheme)}#section-{section.pk}")
    form = SectionForm(
        request.POST or None, initial={"title": section.title, "help_text": section.help_text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            setup.rename_section(request.user, section, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The section is saved."))
            return redirect(f"{scheme_form_url(scheme)}#section-{section.pk}")
    return render(
        request,
        "grants/setup/section.html",
        {"scheme": scheme, "section": section, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def scheme_form_url(scheme) -> str:
    from django.urls import reverse

    return reverse("grants:setup_form", kwargs={"pk": scheme.pk})


# --- the workflow editor ------------------------------------------------------------------


@login_required
def workflow(request, pk):
    scheme = _scheme(request, pk)
    states, steps = queries.workflow_of(scheme)
    part = request.POST.get("part")
    state_form = StateForm(
        request.POST if part == "state" else None, scheme=scheme, states=states, prefix="state"
    )
    step_form = StepForm(request.POST if part == "step" else None, scheme=scheme, prefix="step")
    if part == "state" and state_form.is_valid():
        try:
            setup.add_state(request.user, scheme, **state_form.cleaned_data)
        except DomainError as error:
            add_domain_error(state_form, error)
        else:
            messages.success(request, _("The state is added."))
            return redirect("grants:setup_workflow", pk=pk)
    if part == "step" and step_form.is_valid():
        try:
            setup.save_step(request.user, scheme, **step_form.cleaned_data)
        except DomainError as error:
            add_domain_error(step_form, error)
        else:
            messages.success(request, _("The step is added."))
            return redirect("grants:setup_workflow", pk=pk)
    problems = setup.workflow_problems(
        [(s.pk, s.kind, s.label) for s in states], [(t.source_id, t.target_id) for t in steps]
    )
    return render(
        request,
        "grants/setup/workflow.html",
        {
            "scheme": scheme,
            "states": states,
            "steps": steps,
            "state_form": state_form,
            "step_form": step_form,
            "drawing": diagram.layout(states, steps),
            "problems": problems,
            "roles": dict(StepForm.base_fields["role"].choices),
        },
        status=400 if part and request.method == "POST" else 200,
    )


@login_required
@require_POST
def state_change(request, pk, state_pk):
    scheme = _scheme(request, pk)
    state = get_object_or_404(queries.scheme_states(scheme), pk=state_pk)
    try:
        if request.POST.get("delete"):
            setup.delete_state(request.user, state)
            messages.success(request, _("The state is deleted."))
        else:
            setup.rename_state(request.user, state, request.POST.get("name", "")[:80])
            messages.success(request, _("The state is renamed."))
    except DomainError as error:
        _error_to_messages(request, error)
    return redirect("grants:setup_workflow", pk=pk)


@login_required
@require_POST
def step_change(request, pk, step_pk):
    scheme = _scheme(request, pk)
    step = get_object_or_404(queries.scheme_steps(scheme), pk=step_pk)
    try:
        if request.POST.get("delete"):
            setup.delete_step(request.user, step)
            messages.success(request, _("The step is deleted."))
        else:
            form = StepForm(request.POST, scheme=scheme)
            if not form.is_valid():
                messages.error(request, _("Give the step a name and two states."))
                return redirect("grants:setup_workflow", pk=pk)
            setup.save_step(request.user, scheme, step=step, **form.cleaned_data)
            messages.success(request, _("The step is saved."))
    except DomainError as error:
        _error_to_messages(request, error)
    return redirect("grants:setup_workflow", pk=pk)


# --- budgets and rounds -------------------------------------------------------------------


@login_required
def budgets(request, pk):
    scheme = _scheme(request, pk)
    part = request.POST.get("part")
    budget_form = BudgetForm(request.POST if part == "budget" else None, prefix="budget")
    round_form = RoundForm(request.POST if part == "round" else None, prefix="round")
    if part == "budget" and budget_form.is_valid():
        setup.save_budget(
            request.user,
            scheme,
            budget_form.cleaned_data["year"],
            budget_form.cleaned_data["amount"],
        )
        messages.success(request, _("The budget is saved."))
        return redirect("grants:setup_budgets", pk=pk)
    if part == "round" and round_form.is_valid():
        try:
            setup.save_round(request.user, scheme, round_form)
        except DomainError as error:
            add_domain_error(round_form, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("grants:setup_budgets", pk=pk)
    return render(
        request,
        "grants/setup/budgets.html",
        {
            "scheme": scheme,
            "budgets": queries.budget_rows(scheme),
            "rounds": list(scheme.rounds.all()),
            "budget_form": budget_form,
            "round_form": round_form,
        },
        status=400 if part and request.method == "POST" else 200,
    )


@login_required
@require_POST
def budget_delete(request, pk, budget_pk):
    scheme = _scheme(request, pk)
    setup.delete_budget(
        request.user, get_object_or_404(queries.scheme_budgets(scheme), pk=budget_pk)
    )
    messages.success(request, _("The budget is deleted."))
    return redirect("grants:setup_budgets", pk=pk)


@login_required
def round_edit(request, pk, round_pk):
    scheme = _scheme(request, pk)
    round = get_object_or_404(queries.scheme_round_rows(scheme), pk=round_pk)
    if request.method == "POST" and request.POST.get("delete"):
        try:
            setup.delete_round(request.user, round)
        except DomainError as error:
            _error_to_messages(request, error)
            return redirect("grants:setup_round", pk=pk, round_pk=round_pk)
        messages.success(request, _("The round is deleted."))
        return redirect("grants:setup_budgets", pk=pk)
    form = RoundForm(request.POST or None, instance=round)
    if request.method == "POST" and form.is_valid():
        try:
            setup.save_round(request.user, scheme, form)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("grants:setup_budgets", pk=pk)
    return render(
        request, "grants/setup/round.html", {"scheme": scheme, "round": round, "form": form}
    )
