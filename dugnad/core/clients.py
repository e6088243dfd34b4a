"""The address of the client that sent a request, which the client cannot choose.

The login policy (accounts.login_policy), the API's throttles and the public pages' rate limit
(core.ratelimit) all key on it, so it lives in the kernel.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error


def _parse_ip(value: str) -> ipaddress._BaseAddress | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(address: ipaddress._BaseAddress | None) -> bool:
    if address is None:
        return False
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The address of the client that sent `request`, which the client cannot choose.

    `REMOTE_ADDR` is the peer of the connection. Only when that peer is one of our own proxies
    (`TRUSTED_PROXIES`) is `X-Forwarded-For` read: each proxy appends the address it saw, so the
    right-most entry that is not one of ours is the client. Entries further left were written by
    the client and are never used.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    nearest = _parse_ip(remote)
    if not _is_trusted(nearest):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _parse_ip(entry)
        if address is None:
            # Our proxies write valid addresses; anything else came from the client, so the
            # nearest address we can vouch for is the proxy that passed it on.
            break
        nearest = address
        if not _is_trusted(address):
            break
    return str(nearest) if nearest is not None else remote
