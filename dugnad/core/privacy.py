"""A person's data: one export, one erasure, one access log, across every app.

The protocol
------------
An app that holds personal data names a module in its AppConfig
(`personal_data = "dugnad.<app>.privacy"`). That module provides:

`export(user) -> dict`
    Everything the app holds about the account and the people it signed up (children, family
    members), as JSON-serialisable data (dates may be `date`/`datetime`; the kernel's encoder
    writes them as ISO 8601) with human-readable keys. An empty dict means "nothing here".

`erase(user) -> list[Kept]`
    Deletes or anonymises the person's data in that app and returns what was kept and why (a
    grant decision kept with the person removed, because of the archive law; a paid booking,
    because of the accounting law). It runs inside the kernel's transaction; it must not delete
    the user row itself.

`PERSONAL_DATA_LABEL` (optional)
    The heading of the app's part on the readable page; defaults to the app's verbose name.

`LABELS` (optional)
    {key: translated label} for the keys of the export, shown on the readable page; a key
    without a label is shown made readable ("first_name" -> "First name").

The kernel's `export_person(user)` and `erase_person(user)` iterate the apps and never name one.
After the apps, `erase_person` deletes the account row if nothing refers to it with PROTECT,
and otherwise anonymises it (random placeholder email, names cleared, unusable password,
inactive), and says which in the result.

The access log
--------------
Apps declare which of their views show personal data, by URL name, with a function that tells
whose data the view showed: `personal_data_views = {"app:view": "dugnad.app.privacy.fn"}`. The
function takes `(request, **view_kwargs)` and returns a `Shown` (or None when the view showed
nothing personal to this viewer). `PersonalDataAccessMiddleware` calls it after a successful
response of a declared view and writes one `PersonalDataAccess` row per person shown. A view
does not log by itself: the declaration is the one place.

A page that names many people (a queue, an overview) would cost its queries twice if the
function ran them again. Such a view notes the people it put on the page with
`note_people_shown(request, people)` (an iterable, read only after the response is rendered, so
a queryset the template evaluated costs nothing more), and its function reads them with
`people_shown(request)`.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import ProtectedError, Q, TextField
from django.db.models.functions import Cast
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .plugins import dugnad_apps, personal_data_modules


@dataclass(frozen=True)
class Kept:
    """Something erasure kept: what it is, and the reason (usually a law)."""

    what: str
    why: str

    def as_dict(self) -> dict:
        return {"what": str(self.what), "why": str(self.why)}


@dataclass
class ErasureResult:
    kept: list[Kept] = field(default_factory=list)
    # "deleted": the account row is gone; "anonymised": the row stays without the person in it.
    account: str = "deleted"


@dataclass(frozen=True)
class Subject:
    """Whose data a view showed: an account, or a description of a person without one.

    The description names the record ("sign-up 12"), never the person: the access log is kept
    for good, and must not keep a child's name after the sign-up is anonymised.
    """

    user: object | None = None
    description: str = ""


@dataclass(frozen=True)
class Shown:
    """What a view showed (without names of people) and whose data it was."""

    what: str
    subjects: Iterable[Subject] = ()


# --- Export ---------------------------------------------------------------------------------


def export_person(user) -> list[dict]:
    """Every app's part of the person's data: [{"app", "label", "data"}], apps in order."""
    parts = []
    for config, module in personal_data_modules():
        data = module.export(user)
        label = getattr(module, "PERSONAL_DATA_LABEL", config.verbose_name)
        labels = getattr(module, "LABELS", {})
        parts.append({"app": config.label, "label": str(label), "labels": labels, "data": data})
    return parts


def export_json(user) -> str:
    parts = export_person(user)
    document = {
        "exported_at": timezone.now(),
        "account": user.email,
        "parts": {part["app"]: part["data"] for part in parts},
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


# --- Erasure --------------------------------------------------------------------------------


def erase_person(user) -> ErasureResult:
    """Delete or anonymise everything about the person in every app, then the account.

    One transaction: a failure in any app leaves everything as it was.
    """

    result = ErasureResult()
    email, full_name = user.email, user.get_full_name().strip()
    with transaction.atomic():
        for _config, module in personal_data_modules():
            result.kept.extend(module.erase(user))
        forget_in_activity_log(texts=[email, full_name])
        forget_in_activity_log(targets=[user])
        result.kept.extend(_kept_in_access_log(user))
        result.account = _delete_or_anonymise(user)
    return result


def _kept_in_access_log(user) -> list[Kept]:
    from .models import PersonalDataAccess

    kept = []
    if PersonalDataAccess.objects.filter(person=user).exists():
        kept.append(
            Kept(
                _("The record of who looked at your data, without your name"),
                _(
                    "The municipality must be able to show who has had access to personal "
                    "data; the record names the account number only."
                ),
            )
        )
    if PersonalDataAccess.objects.filter(viewer=user).exists():
        kept.append(
            Kept(
                _("That you looked at other people's data, with your name"),
                _("The people whose data you saw keep the right to know who saw it."),
            )
        )
    return kept


class _DryRun(Exception):
    pass


def preview_erasure(user) -> ErasureResult:
    """What `erase_person` would keep, found by running it and rolling everything back.

    Apps defer what a transaction cannot undo (files, email) to `on_commit`, which a rollback
    discards, so the preview changes nothing.
    """
    preview = ErasureResult()
    try:
        with transaction.atomic():
            result = erase_person(user)
            preview.kept, preview.account = result.kept, result.account
            raise _DryRun
    except _DryRun:
        pass
    user.refresh_from_db()
    return preview


def _delete_or_anonymise(user) -> str:
    user_model = get_user_model()
    pk = user.pk
    try:
        with transaction.atomic():
            user_model.objects.filter(pk=pk).delete()
    except ProtectedError:
        # Something kept for the law (a booking, an access log entry) refers to the account:
        # the row stays, with nothing of the person left in it.
        user_model.objects.filter(pk=pk).update(
            email=f"deleted-{secrets.token_hex(12)}@invalid",
            first_name="",
            last_name="",
            phone="",
            password="!" + secrets.token_urlsafe(30),  # "!" prefix: an unusable password
            is_active=False,
            is_staff=False,
            is_superuser=False,
        )
        return "anonymised"
    return "deleted"


def forget_in_activity_log(*, texts: Iterable[str] = (), targets: Iterable = ()) -> int:
    """Blank the text of activity-log entries that name the person or target their rows.

    Who acted and when stays; the names go. `targets` are model instances or a queryset.
    """
    from django.contrib.contenttypes.models import ContentType

    from .models import ActivityLog

    condition = Q()
    for text in {t for t in texts if t and len(t) >= 3}:
        condition |= Q(target_repr__icontains=text) | Q(reason__icontains=text)
        condition |= Q(data_text__icontains=text)
    by_type: dict = {}
    for obj in targets:
        by_type.setdefault(obj._meta.model, []).append(str(obj.pk))
    for model, ids in by_type.items():
        condition |= Q(target_type=ContentType.objects.get_for_model(model), target_id__in=ids)
    if not condition:
        return 0
    entries = ActivityLog.objects.annotate(data_text=Cast("data", TextField())).filter(condition)
    return ActivityLog.objects.filter(pk__in=entries.values("pk")).update(
        target_repr="", reason="", data={}
    )


def end_sessions(user) -> None:
    """Log the person out everywhere, where sessions live in the database."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        # Cache or cookie sessions end on the next request: the account's password hash is
        # gone, so the session no longer authenticates.
        return
    from django.contrib.sessions.models import Session

    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


# --- Access log -----------------------------------------------------------------------------


@cache
def personal_data_views() -> dict[str, str]:
    """URL name -> dotted path of the function that says whose data the view showed."""
    declared: dict[str, str] = {}
    for config in dugnad_apps():
        declared.update(config.personal_data_views)
    return declared


def note_people_shown(request, people: Iterable) -> None:
    """Note on the request which accounts the view's page named, for its access-log function.

    `people` is iterated after the template ran: a generator over querysets the template
    evaluated reads their cached rows.
    """
    request.dugnad_people_shown = people


def people_shown(request) -> set:
    """The accounts the view noted with `note_people_shown` (none when it noted nothing)."""
    return {person for person in getattr(request, "dugnad_people_shown", ()) if person is not None}


def log_access(viewer, view_name: str, shown: Shown) -> int:
    """One append-only entry per person shown; a person's look at their own data is not."""
    from .models import PersonalDataAccess

    seen: set = set()
    rows = []
    viewer_label = str(viewer)[:200]
    for subject in shown.subjects:
        user = subject.user
        if user is not None and user.pk == viewer.pk:
            continue
        key = (user.pk if user is not None else None, subject.description)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            PersonalDataAccess(
                viewer=viewer,
                viewer_label=viewer_label,
                person=user,
                description=subject.description[:200],
                view_name=view_name,
                what=str(shown.what)[:255],
            )
        )
    PersonalDataAccess.objects.bulk_create(rows)
    return len(rows)


def accesses_of(user, limit: int = 200, app: str | None = None) -> models.QuerySet:
    """Who looked at the person's data (in one app's views, if given), newest first."""
    from .models import PersonalDataAccess

    entries = PersonalDataAccess.objects.filter(person=user)
    if app:
        entries = entries.filter(view_name__startswith=f"{app}:")
    return entries.order_by("-at", "-id")[:limit]


class PersonalDataAccessMiddleware:
    """Logs every successful response of a view declared in an app's `personal_data_views`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            200 <= response.status_code < 300
            and user is not None
            and user.is_authenticated
            and personal_data_views()
        ):
            self._log(request, user)
        return response

    def _log(self, request, user) -> None:
        match = getattr(request, "resolver_match", None)
        if match is None:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return
        path = personal_data_views().get(match.view_name)
        if path is None:
            return
        shown = import_string(path)(request, *match.args, **match.kwargs)
        if shown is not None:
            log_access(user, match.view_name, shown)


# --- The readable page ----------------------------------------------------------------------


def label_for(key: str, labels: dict | None = None) -> str:
    """A data key as a heading: the app's label for it (`LABELS` in its privacy module), else
    the key itself made readable ("Allergier" from a sign-up question stays as it is)."""
    if labels and key in labels:
        return str(labels[key])
    return key.replace("_", " ").capitalize()


def _scalar(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def as_html(value, labels: dict | None = None) -> str:
    """Exported data as nested definition lists and lists, every value escaped once."""
    if isinstance(value, dict):
        if not value:
            return format_html('<p class="ds-paragraph">{}</p>', gettext("Nothing."))
        rows = format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            ((label_for(k, labels), as_html(v, labels)) for k, v in value.items()),
        )
        return format_html('<dl class="facts">{}</dl>', rows)
    if isinstance(value, list | tuple):
        if not value:
            return "–"
        if all(not isinstance(item, dict | list | tuple) for item in value):
            return conditional_escape(", ".join(_scalar(item) for item in value))
        items = format_html_join("", "<li>{}</li>", ((as_html(item, labels),) for item in value))
        return format_html('<ul class="card-list">{}</ul>', items)
    return conditional_escape(_scalar(value))


def summary(parts: list[dict]) -> list[dict]:
    """Per app: its label and the kinds of data it holds, with how many of each."""
    result = []
    for part in parts:
        kinds = []
        for key, value in (part["data"] or {}).items():
            if value in (None, "", [], {}):
                continue
            count = len(value) if isinstance(value, list) else None
            kinds.append({"label": label_for(key, part.get("labels")), "count": count})
        if kinds:
            result.append({"label": part["label"], "kinds": kinds})
    return result
