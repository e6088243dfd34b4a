"""A shared cache of public pages for anonymous visitors.

The directory, the calendar, an event's page, the feeds and the home page are the same for
every anonymous visitor who reads them in the same language. `@public_page(topics...)` renders
such a page once and serves it from the cache (Redis in production, see settings.CACHES) until
the data behind it changes, or PUBLIC_PAGE_CACHE_SECONDS pass for what depends on the clock
(sign-up opening, "coming" events).

Invalidation is by version, not by deleting keys: each topic (a part of the data: "activities",
"organisations", "premises", "core") has a version number in the cache, and a page's key holds
the versions of the topics it reads. Saving or deleting a model of a topic raises the topic's
version after the transaction commits, so every worker misses every page of that topic at once.
A page rendered from old data during a change is stored under the old version and never read.
Bulk writes (`QuerySet.update`, `bulk_create`) send no signals; code that uses them on public
data calls `public_data_changed(topic)`.

Anything personal bypasses the cache: a session or message cookie, an Authorization header,
a method other than GET/HEAD. Pages cached here must not use `{% csrf_token %}` for anonymous
visitors (the token is per visitor); the language switcher is a GET form for that reason.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

CORE_TOPIC = "core"
# Which models belong to which topic is declared by each app (`core.plugins`): its
# `public_cache`, `model_topics` and `private_models`.
PERSONAL_COOKIES = ("messages",)
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
CACHE_STATUS_HEADER = "X-Dugnad-Cache"


def topic_of(model) -> str | None:
    from .plugins import topic_of as declared_topic

    return declared_topic(model)


def _version_key(topic: str) -> str:
    return f"public-topic:{topic}"


def versions(topics) -> list[int]:
    keys = [_version_key(topic) for topic in topics]
    found = cache.get_many(keys)
    result = []
    for key in keys:
        if key not in found:
            # A lost version (evicted, new cache) must not bring back pages stored under an
            # earlier one, so it restarts from the clock rather than from 0.
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
        result.append(found[key])
    return result


def _bump(topic: str) -> None:
    key = _version_key(topic)
    try:
        cache.incr(key)
    except ValueError:  # not there yet: any fresh value differs from what pages were keyed on
        cache.set(key, time.time_ns(), timeout=None)


def forget_public_pages() -> None:
    """Every cached public page misses from now on (after a deploy that changed templates).
    Sessions, kept in the same cache, are left alone."""
    from .plugins import all_cache_topics

    for topic in sorted(all_cache_topics() | {CORE_TOPIC}):
        _bump(topic)


def public_data_changed(*topics: str) -> None:
    """Empty the public pages of `topics` once the current transaction commits."""
    for topic in set(topics):
        transaction.on_commit(functools.partial(_bump, topic))


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded
        return
    if (topic := topic_of(sender)) is not None:
        public_data_changed(topic)


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _on_change(type(instance))


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="public-page-save")
    post_delete.connect(_on_change, dispatch_uid="public-page-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="public-page-m2m")


def _is_personal(request) -> bool:
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or any(name in request.COOKIES for name in PERSONAL_COOKIES)
        or "HTTP_AUTHORIZATION" in request.META
    )


def _page_key(request, topics) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    stamp = ".".join(str(v) for v in versions(topics))
    # One deployment serves several municipalities at their own host names: the same path
    # shows each one's own data.
    number = request.municipality.number
    return f"public-page:{number}:{get_language()}:{address}:{stamp}"


def _cacheable(request, response) -> bool:
    return (
        response.status_code == 200
        # The page used {% csrf_token %}: it holds this visitor's token, so it is theirs alone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def public_page(*topics: str):
    """Cache the decorated view's answer for anonymous visitors; see the module's docstring.

    `topics` name the data the page shows besides "core" (which every page shows: the
    municipality and the navigation).
    """
    topics = tuple(sorted({CORE_TOPIC, *topics}))

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if _is_personal(request) or not settings.PUBLIC_PAGE_CACHE_SECONDS:
                return view(request, *args, **kwargs)
            key = _page_key(request, topics)
            stored = cache.get(key)
            if stored is not None:
                status, headers, content = stored
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                response[CACHE_STATUS_HEADER] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _cacheable(request, response):
                headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
                stored = (response.status_code, headers, response.content)
                cache.set(key, stored, settings.PUBLIC_PAGE_CACHE_SECONDS)
                response[CACHE_STATUS_HEADER] = "miss"
            return response

        return wrapped

    return decorator
