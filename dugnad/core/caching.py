"""A shared cache of public pages for anonymous visitors.

The directory, the calendar, an event's page, the feeds and the home page are the same for
every anonymous visitor who reads them in the same language. `@public_page(topics...)` renders
such a page once and serves it from the cache (Redis in production, see settings.CACHES) until
the data behind it changes, or PUBLIC_PAGE_CACHE_SECONDS pass for what depends on the clock
(sign-up opening, "coming" events).

**Invalidation is by version**, not by deleting keys: each topic (a part of the data:
"activities", "signups", "organisations", "premises", "core", or a narrow one such as one
building's bookings) has a version number in the cache. A page is stored with the versions of
the topics it reads and is fresh only while they are unchanged. Saving or deleting a model of a
topic raises the topic's version after the transaction commits, so every worker sees the change
at once. A model can name narrower topics per row (`narrow_topics`): a booking changes its own
building's availability, not every building's. Bulk writes (`QuerySet.update`, `bulk_create`)
send no signals; code that uses them on public data calls `public_data_changed(topic)`.

**Some data is read row by row** (`per_row=`): places left change with every sign-up, and the
calendar, the event page and the API show them for a handful of dates each. Such a page does
not read the whole family's topic ("signups"); while it renders, it says which rows it shows
(`shows("signups", date_ids)`), and its stored copy is fresh while those rows' topics
("signups:<date id>") are unchanged. A write raises the row's topic and the family's
(`row_topics`). The family's version is the guard: read before the render and again after it,
a change between the two means a row may have changed after it was read, and that copy is not
stored. A page that shows more than PER_ROW_LIMIT rows is fresh while the family is unchanged.

**The key cannot be bypassed cheaply.** It is built from the municipality, the language, the
path and only the query parameters the view declares it reads (`params=`), stripped, without
empty values and in a fixed order; the view is given exactly those parameters, so what it shows
is always what the key says. `?x=<random>` is the same page. A session cookie whose session
holds no user, messages or anything else is anonymous too (a bot's empty `sessionid` hits).

**A miss is rendered once** (single flight): the first request takes a short lock
(`cache.add`, on Redis and locmem alike) and renders; concurrent requests for the same key get
the previous copy if there is one ("stale") or wait up to RENDER_WAIT_SECONDS for the new one.
Misses are the expensive part, so each client has a budget of them
(PUBLIC_PAGE_MISS_LIMIT per minute, `core.ratelimit`); past it a client gets the stale copy or
429 with `Retry-After`. Hits are never limited.

A hit is one round trip to the cache (the topics' versions and the page in one `get_many`); a
miss adds the lock, the budget (one `incr`), the store and the unlock.

**Large pages are kept in the worker too.** Fetching and unpickling the full calendar feed
(380 KB) on every hit cost a hit as much as serving it. A page whose body is at least
PUBLIC_PAGE_LOCAL_MIN_BYTES is also kept in this process (PUBLIC_PAGE_LOCAL_BYTES at most in
all, the least recently used dropped first). A hit on such a page asks the cache for the
topics' versions alone; the local copy is served when it was stored under those same versions
and is still fresh, exactly the test the shared copy passes, so a change reaches it as soon as
it reaches the shared one.

Every stored page carries an `ETag` (a digest of its body) and a `Last-Modified` (when it was
rendered), and a conditional request that matches gets 304.

Anything personal bypasses the cache: a session holding a user, messages or other state, a
message cookie, an Authorization header, a method other than GET/HEAD. A page that used
`{% csrf_token %}` or wrote into the session is never stored (the token is per visitor); the
language switcher is a GET form for that reason.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

from . import ratelimit

CORE_TOPIC = "core"
# Which models belong to which topic is declared by each app (`core.plugins`): its
# `public_cache`, `model_topics` and `private_models`.
PERSONAL_COOKIES = ("messages",)
# Session keys that say nothing about the visitor's page: such a session is anonymous.
ANONYMOUS_SESSION_KEYS = frozenset({"_csrftoken"})
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
CACHE_STATUS_HEADER = "X-Dugnad-Cache"
# How long a render may hold the lock, and how long others wait for it before rendering too.
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 2.0
RENDER_POLL_SECONDS = 0.02
MISS_SCOPE = "public-miss"
# A stored page: (versions stamp, stored at, status, headers, body, ETag, rows shown), the last
# being (row topics, their versions) for a page with `per_row` families, else ().
ENTRY_FIELDS = 7
# A page showing more rows than this is fresh while their whole family is unchanged: checking
# hundreds of versions on every hit would cost more than the misses it saves.
PER_ROW_LIMIT = 200
MISS_WINDOW_SECONDS = 60

_INSTANCE_TOPICS: dict[type, Callable] = {}


def topic_of(model) -> str | None:
    from .plugins import topic_of as declared_topic

    return declared_topic(model)


def narrow_topics(model, topics_of: Callable) -> None:
    """Saving or deleting a `model` row changes `topics_of(row)` (an iterable of topic names)
    rather than the model's whole topic. Register it in the app's `AppConfig.ready()`."""
    _INSTANCE_TOPICS[model] = topics_of


def _version_key(topic: str) -> str:
    return f"public-topic:{topic}"


def row_topic(family: str, key) -> str:
    """The topic of one row of a family read row by row: "signups:12", date 12's sign-ups."""
    return f"{family}:{key}"


def row_topics(family: str, key) -> list[str]:
    """What a write to one row of `family` changes: the row's topic and the family's (the
    guard of pages being rendered, and the topic of pages that show too many rows)."""
    return [family, row_topic(family, key)]


_shown_rows: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "dugnad_public_page_rows", default=None
)


def shows(family: str, keys: Iterable) -> None:
    """Say that the public page being rendered shows `family`'s data of these rows (the places
    left of these dates). Outside a `per_row` page's render it does nothing."""
    shown = _shown_rows.get()
    if shown is not None:
        shown.update(row_topic(family, key) for key in keys)


def versions(topics) -> list[int]:
    keys = [_version_key(topic) for topic in topics]
    return _versions_from(keys, cache.get_many(keys))


def _versions_and_entry(topics, key: str):
    """The versions of `topics` and the page stored under `key`, in one round trip to the
    cache (a hit costs that one call; a miss starts with it)."""
    keys = [_version_key(topic) for topic in topics]
    found = cache.get_many([*keys, key])
    entry = found.pop(key, None)
    return _versions_from(keys, found), entry


def _versions_from(keys: list[str], found: dict) -> list[int]:
    if missing := [key for key in keys if key not in found]:
        # A lost version (evicted, new cache) must not bring back pages stored under an
        # earlier one, so it restarts from the clock rather than from 0. Another process may
        # have set it meanwhile: theirs is kept, and read back.
        found = {**found, **_add_all({key: time.time_ns() for key in missing})}
    return [found.get(key) for key in keys]


def _add_all(values: dict) -> dict:
    """`cache.add` of each key, then its value (ours, or the one another process set first):
    in one round trip on Redis, since a page's first render may meet dozens of row topics
    never written yet."""
    client = getattr(cache, "client", None)
    if hasattr(client, "get_client"):  # django-redis: SET NX and GET of each, one pipeline
        pipeline = client.get_client(write=True).pipeline()
        for key, value in values.items():
            client.set(key, value, timeout=None, nx=True, client=pipeline)
            pipeline.get(client.make_key(key))
        answers = pipeline.execute()[1::2]
        return {
            key: client.decode(answer)
            for key, answer in zip(values, answers, strict=True)
            if answer is not None
        }
    for key, value in values.items():
        cache.add(key, value, timeout=None)
    return cache.get_many(list(values))


def _bump(topic: str) -> None:
    key = _version_key(topic)
    try:
        cache.incr(key)
    except ValueError:  # not there yet: any fresh value differs from what pages were keyed on
        cache.set(key, time.time_ns(), timeout=None)


def forget_public_pages() -> None:
    """Every cached public page misses from now on (after a deploy that changed templates).
    Sessions, kept in the same cache, are left alone. Every page reads the core topic, so
    this reaches the narrow per-row topics too."""
    from .plugins import all_cache_topics

    for topic in sorted(all_cache_topics() | {CORE_TOPIC}):
        _bump(topic)


def public_data_changed(*topics: str) -> None:
    """Empty the public pages of `topics` once the current transaction commits."""
    for topic in set(topics):
        transaction.on_commit(functools.partial(_bump, topic))


def _on_change(sender, instance=None, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded
        return
    narrow = _INSTANCE_TOPICS.get(sender)
    if narrow is not None and instance is not None:
        public_data_changed(*narrow(instance))
    elif (topic := topic_of(sender)) is not None:
        public_data_changed(topic)


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _on_change(type(instance), instance)


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="public-page-save")
    post_delete.connect(_on_change, dispatch_uid="public-page-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="public-page-m2m")


def _is_personal(request) -> bool:
    if (
        request.method not in ("GET", "HEAD")
        or "HTTP_AUTHORIZATION" in request.META
        or any(name in request.COOKIES for name in PERSONAL_COOKIES)
    ):
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    # A session cookie alone says nothing: a crawler that keeps cookies, or a visitor whose
    # session expired, has one. What is in it decides (the user, pending messages, a form's
    # state). Reading it is one cache or database lookup, far less than a render.
    session = getattr(request, "session", None)
    if session is None:
        return True
    return not set(session.keys()) <= ANONYMOUS_SESSION_KEYS


def normalised_query(request, params: Iterable[str]) -> QueryDict:
    """The declared `params` of `request`'s query: stripped, empty values left out, each
    parameter's values in order, the parameters by name. Everything else is dropped."""
    query = QueryDict(mutable=True)
    for name in sorted(set(params)):
        values = sorted(v.strip() for v in request.GET.getlist(name) if v.strip())
        if values:
            query.setlist(name, values)
    query._mutable = False
    return query


def _address(request, params) -> str:
    if params is None:
        # A view that does not declare what it reads is keyed on everything it could read;
        # the miss budget is what stops a bypass there.
        return request.get_full_path()
    request.GET = normalised_query(request, params)
    query = request.GET.urlencode()
    # get_full_path() (the login link's `next`) must show the same address as the key.
    request.META["QUERY_STRING"] = query
    return request.path + ("?" + query if query else "")


def _page_key(request, address: str) -> str:
    digest = hashlib.sha256(address.encode()).hexdigest()
    # One deployment serves several municipalities at their own host names: the same path
    # shows each one's own data.
    number = request.municipality.number
    return f"public-page:{number}:{get_language()}:{digest}"


def _cacheable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        # The page used {% csrf_token %}: it holds this visitor's token, so it is theirs alone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class _LocalPages:
    """The large stored pages this process served last, by key, up to a total of body bytes."""

    def __init__(self):
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def keep(self, key: str, entry) -> None:
        size, limit = len(entry[4]), settings.PUBLIC_PAGE_LOCAL_BYTES
        if size < settings.PUBLIC_PAGE_LOCAL_MIN_BYTES or size > limit:
            return
        with self._lock:
            if (old := self._entries.pop(key, None)) is not None:
                self._bytes -= len(old[4])
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > limit:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped[4])

    def forget(self, key: str) -> None:
        with self._lock:
            if (old := self._entries.pop(key, None)) is not None:
                self._bytes -= len(old[4])

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


local_pages = _LocalPages()


def _fresh(entry, stamp: str, known: dict | None = None) -> bool:
    return (
        # An entry of another shape was stored by another version of this code (a deploy).
        isinstance(entry, tuple)
        and len(entry) == ENTRY_FIELDS
        and entry[0] == stamp
        and time.time() - entry[1] < settings.PUBLIC_PAGE_CACHE_SECONDS
        and _rows_fresh(entry[6], known or {})
    )


def _rows_fresh(rows, known: dict) -> bool:
    """Whether the rows a stored page showed are unchanged (see `shows`). Their versions come
    from `known` (read with the page, when this process had seen its rows before), else from
    one more round trip."""
    if not rows:
        return True
    topics, stored = rows
    if all(topic in known for topic in topics):
        return [known[topic] for topic in topics] == list(stored)
    return versions(topics) == list(stored)


class _SeenRows:
    """The row topics of the pages this process served last, by key, at most `limit`: a hit
    asks for their versions in the same round trip as the page's, not in a second one."""

    def __init__(self, limit: int):
        self.limit, self._topics, self._lock = limit, OrderedDict(), threading.Lock()

    def get(self, key: str) -> tuple:
        with self._lock:
            return self._topics.get(key, ())

    def keep(self, key: str, entry) -> None:
        topics = entry[6][0] if entry[6] else ()
        with self._lock:
            if not topics:
                self._topics.pop(key, None)
                return
            self._topics[key] = topics
            self._topics.move_to_end(key)
            while len(self._topics) > self.limit:
                self._topics.popitem(last=False)


# About 40 dates a page; a topic's name is some 20 bytes: a few megabytes at most.
seen_rows = _SeenRows(limit=2000)


def _stamp(found) -> str:
    return ".".join(str(v) for v in found)


def _serve(request, entry, label: str) -> HttpResponse:
    _versions, stored_at, status, headers, content, etag, _rows = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["ETag"] = etag
    response["Last-Modified"] = http_date(int(stored_at))
    response[CACHE_STATUS_HEADER] = label
    return get_conditional_response(
        request, etag=etag, last_modified=int(stored_at), response=response
    )


def _miss_budget(request, miss_limit) -> int | None:
    # PUBLIC_PAGE_MISS_LIMIT = 0 turns every budget off, a view's own `miss_limit` too (the
    # benchmark's clients all come from one address).
    if settings.PUBLIC_PAGE_MISS_LIMIT <= 0:
        return None
    limit = settings.PUBLIC_PAGE_MISS_LIMIT if miss_limit is None else miss_limit
    return ratelimit.spend(MISS_SCOPE, request, limit, MISS_WINDOW_SECONDS)


def _wait_for(key: str, lock: str, stamp: str):
    """The page another request is rendering, once it is stored; None if it does not come."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        found = cache.get_many([key, lock])
        if _fresh(found.get(key), stamp):
            return found[key]
        if lock not in found:  # done, but not stored (an error page, a personal answer)
            return None
    return None


def _render(view, request, args, kwargs, key: str, stamp: str, guards=(), guard=()):
    """Render, store and serve a miss. `guards` are the page's `per_row` families and `guard`
    their versions before the render."""
    shown = set()
    token = _shown_rows.set(shown) if guards else None
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
    finally:
        if token is not None:
            _shown_rows.reset(token)
    if not _cacheable(request, response):
        return response
    rows, store = (), True
    if guards:
        shown_topics = sorted(shown) if len(shown) <= PER_ROW_LIMIT else list(guards)
        now = versions([*shown_topics, *guards])
        # A family that moved during the render may have changed a row after it was read.
        store = now[len(shown_topics) :] == list(guard)
        rows = (tuple(shown_topics), tuple(now[: len(shown_topics)])) if shown_topics else ()
    headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
    etag = '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
    entry = (stamp, time.time(), response.status_code, headers, response.content, etag, rows)
    if store:
        # Kept past its freshness so that it can stand in while the next copy is rendered.
        cache.set(key, entry, 2 * settings.PUBLIC_PAGE_CACHE_SECONDS)
        local_pages.keep(key, entry)
        seen_rows.keep(key, entry)
    return _serve(request, entry, "miss")


def _lookup(read, guards, key: str):
    """(stamp, guard, entry, fresh) for the page under `key`: the stamp of the `read` topics'
    current versions, those of the `guards` families, the stored copy and whether it is fresh.
    The local copy is tried first (the versions alone in one small round trip), else the shared
    one (the versions and the page in one round trip, or a second when a local copy was out of
    date). A copy that showed rows of a family needs their versions too: they are asked for in
    the same round trip when this process has seen the page's rows (`seen_rows`), else in one
    more (`_rows_fresh`)."""
    rows = seen_rows.get(key)
    asked = [*read, *guards, *rows]
    local = local_pages.get(key)
    if local is not None:
        found = versions(asked)
        stamp, guard, known = _split(found, read, guards, rows)
        if _fresh(local, stamp, known):
            return stamp, guard, local, True
        local_pages.forget(key)
        entry = cache.get(key)
    else:
        found, entry = _versions_and_entry(asked, key)
        stamp, guard, known = _split(found, read, guards, rows)
    if not (isinstance(entry, tuple) and len(entry) == ENTRY_FIELDS):
        return stamp, guard, None, False  # absent, or stored by another version of this code
    fresh = _fresh(entry, stamp, known)
    if fresh:
        local_pages.keep(key, entry)
        seen_rows.keep(key, entry)
    return stamp, guard, entry, fresh


def _split(found: list, read, guards, rows) -> tuple:
    """The versions read for `_lookup` as (stamp of `read`, versions of `guards`, {row topic:
    version})."""
    first, second = len(read), len(read) + len(guards)
    return _stamp(found[:first]), found[first:second], dict(zip(rows, found[second:], strict=True))


def public_page(
    *topics: str,
    params: Iterable[str] | None = None,
    topics_from: Callable | None = None,
    miss_limit: int | None = None,
    per_row: Iterable[str] = (),
):
    """Cache the decorated view's answer for anonymous visitors; see the module's docstring.

    `topics` name the data the page shows besides "core" (which every page shows: the
    municipality and the navigation). `params` names the query parameters the view reads; the
    view sees only those. `topics_from(request, *args, **kwargs)` adds topics that depend on
    the address (one building's bookings). `miss_limit` overrides PUBLIC_PAGE_MISS_LIMIT, the
    misses per minute one client may cause while budgets are on (PUBLIC_PAGE_MISS_LIMIT > 0).
    `per_row` names the families the page reads row by row (`shows`), not as whole topics.
    """
    topics = tuple(sorted({CORE_TOPIC, *topics}))
    guards = tuple(sorted(set(per_row)))
    params = None if params is None else tuple(params)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not settings.PUBLIC_PAGE_CACHE_SECONDS or _is_personal(request):
                return view(request, *args, **kwargs)
            address = _address(request, params)
            read = topics
            if topics_from is not None:
                read = (*topics, *sorted(set(topics_from(request, *args, **kwargs))))
            key = _page_key(request, address)
            stamp, guard, entry, fresh = _lookup(read, guards, key)
            if fresh:
                return _serve(request, entry, "hit")
            lock = key + ":render"
            if not cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS):
                # Someone is rendering this page now: their copy, or the one before it.
                if entry is not None:
                    return _serve(request, entry, "stale")
                entry = _wait_for(key, lock, stamp)
                if entry is not None:
                    return _serve(request, entry, "hit")
                lock = None
            try:
                retry_after = _miss_budget(request, miss_limit)
                if retry_after is not None:
                    if entry is not None:
                        return _serve(request, entry, "stale")
                    return ratelimit.too_many(retry_after)
                return _render(view, request, args, kwargs, key, stamp, guards, guard)
            finally:
                if lock is not None:
                    cache.delete(lock)

        return wrapped

    return decorator
