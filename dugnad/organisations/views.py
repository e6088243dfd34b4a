"""The directory's pages: thin, they call queries and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.plugins import organisation_sections, organisation_topics
from dugnad.core.privacy import note_people_shown
from dugnad.core.uploads import serve_file

from . import actions, queries
from . import rules as org_rules
from .forms import (
    HandOverForm,
    InviteForm,
    MergeForm,
    ProfileForm,
    RegistrationForm,
    ReviewForm,
    RoleForm,
)
from .models import Organisation


def organisation_jsonld(request, organisation, activities: list[str]) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }
    optional = {
        "description": organisation.purpose,
        "email": organisation.email,
        "telephone": organisation.phone,
        "taxID": organisation.org_number,
        "foundingDate": organisation.founded_on.isoformat() if organisation.founded_on else None,
    }
    data.update({key: value for key, value in optional.items() if value})
    same_as = [
        u
        for u in (organisation.website, organisation.facebook_url, organisation.instagram_url)
        if u
    ]
    if same_as:
        data["sameAs"] = same_as
    if organisation.postal_address or organisation.postal_town:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": organisation.postal_address,
            "postalCode": organisation.postal_code,
            "addressLocality": organisation.postal_town,
            "addressCountry": "NO",
        }
    if organisation.logo:
        data["logo"] = request.build_absolute_uri(
            reverse("organisations:logo", args=[organisation.slug])
        )
    if activities:
        data["knowsAbout"] = activities
    return data


def _options(pairs, selected) -> str:
    """A select's <option>s, marked `selected` where `selected(value)`: the directory's filter
    lists (some sixty options) written in one pass rather than a template loop per option, and
    without format_html's parse of the same format string for each."""
    return mark_safe(  # noqa: S308 - every value and label is escaped here
        "".join(
            f'<option value="{conditional_escape(value)}"'
            f"{' selected' if selected(value) else ''}>{conditional_escape(label)}</option>"
            for value, label in pairs
        )
    )


@public_page("organisations", params=queries.DIRECTORY_PARAMS)
def directory(request):
    municipality = request.municipality
    choices = queries.filter_choices(municipality)
    filters = queries.parse_filters(request.GET, municipality, choices)
    page_obj = queries.directory_page(
        municipality, filters, request.GET.get("page"), choices["areas"]
    )
    return render(
        request,
        "organisations/list.html",
        {
            "filters": filters,
            "choices": choices,
            "category_options": _options(
                choices["categories"], lambda value: value == filters.category
            ),
            "area_options": _options(
                ((area["slug"], area["name"]) for area in choices["areas"]),
                lambda slug: slug == filters.area,
            ),
            "activity_options": _options(
                ((activity["slug"], activity["name"]) for activity in choices["activities"]),
                lambda slug: slug in filters.activities,
            ),
            "page_obj": page_obj,
            "organisations": page_obj.object_list,
            "can_review": org_rules.can_review(request.user),
        },
    )


def _get_visible(request, slug):
    organisation = queries.organisation_detail(slug, request.municipality)
    if organisation is None:
        raise Http404
    verdict = org_rules.can_view(request.user, organisation)
    if not verdict and organisation.status != Organisation.Status.MERGED:
        raise Http404
    return organisation


@public_page("organisations", *organisation_topics(), params=())
def detail(request, slug):
    organisation = queries.organisation_page(slug, request.municipality)
    if organisation is None:
        raise Http404
    merged = organisation.status == Organisation.Status.MERGED
    if not merged and not org_rules.can_view(request.user, organisation):
        raise Http404
    if merged and organisation.merged_into:
        return redirect(organisation.merged_into, permanent=True)
    # What other apps show of the organisation (its events, its assignments) is for the public
    # only once it is approved.
    public = organisation.status == Organisation.Status.APPROVED
    lists = queries.organisation_lists(organisation)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "lists": lists,
            "jsonld_dict": organisation_jsonld(request, organisation, lists.activities),
            "can_edit": org_rules.can_edit(request.user, organisation),
            "can_manage_roles": org_rules.can_manage_roles(request.user, organisation),
            "can_review": org_rules.can_review(request.user, organisation),
            "sections": organisation_sections(organisation) if public else [],
        },
    )


def logo(request, slug):
    organisation = _get_visible(request, slug)
    return serve_file(organisation.logo, cache="public")


@login_required
def register(request):
    municipality = request.municipality
    org_rules.can_register(request.user).enforce()
    form = RegistrationForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            organisation = actions.register_organisation(
                request.user,
                municipality,
                activity_types=data.pop("activity_types"),
                age_groups=data.pop("age_groups"),
                **data,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Thank you! The organisation is registered and waits for the "
                    "municipality's approval."
                ),
            )
            return redirect(organisation)
    return render(request, "organisations/register.html", {"form": form})


@login_required
def edit(request, slug):
    organisation = _get_visible(request, slug)
    org_rules.can_edit(request.user, organisation).enforce()
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=organisation,
        municipality=organisation.municipality,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            actions.update_profile(
                request.user,
                organisation,
                data,
                activity_types=data.pop("activity_types"),
                age_groups=data.pop("age_groups"),
                logo=data.pop("logo", None),
                remove_logo=data.pop("remove_logo", False),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(organisation)
    return render(
        request,
        "organisations/edit.html",
        {
            "form": form,
            "organisation": organisation,
            "history": queries.history_of(organisation),
        },
    )


def _roles_context(request, organisation, **forms):
    roles = list(queries.roles_of(organisation))
    for role in roles:
        role.form = forms.pop(f"role_{role.pk}", None) or RoleForm(
            prefix=f"role-{role.pk}",
            initial={"role": role.role, "title": role.title, "show_publicly": role.show_publicly},
        )
    return {
        "organisation": organisation,
        "roles": roles,
        "invitations": queries.open_invitations(organisation),
        "invite_form": forms.get("invite_form") or InviteForm(prefix="invite"),
        "handover_form": forms.get("handover_form")
        or HandOverForm(prefix="handover", organisation=organisation, current_user=request.user),
    }


@login_required
def roles(request, slug):
    organisation = _get_visible(request, slug)
    org_rules.can_manage_roles(request.user, organisation).enforce()
    forms, status = {}, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "invite":
                form = forms["invite_form"] = InviteForm(request.POST, prefix="invite")
                if form.is_valid():
                    try:
                        actions.invite(request.user, organisation, **form.cleaned_data)
                    except DomainError as exc:
                        add_domain_error(form, exc)
                    else:
                        messages.success(request, _("The invitation is sent."))
                        return redirect("organisations:roles", slug=organisation.slug)
            elif action == "handover":
                form = forms["handover_form"] = HandOverForm(
                    request.POST, prefix="handover", organisation=organisation,
                    current_user=request.user,
                )  # fmt: skip
                if form.is_valid():
                    try:
                        actions.hand_over_leadership(
                            request.user, organisation, **form.cleaned_data
                        )
                    except DomainError as exc:
                        add_domain_error(form, exc)
                    else:
                        messages.success(request, _("The leadership is handed over."))
                        return redirect(organisation)
            elif action in ("change", "remove"):
                role = get_object_or_404(
                    queries.roles_of(organisation), pk=request.POST.get("role_id")
                )
                if action == "remove":
                    actions.remove_role(request.user, role)
                    messages.success(request, _("The role is removed."))
                    return redirect("organisations:roles", slug=organisation.slug)
                form = forms[f"role_{role.pk}"] = RoleForm(request.POST, prefix=f"role-{role.pk}")
                if form.is_valid():
                    try:
                        actions.change_role(
                            request.user, role, new_role=form.cleaned_data["role"],
                            title=form.cleaned_data["title"],
                            show_publicly=form.cleaned_data["show_publicly"],
                        )  # fmt: skip
                    except DomainError as exc:
                        add_domain_error(form, exc)
                    else:
                        messages.success(request, _("The role is saved."))
                        return redirect("organisations:roles", slug=organisation.slug)
            elif action == "cancel":
                invitation = get_object_or_404(
                    queries.invitations_of(organisation), pk=request.POST.get("invitation_id")
                )
                actions.cancel_invitation(request.user, invitation)
                messages.success(request, _("The invitation is withdrawn."))
                return redirect("organisations:roles", slug=organisation.slug)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        status = 400
    return render(
        request,
        "organisations/roles.html",
        _roles_context(request, organisation, **forms),
        status=status,
    )


def invitation(request, token):
    found = queries.invitation_by_token(token)
    if found is None:
        raise Http404
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/konto/login/?next={request.path}")
        try:
            role = actions.accept_invitation(request.user, token)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _("Welcome! You are now %(role)s in %(name)s.")
                % {"role": role.get_role_display().lower(), "name": role.organisation.name},
            )
            return redirect(role.organisation)
    return render(request, "organisations/invitation.html", {"invitation": found})


@login_required
def review_queue(request):
    municipality = request.municipality
    org_rules.can_review(request.user).enforce()
    pending = queries.review_queue(municipality)
    note_people_shown(request, (role.user for org in pending for role in org.leaders))
    return render(
        request,
        "organisations/review_queue.html",
        {"pending": pending, "reviewed": queries.recently_reviewed(municipality)},
    )


@login_required
def review(request, slug):
    organisation = queries.organisation_detail(slug, request.municipality)
    if organisation is None:
        raise Http404
    org_rules.can_review(request.user, organisation).enforce()
    targets = queries.merge_targets(organisation.municipality, organisation)
    review_form = ReviewForm(prefix="review")
    merge_form = MergeForm(prefix="merge", targets=targets)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "merge":
                merge_form = MergeForm(request.POST, prefix="merge", targets=targets)
                if merge_form.is_valid():
                    actions.merge(
                        request.user, organisation, into=merge_form.cleaned_data["into"],
                        reason=merge_form.cleaned_data["reason"],
                    )  # fmt: skip
                    messages.success(request, _("The organisations are merged."))
                    return redirect("organisations:review")
            else:
                review_form = ReviewForm(request.POST, prefix="review")
                if review_form.is_valid():
                    decide = (
                        actions.approve
                        if review_form.cleaned_data["decision"] == "approve"
                        else actions.hide
                    )
                    decide(request.user, organisation, reason=review_form.cleaned_data["reason"])
                    messages.success(request, _("The decision is saved."))
                    return redirect("organisations:review")
        except DomainError as exc:
            target = merge_form if request.POST.get("action") == "merge" else review_form
            add_domain_error(target, exc)
        status = 400
    return render(
        request,
        "organisations/review.html",
        {"organisation": organisation, "review_form": review_form, "merge_form": merge_form},
        status=status,
    )
