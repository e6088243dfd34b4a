from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import feed_tokens
from .actions import save_info_page
from .caching import public_page
from .forms import InfoPageForm
from .plugins import home_sections, home_topics, search_topics, site_search
from .queries import all_pages, feed_tokens_of, home_pages, published_pages
from .queries import demo_mailbox as demo_mailbox_rows
from .rules import can_edit_pages
from .text import plain_text


@public_page(*home_topics(), params=())
def home(request):
    municipality = request.municipality
    sections = home_sections(municipality)
    feed_links = [link for _, context in sections for link in context.get("feed_links", ())]
    return render(
        request,
        "core/home.html",
        {
            "pages": home_pages(municipality),
            "can_edit": can_edit_pages(request.user),
            "sections": sections,
            "feed_links": feed_links,
        },
    )


SEARCH_LIMIT = 5
SEARCH_MAX_LENGTH = 100


@public_page(*search_topics(), params=("q",))
def search(request):
    """One search over what every app shows the public, grouped by kind of result."""
    # Control characters (a NUL, which PostgreSQL refuses in text) never reach a query.
    typed = plain_text(request.GET.get("q", ""), multiline=False)
    text = " ".join(typed.split())[:SEARCH_MAX_LENGTH]
    groups = site_search(request.municipality, text, SEARCH_LIMIT) if text else []
    return render(request, "core/search.html", {"q": text, "groups": groups})


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy", with the reason
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
def livez(request):
    """Alive, without touching the database: the process answers. Also the benchmark's floor."""
    return HttpResponse("ok", content_type="text/plain")


def switch_language(request):
    """Choose the interface language and go back to where the visitor was.

    A GET, unlike Django's set_language, so that the switcher needs no CSRF token and the
    public pages that show it can be cached for every visitor. Changing someone's language
    from another site is harmless.
    """
    code = request.GET.get("language", "")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if check_for_language(code) and code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


def accessibility_statement(request):
    return render(request, "core/accessibility.html")


def page_list(request):
    municipality = request.municipality
    return render(
        request,
        "core/page_list.html",
        {"pages": published_pages(municipality), "can_edit": can_edit_pages(request.user)},
    )


def page_detail(request, slug):
    municipality = request.municipality
    page = get_object_or_404(published_pages(municipality), slug=slug)
    return render(
        request, "core/page_detail.html", {"page": page, "can_edit": can_edit_pages(request.user)}
    )


@login_required
def page_edit(request, slug=None):
    municipality = request.municipality
    can_edit_pages(request.user).enforce()
    page = get_object_or_404(all_pages(municipality), slug=slug) if slug else None
    form = InfoPageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        try:
            page = save_info_page(request.user, form, municipality)
        except IntegrityError:
            form.add_error("slug", _("Another page already has this address."))
        else:
            messages.success(request, _("The page is saved."))
            return redirect("core:page_detail", slug=page.slug)
    return render(request, "core/page_form.html", {"form": form, "page": page})


def bad_request(request, exception=None, reason=None):
    """400, or 413 when the request body is over DATA_UPLOAD_MAX_MEMORY_SIZE."""
    from django.core.exceptions import RequestDataTooBig

    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    return render(
        request,
        "core/error.html",
        {"title": _("The address cannot be used"), "status": 400, "reason": reason},
        status=400,
    )


def too_large_message() -> str:
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _("The request is larger than %(megabytes)s MB. Send less data at a time.") % {
        "megabytes": megabytes
    }


def request_too_large(request):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": too_large_message(), "code": "request_too_large"}, status=413
        )
    return render(
        request,
        "core/error.html",
        {"title": _("Too much data"), "status": 413, "reason": too_large_message()},
        status=413,
    )


def not_found(request, exception=None):
    return render(
        request, "core/error.html", {"title": _("Page not found"), "status": 404}, status=404
    )


def forbidden(request, exception=None, reason=None):
    return render(
        request,
        "core/error.html",
        {"title": _("No access"), "status": 403, "reason": reason},
        status=403,
    )


def server_error(request):
    # Standalone template: the database may be what failed, so no context processors run.
    from django.template import loader

    return HttpResponseServerError(loader.get_template("core/500.html").render())


@login_required
@require_POST
def revoke_feed_link(request, pk):
    """Revoke one of the user's calendar feed links, then back to the page that listed it."""
    token = get_object_or_404(feed_tokens_of(request.user), pk=pk)
    feed_tokens.revoke(request.user, token)
    messages.success(request, _("The feed link is revoked. Calendars that used it get no more."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    return HttpResponseRedirect(back)


@never_cache
def demo_mailbox(request):
    """The demo's mailbox: every email the site sent, newest first, with working links. Only in
    demo mode; elsewhere the page does not exist."""
    if not settings.DEMO_MODE:
        raise Http404
    return render(request, "core/demo_mailbox.html", {"emails": demo_mailbox_rows()})
