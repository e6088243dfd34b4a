"""The administration's pages: the programme, its region, partners, roles, calls, questions,
audition slots, sessions and attendance, and the records kept after admission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core import params
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.privacy import note_people_shown

from . import actions, queries, rules
from .forms import (
    CallForm,
    DisciplineForm,
    MembershipForm,
    PartnerForm,
    ProgrammeForm,
    QuestionForm,
    RoleForm,
    SessionForm,
    SlotsForm,
    SubRegionForm,
    TrackForm,
)
from .models import Discipline, Membership, Partner, SubRegion, Track

# kind in the URL -> (form, model, the form's label)
PARTS = {
    "spor": (TrackForm, Track),
    "fag": (DisciplineForm, Discipline),
    "delregion": (SubRegionForm, SubRegion),
    "medlem": (MembershipForm, Membership),
    "partner": (PartnerForm, Partner),
}


def _programme(request, slug):
    found = get_object_or_404(queries.programme_details(request.municipality), slug=slug)
    rules.can_administer(request.user, found).enforce()
    return found


def _form(kind, programme, data=None):
    form_class, _model = PARTS[kind]
    kwargs = {"programme": programme} if form_class is MembershipForm else {}
    form = form_class(data, prefix=kind, **kwargs)
    return form


def _setup_page(request, programme, forms=None, status=200):
    forms = forms or {}
    context = {
        "programme": programme,
        "part_forms": {kind: forms.get(kind) or _form(kind, programme) for kind in PARTS},
        "programme_form": forms.get("programme")
        or ProgrammeForm(instance=programme, prefix="programme"),
        "role_form": forms.get("role") or RoleForm(programme=programme, prefix="role"),
        "call_form": forms.get("call") or CallForm(prefix="call"),
        "roles": queries.programme_roles(programme),
    }
    return render(request, "talent/setup.html", context, status=status)


@login_required
def setup(request, slug):
    return _setup_page(request, _programme(request, slug))


@login_required
@require_POST
def setup_programme(request, slug):
    programme = _programme(request, slug)
    form = ProgrammeForm(request.POST, instance=programme, prefix="programme")
    if form.is_valid():
        try:
            actions.save_part(request.user, programme, form.save(commit=False))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("talent:setup", slug=programme.slug)
    programme.refresh_from_db()
    return _setup_page(request, programme, {"programme": form})


@login_required
@require_POST
def add_part(request, slug, kind):
    programme = _programme(request, slug)
    if kind not in PARTS:
        return redirect("talent:setup", slug=programme.slug)
    form = _form(kind, programme, request.POST)
    form.instance.programme = programme
    if form.is_valid():
        try:
            actions.save_part(request.user, programme, form.save(commit=False))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Added."))
            return redirect("talent:setup", slug=programme.slug)
    return _setup_page(request, programme, {kind: form})


@login_required
@require_POST
def remove_part(request, slug, kind, part_id):
    programme = _programme(request, slug)
    if kind not in PARTS:
        return redirect("talent:setup", slug=programme.slug)
    model = PARTS[kind][1]
    part = get_object_or_404(queries.parts_of(programme, model), pk=part_id)
    try:
        actions.remove_part(request.user, programme, part)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Removed."))
    return redirect("talent:setup", slug=programme.slug)


@login_required
@require_POST
def add_role(request, slug):
    programme = _programme(request, slug)
    form = RoleForm(request.POST, programme=programme, prefix="role")
    if form.is_valid():
        try:
            actions.add_role(
                request.user,
                programme,
                form.cleaned_data["role"],
                form.cleaned_data["email"],
                **form.where(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The role is given."))
            return redirect("talent:setup", slug=programme.slug)
    return _setup_page(request, programme, {"role": form})


@login_required
@require_POST
def remove_role(request, slug, role, row_id):
    programme = _programme(request, slug)
    if role not in queries.ROLE_MODELS:
        return redirect("talent:setup", slug=programme.slug)
    row = get_object_or_404(queries.role_rows(programme, role), pk=row_id)
    actions.remove_role(request.user, programme, row)
    messages.success(request, _("The role is removed."))
    return redirect("talent:setup", slug=programme.slug)


@login_required
@require_POST
def add_call(request, slug):
    programme = _programme(request, slug)
    form = CallForm(request.POST, prefix="call")
    form.instance.programme = programme
    if form.is_valid():
        call = form.save(commit=False)
        try:
            actions.save_part(request.user, programme, call)
        except DomainError as error:
            add_domain_error(form, error, {"__all__": None})
        else:
            messages.success(request, _("The call is created. Add its questions."))
            return redirect("talent:call", pk=call.pk)
    return _setup_page(request, programme, {"call": form})


def _admin_call(request, pk):
    call = get_object_or_404(queries.calls(request.municipality), pk=pk)
    rules.can_administer(request.user, call.programme).enforce()
    return call


def _call_page(
    request, call, call_form=None, question_form=None, slots_form=None, session_form=None
):
    return render(
        request,
        "talent/call.html",
        {
            "call": call,
            "call_form": call_form or CallForm(instance=call, prefix="call"),
            "question_form": question_form or QuestionForm(prefix="q"),
            "slots_form": slots_form or SlotsForm(programme=call.programme, prefix="slots"),
            "questions": list(call.questions.all()),
            "slots": queries.call_slots(call),
            "sessions": queries.sessions(call),
            "session_form": session_form
            or SessionForm(
                prefix="session",
                occurrences=queries.unit_occurrence_choices(call.programme),
                subregions=call.programme.subregions.all(),
            ),
        },
    )


@login_required
def call(request, pk):
    found = _admin_call(request, pk)
    if request.method == "POST":
        form = CallForm(request.POST, instance=found, prefix="call")
        if form.is_valid():
            try:
                actions.save_part(request.user, found.programme, form.save(commit=False))
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The call is saved."))
                return redirect("talent:call", pk=found.pk)
        found.refresh_from_db()
        return _call_page(request, found, call_form=form)
    return _call_page(request, found)


@login_required
@require_POST
def add_question(request, pk):
    found = _admin_call(request, pk)
    form = QuestionForm(request.POST, prefix="q")
    form.instance.call = found
    if form.is_valid():
        try:
            actions.save_part(request.user, found.programme, form.save(commit=False))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect("talent:call", pk=found.pk)
    return _call_page(request, found, question_form=form)


@login_required
@require_POST
def remove_question(request, pk, question_id):
    found = _admin_call(request, pk)
    question = get_object_or_404(queries.questions_of(found), pk=question_id)
    actions.remove_part(request.user, found.programme, question)
    messages.success(request, _("Removed."))
    return redirect("talent:call", pk=found.pk)


@login_required
@require_POST
def add_slots(request, pk):
    found = _admin_call(request, pk)
    form = SlotsForm(request.POST, programme=found.programme, prefix="slots")
    if form.is_valid():
        try:
            actions.create_slots(request.user, found, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The audition slots are made."))
            return redirect("talent:call", pk=found.pk)
    return _call_page(request, found, slots_form=form)


@login_required
@require_POST
def add_session(request, pk):
    found = _admin_call(request, pk)
    form = SessionForm(
        request.POST,
        prefix="session",
        occurrences=queries.unit_occurrence_choices(found.programme),
        subregions=found.programme.subregions.all(),
    )
    if form.is_valid():
        try:
            actions.add_session(
                request.user, found, form.cleaned_data["occurrence"], form.cleaned_data["subregion"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The session is added."))
            return redirect("talent:call", pk=found.pk)
    return _call_page(request, found, session_form=form)


@login_required
def session(request, pk):
    found = get_object_or_404(queries.session_detail(request.municipality), pk=pk)
    rules.can_mark_attendance(request.user, found).enforce()
    if request.method == "POST":
        present = set()
        for value in request.POST.getlist("present"):
            number = params.parse_int(value, name="present")
            if number is not None:
                present.add(number)
        count = actions.mark_attendance(request.user, found, present)
        messages.success(request, _("Attendance is saved for %(n)s pupils.") % {"n": count})
        return redirect("talent:session", pk=found.pk)
    participants, present = queries.session_participants(found)
    note_people_shown(request, participants)
    return render(
        request,
        "talent/session.html",
        {"session": found, "participants": participants, "present": present},
    )
