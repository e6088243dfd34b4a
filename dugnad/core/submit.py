"""Double submit is harmless: every form that writes is sent once.

The one mechanism, for every app:

1. A page renders a form that writes with `{% submit_once %}` next to `{% csrf_token %}` (a
   built-in tag: no `{% load %}` needed). It puts a fresh random token in a hidden field
   (`FIELD`); nothing is stored when the page renders.
2. `SubmitOnceMiddleware` sees a POST that carries a token and runs the view inside one
   transaction that first records the token (`FormSubmission`, unique). The view's action
   runs in that transaction too (its own `atomic()` becomes a savepoint), so the record and
   the work commit together or not at all.
3. When the view succeeds (a redirect, the post/redirect/get every form here follows), the
   redirect's address is kept with the token. A second sending of the same form (a double
   click, a resent request after a slow answer, the same page in a second tab) cannot record
   the token again: on PostgreSQL the second INSERT waits for the first transaction and then
   fails on the unique index; on SQLite the `IMMEDIATE` transaction makes it wait the same
   way. It is answered with a redirect to the first sending's result and a message saying so,
   and the view does not run again.
4. When the view does not succeed (the form comes back with errors, a refusal, a server
   error), the token is released with the rest of the transaction's changes or on its own, so
   the person can correct the form and send it (its re-rendered page carries a new token
   anyway).

A POST without a token (a script, a test client, the API, which has its own rules) runs as
before: the guard is what the site's own forms carry. `tests/core/test_submit_once.py` walks
every template and fails when a form that posts lacks the tag.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django import template
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .models import FormSubmission

FIELD = "submit_once"
# What a token looks like: what `new_token` makes (and a little slack); anything else is
# ignored as if there were no token, rather than answered with an error.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
# How long a sending is remembered: well past any double click or retried request.
KEEP_FOR = dt.timedelta(days=1)

register = template.Library()


def new_token() -> str:
    return secrets.token_urlsafe(24)


@register.simple_tag
def submit_once():
    """The hidden field with a new one-time token for the form it stands in."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


def token_of(request) -> str | None:
    if request.method != "POST":
        return None
    # A body Django cannot read (too big, too many fields) raises here as it would in the
    # view, and is answered the same way (413, 400).
    value = request.POST.get(FIELD, "")
    return value if TOKEN_PATTERN.fullmatch(value or "") else None


def _succeeded(response) -> bool:
    return isinstance(response, HttpResponseRedirect) or response.status_code in (302, 303)


class SubmitOnceMiddleware:
    """Runs a POST that carries a one-time token at most once (see the module's docstring).

    Placed after the authentication and message middleware, so that it knows the person and
    can leave a message; the views' own refusals (`NotAllowed`) are already answers here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = token_of(request)
        if token is None:
            return self.get_response(request)
        user_id = request.user.pk if getattr(request, "user", None) is not None else None
        with transaction.atomic():
            try:
                with transaction.atomic():
                    submission = FormSubmission.objects.create(
                        token=token, user_id=user_id, path=request.path[:500]
                    )
            except IntegrityError:
                return self._already_sent(request, token, user_id)
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
            elif (result := getattr(request, "submitted_result", None)) or _succeeded(response):
                submission.result_url = (result or response["Location"])[:2000]
                submission.save(update_fields=["result_url"])
            else:
                submission.delete()
        return response

    def _already_sent(self, request, token, user_id):
        first = FormSubmission.objects.filter(token=token).first()
        if first is None or first.user_id != user_id or not first.result_url:
            # Another person's token, or the first sending is no more: say so rather than
            # guess. The page the form was on is where the person can try again.
            messages.warning(
                request, _("This form had already been sent. Reload the page to send it again.")
            )
            return HttpResponseRedirect(_back(request))
        messages.info(
            request,
            _("This form had already been sent; here is what it did. Nothing was done twice."),
        )
        return HttpResponseRedirect(first.result_url)


def _back(request) -> str:
    """The page the form was on, when it is on this site; else the form's own address."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.path


def mark_submitted(request, result_url: str) -> None:
    """For a view that writes and answers with a page rather than a redirect (an htmx
    fragment): the address a second sending of the same form is sent to."""
    request.submitted_result = result_url


def forget_old_submissions(now: dt.datetime | None = None) -> int:
    """Delete the record of sendings older than `KEEP_FOR`; returns how many."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _counts = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
