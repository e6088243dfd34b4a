"""Thin views of initiatives, the "one way in" landing page, the conference and the council:
they read through queries.py and write through actions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError, NotAllowed
from dugnad.core.forms import add_domain_error
from dugnad.core.links import municipality_url
from dugnad.core.params import parse_year

from . import actions, queries, rules, structured
from .forms import (
    ContactSearchForm,
    InitiativeForm,
    LinkAssignmentForm,
    LinkEventForm,
    ReachForm,
    ResourceForm,
    UpdateForm,
)
from .models import Initiative

PUBLIC_TOPICS = ("initiatives", "activities", "organisations")
FILTERS = ("age_group", "unit", "partner", "state", "q")


def _optional_url(name: str, *args) -> str | None:
    """The address of a page another app may not have yet (the issue-13 "how to volunteer"
    page is built in parallel): None while the name does not resolve."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# --- the "one way in" -----------------------------------------------------------------------


def volunteering(request):
    """The landing page for volunteering in the municipality: everything within a few clicks,
    and the volunteer contacts, searchable by unit ("the nursing homes")."""
    municipality = request.municipality
    form = ContactSearchForm(request.GET or None)
    q = form.cleaned_data["unit"] if form.is_valid() else ""
    contacts = queries.volunteer_contacts(municipality, q)
    if not q:
        contacts = [c for c in contacts if c.contacts and c.via is None]
    context = {
        "form": form,
        "q": q,
        "contacts": contacts,
        "how_to_url": _optional_url("volunteering:how_to"),
        "support_pages": queries.support_pages(municipality),
        "conference": queries.current_conference(municipality),
        "has_council": queries.council_of(municipality) is not None,
        "stories": list(queries.stories(municipality)[:3]),
        "can_use_desk": rules.can_use_desk(request.user),
        "feed_url": reverse("initiatives:stories_feed"),
    }
    return render(request, "initiatives/volunteering.html", context)


def unit_page(request, slug):
    unit = queries.unit_for_page(request.municipality, slug)
    if unit is None:
        raise Http404
    found = [c for c in queries.volunteer_contacts(request.municipality) if c.unit.pk == unit.pk]
    return render(
        request,
        "initiatives/unit.html",
        {
            "unit": unit,
            "contact": found[0] if found else None,
            "initiatives": queries.unit_initiatives(unit),
        },
    )


# --- initiatives ----------------------------------------------------------------------------


@public_page(*PUBLIC_TOPICS)
def index(request):
    filters = {key: request.GET.get(key, "")[:100] for key in FILTERS}
    rows = queries.initiatives(request.municipality, filters)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/index.html",
        {
            "page_obj": page,
            "filters": filters,
            "choices": queries.filter_choices(request.municipality),
            "can_create": rules.can_create_initiative(request.user),
        },
    )


def _get(request, slug) -> Initiative:
    initiative = queries.initiative_for_page(request.municipality, slug)
    if initiative is None:
        raise Http404
    rules.can_view_initiative(request.user, initiative).enforce()
    return initiative


def _detail_context(request, initiative, **forms):
    can_edit = bool(rules.can_edit_initiative(request.user, initiative))
    can_update = bool(rules.can_post_update(request.user, initiative))
    context = {
        "initiative": initiative,
        "reach": queries.reach_of(initiative),
        "can_edit": can_edit,
        "can_update": can_update,
        "jsonld": structured.initiative_jsonld(
            initiative, municipality_url(initiative.municipality)
        ),
    }
    if can_edit:
        context["event_form"] = forms.get("event_form") or LinkEventForm(
            events=queries.linkable_events(request.municipality, initiative)
        )
        context["assignment_form"] = forms.get("assignment_form") or LinkAssignmentForm(
            assignments=queries.linkable_assignments(request.municipality, initiative)
        )
        context["resource_form"] = forms.get("resource_form") or ResourceForm()
        context["reach_form"] = forms.get("reach_form") or ReachForm()
    if can_update:
        context["update_form"] = forms.get("update_form") or UpdateForm(
            organisations=rules.update_organisations(request.user, initiative)
        )
    return context


@public_page(*PUBLIC_TOPICS)
def detail(request, slug):
    initiative = _get(request, slug)
    return render(request, "initiatives/detail.html", _detail_context(request, initiative))


def _form_page(request, form, initiative=None):
    return render(
        request, "initiatives/initiative_form.html", {"form": form, "initiative": initiative}
    )


def _save_args(form):
    data = dict(form.cleaned_data)
    return data, {
        "age_groups": data.pop("age_groups"),
        "partner_units": data.pop("partner_units"),
        "partner_organisations": data.pop("partner_organisations"),
    }


@login_required
def create(request):
    rules.can_create_initiative(request.user).enforce()
    form = InitiativeForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        data, related = _save_args(form)
        try:
            initiative = actions.create_initiative(
                request.user, request.municipality, data, **related
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The initiative was created."))
            return redirect(initiative)
    return _form_page(request, form)


@login_required
def edit(request, slug):
    initiative = _get(request, slug)
    rules.can_edit_initiative(request.user, initiative).enforce()
    form = InitiativeForm.for_initiative(initiative, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, related = _save_args(form)
        try:
            actions.update_initiative(request.user, initiative, data, **related)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The initiative was saved."))
            return redirect(initiative)
    return _form_page(request, form, initiative)


def _detail_again(request, initiative, **forms):
    return render(request, "initiatives/detail.html", _detail_context(request, initiative, **forms))


def _done(request, initiative, message, anchor):
    messages.success(request, message)
    return redirect(initiative.get_absolute_url() + anchor)


@login_required
@require_POST
def link_event(request, slug):
    initiative = _get(request, slug)
    rules.can_edit_initiative(request.user, initiative).enforce()
    form = LinkEventForm(
        request.POST, events=queries.linkable_events(request.municipality, initiative)
    )
    if form.is_valid():
        try:
            actions.link_event(request.user, initiative, form.cleaned_data["event"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _done(request, initiative, _("The event was linked."), "#events")
    return _detail_again(request, initiative, event_form=form)


@login_required
@require_POST
def unlink_event(request, slug, event_pk):
    initiative = _get(request, slug)
    event = next((e for e in initiative.events.all() if e.pk == event_pk), None)
    if event is None:
        raise Http404
    actions.unlink_event(request.user, initiative, event)
    return _done(request, initiative, _("The event was removed from the initiative."), "#events")


@login_required
@require_POST
def link_assignment(request, slug):
    initiative = _get(request, slug)
    rules.can_edit_initiative(request.user, initiative).enforce()
    form = LinkAssignmentForm(
        request.POST, assignments=queries.linkable_assignments(request.municipality, initiative)
    )
    if form.is_valid():
        try:
            actions.link_assignment(request.user, initiative, form.cleaned_data["assignment"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _done(request, initiative, _("The assignment was linked."), "#assignments")
    return _detail_again(request, initiative, assignment_form=form)


@login_required
@require_POST
def unlink_assignment(request, slug, assignment_pk):
    initiative = _get(request, slug)
    assignment = next((a for a in initiative.assignments.all() if a.pk == assignment_pk), None)
    if assignment is None:
        raise Http404
    actions.unlink_assignment(request.user, initiative, assignment)
    return _done(
        request, initiative, _("The assignment was removed from the initiative."), "#assignments"
    )


@login_required
@require_POST
def add_resource(request, slug):
    initiative = _get(request, slug)
    rules.can_edit_initiative(request.user, initiative).enforce()
    form = ResourceForm(request.POST)
    if form.is_valid():
        try:
            actions.add_resource(request.user, initiative, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _done(request, initiative, _("The resource was added."), "#resources")
    return _detail_again(request, initiative, resource_form=form)


@login_required
@require_POST
def add_reach(request, slug):
    initiative = _get(request, slug)
    rules.can_edit_initiative(request.user, initiative).enforce()
    form = ReachForm(request.POST)
    if form.is_valid():
        try:
            actions.add_reach(request.user, initiative, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _done(request, initiative, _("The number was added."), "#reach")
    return _detail_again(request, initiative, reach_form=form)


@login_required
@require_POST
def post_update(request, slug):
    initiative = _get(request, slug)
    rules.can_post_update(request.user, initiative).enforce()
    form = UpdateForm(
        request.POST, organisations=rules.update_organisations(request.user, initiative)
    )
    if form.is_valid():
        try:
            actions.post_update(
                request.user,
                initiative,
                form.cleaned_data["text"],
                organisation=form.cleaned_data.get("organisation"),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _done(request, initiative, _("The update was posted."), "#updates")
    return _detail_again(request, initiative, update_form=form)


@login_required
def history(request, slug):
    initiative = _get(request, slug)
    if not rules.can_edit_initiative(request.user, initiative):
        raise NotAllowed(_("Only staff of the initiative's units see its history."))
    return render(
        request,
        "initiatives/history.html",
        {"initiative": initiative, "records": queries.initiative_history(initiative)},
    )


# --- conference and council -----------------------------------------------------------------


@public_page(*PUBLIC_TOPICS)
def conference(request):
    year = parse_year(request.GET.get("year"), name="year")
    found = queries.current_conference(request.municipality, year)
    if found is None and year is not None:
        raise Http404
    signup_url = None
    if found is not None:
        occurrence = next(iter(found.event.occurrences.all()), None)
        if occurrence is not None:
            signup_url = _optional_url("activities:sign_up", found.event.pk, occurrence.pk)
    return render(
        request,
        "initiatives/conference.html",
        {
            "conference": found,
            "years": queries.conference_years(request.municipality),
            "signup_url": signup_url,
            "can_manage": found is not None and rules.can_manage_conference(request.user, found),
            "can_create": bool(rules.can_manage_conference(request.user)),
        },
    )


@public_page(*PUBLIC_TOPICS)
def council(request):
    found = queries.council_of(request.municipality)
    coming, held = queries.split_meetings(found.meetings.all()) if found else ([], [])
    return render(
        request,
        "initiatives/council.html",
        {
            "council": found,
            "coming": coming,
            "held": held,
            "today": timezone.localdate(),
            "can_manage": rules.can_manage_council(request.user, found),
        },
    )
