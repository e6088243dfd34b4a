"""Reads shared by every app: the municipality a request is for, and its units and pages."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import AgeGroup, AgeGroupChoice, Area, FeedToken, InfoPage, Municipality
from .plugins import SearchGroup, SearchHit
from .prepared import Joined, Prepared, sample_int
from .register import register
from .search import matching

MUNICIPALITY_CACHE_KEY = "core:municipality:{number}"
HOSTS_CACHE_KEY = "core:municipality:hosts"
MUNICIPALITY_CACHE_SECONDS = 300


def _default_key() -> str:
    return MUNICIPALITY_CACHE_KEY.format(number=settings.DUGNAD_MUNICIPALITY_NUMBER)


def _load() -> tuple[dict[str, Municipality], Municipality]:
    """The served municipalities by host name, and the default one: one query, then cached."""
    number = settings.DUGNAD_MUNICIPALITY_NUMBER
    served = list(Municipality.objects.filter(Q(number=number) | ~Q(hostname="")))
    hosts = {m.hostname: m for m in served if m.hostname}
    default = next((m for m in served if m.number == number), None)
    if default is None:
        entry = register().get(number)
        default, _ = Municipality.objects.get_or_create(
            number=number,
            defaults={"name": entry.name, "county": entry.county} if entry else {"name": number},
        )
    cache.set_many({HOSTS_CACHE_KEY: hosts, _default_key(): default}, MUNICIPALITY_CACHE_SECONDS)
    return hosts, default


def current_municipality() -> Municipality:
    """The deployment's default municipality (MUNICIPALITY_NUMBER, Ås 3218 by default).

    Inside a request, use `request.municipality` (set by core.middleware.MunicipalityMiddleware
    from the host name) and pass it on. This is for what runs outside a request and serves the
    deployment's own municipality: the middleware's fallback, the demo loader, management
    commands and the benchmark.
    """
    municipality = cache.get(_default_key())
    return municipality if municipality is not None else _load()[1]


# The host map kept in this process as well, for MUNICIPALITY_MEMO_SECONDS: every request asks
# for it (the page cache's key holds the municipality), and a cache round trip per request is a
# fifth of what a cached page costs. A change reaches this process at once (the save signal) and
# other workers within those seconds. Off (0) in tests, whose databases start over per test.
_memo: dict = {}


def municipality_for_host(host: str) -> Municipality:
    """The municipality served at `host` (Municipality.hostname), else the default one.

    No query on a warm cache: the map of host names (a handful of rows) and the default
    municipality are cached together (in this process briefly, and in the shared cache), and
    forgotten when a municipality is saved or deleted.
    """
    key, now = _default_key(), time.monotonic()
    memo = _memo.get(key)
    if memo is not None and memo[0] > now:
        hosts, default = memo[1], memo[2]
    else:
        found = cache.get_many([HOSTS_CACHE_KEY, key])
        hosts, default = found.get(HOSTS_CACHE_KEY), found.get(key)
        if hosts is None or default is None:
            hosts, default = _load()
        if settings.MUNICIPALITY_MEMO_SECONDS:
            _memo[key] = (now + settings.MUNICIPALITY_MEMO_SECONDS, hosts, default)
    return hosts.get(host.lower(), default)


def forget_municipality(*args, **kwargs) -> None:
    """Drop the cached municipalities (connected to Municipality's save and delete signals)."""
    _memo.clear()
    cache.delete_many([_default_key(), HOSTS_CACHE_KEY])


# A municipality's parts as the filter forms list them (every calendar page, feed and API list
# reads them), from a query compiled once per process.
_AREA = Joined(Area)
_AREAS = Prepared(
    lambda municipality_id: (
        Area.objects.filter(municipality_id=municipality_id)
        .order_by("name")
        .values_list(*_AREA.fields())
    ),
    sample_int(1),
)


def age_groups() -> list[AgeGroup]:
    """Every age group, in its order, with no query.

    AgeGroupChoice is the one authority for the groups: the table holds exactly its codes in its
    order (seeded by migration core 0002, edited by no page or admin, checked by
    tests/core/test_age_groups.py) and exists for the many-to-many filters. So the rows are made
    from the choices, as the database would return them, where every calendar page, directory
    page and filtered feed used to read the table."""
    codes = AgeGroupChoice.values
    return [_stored_age_group(position, code) for position, code in enumerate(codes)]


def _stored_age_group(position: int, code: str) -> AgeGroup:
    group = AgeGroup(code=code, position=position)
    group._state.adding, group._state.db = False, "default"
    return group


def areas_of(municipality) -> list[Area]:
    """The municipality's parts, by name."""
    return [_AREA.build(row) for row in _AREAS(municipality.pk)]


def all_pages(municipality):
    """The municipality's information pages, drafts included (for their editors)."""
    return InfoPage.objects.in_municipality(municipality)


def published_pages(municipality):
    return InfoPage.objects.in_municipality(municipality).filter(published=True)


def home_pages(municipality, limit: int = 6) -> list[InfoPage]:
    """The first published pages, for the home page's cards: a title, a link and a summary,
    without the bodies (which can be long) the card does not show."""
    return list(published_pages(municipality).only("slug", "title", "summary")[:limit])


def site_search(municipality, text: str, limit: int):
    """The municipality's published information pages matching `text` (title, summary, body)."""
    found = matching(published_pages(municipality), ("title", "summary", "body"), text)
    hits = tuple(
        SearchHit(page.title, reverse("core:page_detail", args=[page.slug]), page.summary)
        for page in found.only("slug", "title", "summary")[:limit]
    )
    return SearchGroup(_("Information pages"), hits, reverse("core:page_list"))


def feed_tokens_of(user):
    """The calendar feed links `user` owns (revoked ones too, so that revoking twice is a no-op)."""
    return FeedToken.objects.filter(owner=user)


def demo_mailbox(limit: int = 50):
    """The newest emails the demo sent (core.mail.DemoMailboxBackend)."""
    from .models import SentEmail

    return SentEmail.objects.all()[:limit]
