from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dugnad.core import privacy
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.plugins import my_page_sections, work_queue

from . import actions
from .forms import TokenForm
from .queries import dashboard_for, key_figures_this_year, tokens_of, volunteer_contacts
from .roles import is_volunteer_coordinator

STAFF_START_PAGE = "/arbeid/"


def _staff_start_page() -> str | None:
    """The staff start page's address, once the app that serves it is installed."""
    try:
        resolve(STAFF_START_PAGE)
    except Resolver404:
        return None
    return STAFF_START_PAGE


@login_required
def dashboard(request):
    context = dashboard_for(request.user)
    context["sections"] = my_page_sections(request.user)
    # The review queues (organisations and events) are the volunteer coordinator's work.
    context["can_review"] = is_volunteer_coordinator(request.user)
    context["work_url"] = _staff_start_page() if context.get("unit_roles") else None
    return render(request, "accounts/dashboard.html", context)


@login_required
def work(request):
    """A staff member's start page: what waits for them in every app, with counts, and the
    year's key figures."""
    queues = work_queue(request.user, request.municipality)
    is_staff = request.access.is_staff_member
    return render(
        request,
        "accounts/work.html",
        {
            "queues": queues,
            "waiting": sum(item.count for _config, items in queues for item in items),
            "figures": key_figures_this_year(request.municipality) if is_staff else [],
            "year": timezone.localdate().year,
        },
    )


def contacts(request):
    return render(
        request, "accounts/contacts.html", {"units": volunteer_contacts(request.municipality)}
    )


def _tokens_page(request, form, new_token=None, raw_key=""):
    return render(
        request,
        "accounts/tokens.html",
        {
            "tokens": tokens_of(request.user),
            "form": form,
            "new_token": new_token,
            "raw_key": raw_key,
        },
    )


@login_required
def tokens(request):
    return _tokens_page(request, TokenForm())


@never_cache
@login_required
@require_POST
@reauthentication_required
def token_create(request):
    """Make a named token and show its key, once (never_cache: no cache keeps a copy).

    A token outlives the session, so allauth asks for the password (or two-factor code) again
    unless it was given in the last few minutes: a borrowed session must not become 90 days."""
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = actions.create_token(request.user, form.cleaned_data["name"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _tokens_page(request, TokenForm(), new_token=token, raw_key=raw)
    return _tokens_page(request, form)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(tokens_of(request.user), pk=pk)
    actions.revoke_token(request.user, token)
    label = token.name or f"{token.prefix}…"
    messages.success(request, _("The token %(name)s is revoked.") % {"name": label})
    return redirect("accounts:tokens")


@login_required
def my_data(request):
    """Everything the platform holds about the person, across every app, as a readable page."""
    parts = privacy.export_person(request.user)
    for part in parts:
        part["html"] = privacy.as_html(part["data"], part["labels"])
    return render(request, "accounts/my_data.html", {"parts": parts})


@login_required
def my_data_json(request):
    response = HttpResponse(
        privacy.export_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def data_access(request):
    """Who has looked at the person's data (the access log), newest first."""
    return render(
        request, "accounts/data_access.html", {"entries": privacy.accesses_of(request.user)}
    )


@login_required
def delete_account(request):
    """A confirmation page that says what goes and what stays, then the erasure itself."""
    user = request.user
    error = None
    if request.method == "POST":
        if request.POST.get("confirm") == "yes":
            email = user.email
            result = privacy.erase_person(user)
            logout(request)
            return render(request, "accounts/deleted.html", {"result": result, "email": email})
        error = _("Tick the box to confirm that your account shall be deleted.")
    return render(
        request,
        "accounts/delete_account.html",
        {
            "summary": privacy.summary(privacy.export_person(user)),
            "preview": privacy.preview_erasure(user),
            "error": error,
        },
        status=400 if error else 200,
    )
