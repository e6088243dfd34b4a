"""Rate limits on posting and commenting, counted in the Django cache (Redis in production,
as the login limits are), per person and per kind of write, in a fixed window."""

from django.conf import settings
from django.core.cache import cache

from dugnad.core.errors import DomainError

# (how many, per how many seconds); settings may override each.
DEFAULTS = {"idea": (5, 3600), "comment": (20, 3600)}


def check_rate(kind: str, user, message) -> None:
    """Count one write of `kind` by `user`; raise DomainError("rate_limited") past the limit.

    `cache.add` starts the window (it sets only when the key is missing, so the window's end
    never moves); `incr` is atomic on every backend we use."""
    limit, seconds = getattr(settings, "PARTICIPATION_RATE_LIMITS", {}).get(kind, DEFAULTS[kind])
    key = f"participation:rate:{kind}:{user.pk}"
    if cache.add(key, 1, seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window
            cache.add(key, 1, seconds)
            count = 1
    if count > limit:
        raise DomainError(message, code="rate_limited")
