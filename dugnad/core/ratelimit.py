"""A per-client budget of expensive requests, kept in the shared cache.

`spend(scope, request, limit, window)` counts one request of `scope` against the client's budget
of `limit` per `window` seconds (a fixed window: simple, one cache round trip, two for a window's
first request, and the same on Redis and locmem). The client is `core.clients.client_ip`, which
a client cannot choose. It answers None while the budget lasts and otherwise the seconds until
the window ends, for a `Retry-After` header; `too_many(seconds)` is that answer.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .clients import client_ip


def spend(scope: str, request, limit: int, window: int) -> int | None:
    """None if `request`'s client may make one more `scope` request, else seconds to wait."""
    if limit <= 0 or window <= 0:
        return None
    now = time.time()
    start = int(now // window) * window
    key = f"ratelimit:{scope}:{client_ip(request) or 'unknown'}:{start}"
    # incr() is atomic on both backends and, once the window's counter exists, the only round
    # trip; add() creates the counter with the window's lifetime, once per client and window.
    try:
        count = cache.incr(key)
    except ValueError:  # the window's first request, unless another one created it just now
        count = 1 if cache.add(key, 1, timeout=window + 1) else cache.incr(key)
    if count <= limit:
        return None
    return max(1, int(start + window - now + 0.999))


def too_many(retry_after: int) -> HttpResponse:
    """429 with `Retry-After` and a message that says what to do."""
    answer = HttpResponse(
        _(
            "Too many requests for pages that are not ready yet came from your address. "
            "Wait %(seconds)s seconds and try again."
        )
        % {"seconds": retry_after},
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    answer["Retry-After"] = str(retry_after)
    answer["Cache-Control"] = "no-store"
    return answer
