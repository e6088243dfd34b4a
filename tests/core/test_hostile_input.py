"""No address a person can type gives a 5xx.

Every URL pattern (read from the URL resolver) and every API operation (read from the published
OpenAPI document) is requested with hostile parameters: extreme dates and weeks, huge and
negative numbers, wrong types and invalid UTF-8, as an anonymous visitor and as a logged-in
site administrator (who reaches every staff page). Path converters are filled with ids that
exist in the Ås demo data (found by following the site's own links, so that pairs such as an
event and its occurrence belong together) and with ids beyond the database's integer range.

New URLs and API operations are covered without touching this file.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

from dugnad.accounts.models import User
from dugnad.core.plugins import demo_loaders

HUGE = [str(2**63), str(2**64)]
HOSTILE_VALUES = [
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "0001-W01",
    "9999-W52",
    "2024-W99",
    *HUGE,
    "-1",
    "0",
    "abc",
    "",
]
# Percent-encoded bytes that are not UTF-8: sent raw in the query string.
INVALID_UTF8 = "%ff%fe"

# Query parameters the site's pages read (a page's own parameters are also found by watching
# which keys it reads, see RecordingQueryDict); these are sent to every page.
KNOWN_PARAMETERS = [
    "page",
    "start",
    "end",
    "uke",
    "week",
    "month",
    "date",
    "year",
    "aar",
    "limit",
    "offset",
    "rows",
]
# Values a period selector takes, so that the period's own parameter is read.
SELECTORS = {"view": ["week", "month"]}

# Django's admin is Django's own and for superusers only: walked with ids, not every value.
ADMIN_PREFIX = "admin/"
# The language switch and logout change the client's state for the following requests.
SKIPPED_ROUTES = {"sprak/", "i18n/setlang/", "konto/logout/"}


class RecordingQueryDict:
    """Records which query keys a page reads, through a test-only middleware."""

    keys: set[str] = set()


def recording_middleware(get_response):
    from django.http import QueryDict

    class Recording(QueryDict):
        def __getitem__(self, key):
            RecordingQueryDict.keys.add(key)
            return super().__getitem__(key)

        def get(self, key, default=None):
            RecordingQueryDict.keys.add(key)
            return super().get(key, default)

        def getlist(self, key, default=None):
            RecordingQueryDict.keys.add(key)
            return super().getlist(key, default)

        def __contains__(self, key):
            RecordingQueryDict.keys.add(key)
            return super().__contains__(key)

    def middleware(request):
        request.GET = Recording(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
        return get_response(request)

    return middleware


# --- the URL patterns ----------------------------------------------------------------------


class Route:
    """One URL pattern: its route with placeholders, and the kinds of its parameters."""

    def __init__(self, parts: list):
        self.parts = parts  # strings and (name, kind) pairs
        self.template = "".join(p if isinstance(p, str) else f"<{p[1]}:{p[0]}>" for p in parts)

    @property
    def parameters(self) -> list[tuple[str, str]]:
        return [p for p in self.parts if not isinstance(p, str)]

    def build(self, values: dict[str, str]) -> str:
        return "/" + "".join(p if isinstance(p, str) else values[p[0]] for p in self.parts)


_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _pattern_parts(pattern) -> list:
    text = str(pattern)
    if isinstance(pattern, RoutePattern):
        parts, position = [], 0
        for match in _ROUTE_PARAMETER.finditer(text):
            parts.append(text[position : match.start()])
            parts.append((match["name"], match["converter"] or "str"))
            position = match.end()
        parts.append(text[position:])
        return parts
    assert isinstance(pattern, RegexPattern)
    text = text.removeprefix("^").removesuffix("$").replace("\\.", ".")
    parts, position = [], 0
    for match in _REGEX_GROUP.finditer(text):
        parts.append(text[position : match.start()])
        parts.append((match["name"], "regex"))
        position = match.end()
    parts.append(text[position:])
    return parts


def all_routes(resolver=None, prefix=None) -> list[Route]:
    resolver = resolver or get_resolver()
    prefix = prefix or []
    routes = []
    for entry in resolver.url_patterns:
        parts = prefix + _pattern_parts(entry.pattern)
        if isinstance(entry, URLResolver):
            routes.extend(all_routes(entry, parts))
        elif isinstance(entry, URLPattern):
            routes.append(Route(parts))
    return routes


def _matches(route: Route, url: str) -> bool:
    """Whether `url` reaches `route` (and not a neighbouring pattern)."""
    try:
        return _template_of(resolve(urlsplit(url).path)) == route.template
    except Resolver404:
        return False


# --- the data ------------------------------------------------------------------------------


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "action") and value and value.startswith("/"):
                self.links.append(value)


def _path_values_from_links(client, routes) -> dict[str, list[dict[str, str]]]:
    """Real path parameters per route, taken from the links on pages that need none."""
    found: dict[str, list[dict[str, str]]] = defaultdict(list)
    by_route = {route.template: route for route in routes if route.parameters}
    pages = [route.build({}) for route in routes if not route.parameters]
    seen_pages: set[str] = set()
    for depth in range(2):
        next_pages = []
        for url in pages:
            if url in seen_pages or url.startswith("/" + ADMIN_PREFIX):
                continue
            seen_pages.add(url)
            response = client.get(url)
            if "html" not in response.get("Content-Type", ""):
                continue
            parser = LinkParser()
            parser.feed(response.content.decode(errors="replace"))
            for link in parser.links:
                path = urlsplit(link).path
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
                route = by_route.get(_template_of(match))
                if route is None:
                    continue
                values = {name: str(match.kwargs.get(name, "")) for name, _ in route.parameters}
                if values not in found[route.template] and len(found[route.template]) < 2:
                    found[route.template].append(values)
                    if depth == 0:
                        next_pages.append(path)
        pages = next_pages
    return found


def _template_of(match) -> str:
    route = match.route.replace("\\.", ".").replace("^", "").replace("$", "")
    return _ROUTE_PARAMETER.sub(
        lambda m: f"<{m['converter'] or 'str'}:{m['name']}>",
        _REGEX_GROUP.sub(lambda m: f"<regex:{m['name']}>", route),
    )


def _path_variants(route: Route, real: list[dict[str, str]]) -> list[dict[str, str]]:
    """Real ids, ids beyond the database range, and nonsense for text parameters."""
    variants = list(real)
    kinds = {name: kind for name, kind in route.parameters}
    for huge in HUGE:
        variants.append({n: huge if k == "int" else "1" for n, k in kinds.items()})
    if any(k != "int" for k in kinds.values()):
        variants.append({n: "1" if k == "int" else INVALID_UTF8 for n, k in kinds.items()})
        variants.append({n: "1" if k == "int" else quote("x" * 100) for n, k in kinds.items()})
    return variants


# Rows kept per table of the demo: every kind of object is there, and pages stay quick.
ROWS_KEPT = 6


def _trim_demo():
    from django.apps import apps
    from django.core.exceptions import PermissionDenied
    from django.db.models import ProtectedError, RestrictedError

    from dugnad.core.plugins import dugnad_apps

    for config in dugnad_apps():
        for model in apps.get_app_config(config.label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            extra = model.objects.order_by("pk").values_list("pk", flat=True)[ROWS_KEPT:]
            try:
                model.objects.filter(pk__in=list(extra)).delete()
            except (ProtectedError, RestrictedError, PermissionDenied):
                # Rows others protect, and append-only logs (core.PersonalDataAccess), stay.
                continue


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The Ås demo, cut down, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        for _label, load in demo_loaders():
            load(StringIO())
        _trim_demo()
        yield User.objects.get(email="admin@demo.example")
        transaction.set_rollback(True)


@pytest.fixture
def walker(demo, db, settings):
    settings.MIDDLEWARE = [
        f"{__name__}.recording_middleware",
        *settings.MIDDLEWARE,
    ]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(demo)
    return {"anonymous": anonymous, "staff": staff}


# Alone in each parameter a page reads: the values that have broken pages before.
SINGLE_VALUES = ["0001-W01", "9999-12-31", HUGE[1]]


def _all_at_once(keys) -> list[str]:
    """Each hostile value in every parameter at once."""
    strings = [urlencode(dict.fromkeys(keys, value)) for value in HOSTILE_VALUES]
    strings.append("&".join(f"{key}={INVALID_UTF8}" for key in keys))
    return strings


def _one_at_a_time(keys) -> list[str]:
    strings = []
    for key in keys:
        for value in SINGLE_VALUES:
            strings.append(urlencode({key: value}))
            for choice in SELECTORS.get(key, []):
                strings.append(urlencode({key: choice, choice: value}))
    return strings


def _walk(client, url, failures, who, *, thorough):
    """GET `url`, then with hostile query strings if it answers 200; record every 5xx."""

    def get(address):
        response = client.get(address)
        if response.status_code >= 500:
            failures.append((who, address, response.status_code))
        return response

    RecordingQueryDict.keys = set()
    if get(url).status_code != 200:
        return
    for query in _all_at_once(sorted(RecordingQueryDict.keys | set(KNOWN_PARAMETERS))):
        get(f"{url}?{query}")
    if not thorough:
        return
    # The keys read once every parameter was there: forms read theirs only when bound.
    for query in _one_at_a_time(sorted(RecordingQueryDict.keys)):
        get(f"{url}?{query}")


def test_no_page_answers_5xx_to_hostile_parameters(walker):
    routes = [r for r in all_routes() if r.template not in SKIPPED_ROUTES]
    routes = [r for r in routes if not r.template.startswith("api/v1/")]
    real = _path_values_from_links(walker["staff"], routes)
    failures = []
    for who, client in walker.items():
        for route in routes:
            if not route.parameters:
                variants = [{}]
            elif route.template.startswith(ADMIN_PREFIX):
                variants = [
                    {name: value for name, _ in route.parameters}
                    for value in (HUGE[1], INVALID_UTF8)
                ]
            else:
                variants = _path_variants(route, real.get(route.template, [])[:1])
            for values in variants:
                url = route.build(values)
                if not _matches(route, url):
                    continue
                if route.template.startswith(ADMIN_PREFIX):
                    # Django's admin, for superusers only: its object pages with ids that are
                    # none (its list pages are Django's own and read no dates), as staff.
                    if who == "staff" and values and client.get(url).status_code >= 500:
                        failures.append((who, url, 500))
                    continue
                # Each parameter alone as staff, who reach the most pages.
                _walk(client, url, failures, who, thorough=who == "staff")
    assert not failures, "\n".join(f"{who} {url} -> {status}" for who, url, status in failures)


# --- the API -------------------------------------------------------------------------------

HOSTILE_BODIES = [
    "",
    "{}",
    "[]",
    "null",
    "{not json",
    '{"room_id": 9223372036854775808, "start": "0001-01-01T00:00", "end": "9999-12-31T23:59"}',
    '{"room_id": -1, "start": "abc", "end": "", "title": "", "attendees": 18446744073709551616}',
    '{"email": "", "password": ""}',
    '{"reason": 0}',
]


def test_no_api_operation_answers_5xx_to_hostile_parameters(walker):
    document = walker["anonymous"].get("/api/v1/openapi.json").json()
    existing = {
        "organisation_id": "1",
        "event_id": "1",
        "room_id": "1",
        "booking_id": "1",
    }
    failures = []
    for who, client in walker.items():
        for path, item in document["paths"].items():
            for method, operation in item.items():
                names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
                queries = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
                paths = [
                    path.format(**{n: existing.get(n, "1") for n in names}),
                    *(path.format(**dict.fromkeys(names, v)) for v in [*HUGE, "-1", "abc"]),
                ]
                for address in dict.fromkeys(paths):
                    for query in (
                        [""]
                        + [
                            urlencode({name: value})
                            for name in queries
                            for value in [*HOSTILE_VALUES, "2024-01-01T00:00"]
                        ]
                        + [f"{name}={INVALID_UTF8}" for name in queries]
                    ):
                        url = f"{address}?{query}" if query else address
                        if method == "get":
                            responses = [client.get(url)]
                        else:
                            responses = [
                                client.generic(
                                    method.upper(), url, body, content_type="application/json"
                                )
                                for body in HOSTILE_BODIES
                            ]
                        for response in responses:
                            if response.status_code >= 500:
                                failures.append((who, method, url, response.status_code))
                            elif response.status_code >= 400:
                                body = response.json()
                                assert {"detail", "code"} <= set(body), (url, body)
    assert not failures, "\n".join(" ".join(map(str, failure)) for failure in failures)
