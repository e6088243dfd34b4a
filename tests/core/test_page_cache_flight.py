"""The page cache's defences, on a bare view: single-flight renders, the miss budget, 304s,
and pages that must never be shared (a CSRF token, a session that was written)."""

import itertools
import threading
import time
from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from dugnad.core import caching, ratelimit
from dugnad.core.caching import CACHE_STATUS_HEADER, public_page

_paths = itertools.count()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    settings.PUBLIC_PAGE_MISS_LIMIT = 0


def unique_path() -> str:
    # The cache outlives a test; each test's pages have addresses of their own.
    return f"/flight-test/{time.time_ns()}-{next(_paths)}/"


def get(path, address="198.51.100.10", **headers):
    request = RequestFactory().get(path, REMOTE_ADDR=address, **headers)
    request.municipality = SimpleNamespace(number="3218")
    return request


def test_concurrent_misses_render_the_page_once():
    renders = []

    @public_page("flight")
    def slow(request):
        renders.append(1)
        time.sleep(0.3)
        return HttpResponse(f"render {len(renders)}")

    path, results = unique_path(), []
    start = threading.Barrier(6)

    def visit():
        start.wait()
        results.append(slow(get(path)))

    threads = [threading.Thread(target=visit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(renders) == 1
    assert {r.status_code for r in results} == {200}
    assert {r.content for r in results} == {b"render 1"}
    assert sorted(r[CACHE_STATUS_HEADER] for r in results) == ["hit"] * 5 + ["miss"]


def test_while_a_changed_page_renders_others_get_the_previous_copy():
    entered, release = threading.Event(), threading.Event()
    version = {"n": 0}

    @public_page("flight-stale")
    def page(request):
        version["n"] += 1
        if version["n"] == 2:
            entered.set()
            release.wait(5)
        return HttpResponse(f"version {version['n']}")

    path = unique_path()
    assert page(get(path)).content == b"version 1"
    caching._bump("flight-stale")
    renderer = threading.Thread(target=lambda: page(get(path)))
    renderer.start()
    assert entered.wait(5)
    meanwhile = page(get(path))
    release.set()
    renderer.join()
    assert meanwhile[CACHE_STATUS_HEADER] == "stale"
    assert meanwhile.content == b"version 1"
    after = page(get(path))
    assert after[CACHE_STATUS_HEADER] == "hit"
    assert after.content == b"version 2"


def test_a_client_past_its_miss_budget_gets_429_with_retry_after_but_still_gets_hits(settings):
    settings.PUBLIC_PAGE_MISS_LIMIT = 3

    @public_page("flight-limit", params=())
    def page(request):
        return HttpResponse(request.path)

    paths = [unique_path() for _ in range(5)]
    address = f"203.0.113.{time.time_ns() % 200 + 1}"
    for path in paths[:3]:
        assert page(get(path, address))[CACHE_STATUS_HEADER] == "miss"
    refused = page(get(paths[3], address))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert f" {refused['Retry-After']} " in refused.content.decode()  # says how long to wait
    # A page already rendered costs nothing: still served.
    assert page(get(paths[0], address))[CACHE_STATUS_HEADER] == "hit"
    # Another client has its own budget.
    assert page(get(paths[3], "192.0.2.77"))[CACHE_STATUS_HEADER] == "miss"


def test_a_views_own_budget_holds_while_budgets_are_on_and_not_when_they_are_off(settings):
    @public_page("flight-own-limit", params=(), miss_limit=1)
    def page(request):
        return HttpResponse(request.path)

    address = f"203.0.113.{time.time_ns() % 200 + 1}"
    settings.PUBLIC_PAGE_MISS_LIMIT = 50
    assert page(get(unique_path(), address))[CACHE_STATUS_HEADER] == "miss"
    assert page(get(unique_path(), address)).status_code == 429  # the view's 1, not the 50
    settings.PUBLIC_PAGE_MISS_LIMIT = 0  # off: the benchmark's setting
    assert all(page(get(unique_path(), address))[CACHE_STATUS_HEADER] == "miss" for _ in range(3))


def test_the_budget_counts_per_scope_and_client():
    request = get("/", address=f"198.51.100.{time.time_ns() % 200 + 1}")
    scope = f"test-{time.time_ns()}"
    assert [ratelimit.spend(scope, request, 2, 60) for _ in range(2)] == [None, None]
    assert ratelimit.spend(scope, request, 2, 60) >= 1
    assert ratelimit.spend(scope + "-other", request, 2, 60) is None
    assert ratelimit.spend(scope, request, 0, 60) is None  # 0: no limit


def test_conditional_requests_get_304():
    @public_page("flight-304", params=())
    def page(request):
        return HttpResponse("BEGIN:VCALENDAR", content_type="text/calendar")

    path = unique_path()
    first = page(get(path))
    etag, modified = first["ETag"], first["Last-Modified"]
    assert page(get(path, HTTP_IF_NONE_MATCH=etag)).status_code == 304
    assert page(get(path, HTTP_IF_MODIFIED_SINCE=modified)).status_code == 304
    assert page(get(path, HTTP_IF_NONE_MATCH='"other"')).status_code == 200
    hit = page(get(path))
    assert hit["ETag"] == etag and hit["Content-Type"] == "text/calendar"


def test_a_page_that_used_a_csrf_token_is_never_shared():
    @public_page("flight-csrf", params=())
    def form_page(request):
        return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")

    path = unique_path()
    first = form_page(get(path))
    second = form_page(get(path))
    assert CACHE_STATUS_HEADER not in first and CACHE_STATUS_HEADER not in second
    assert first.content != second.content


def test_unknown_parameters_are_not_seen_and_known_ones_are_normalised():
    seen = []

    @public_page("flight-params", params=("q", "age"))
    def page(request):
        seen.append(request.GET.urlencode())
        return HttpResponse(request.get_full_path())

    path = unique_path()
    first = page(get(path + "?age=b&q=+fotball+&age=a&x=1"))
    assert seen == ["age=a&age=b&q=fotball"]
    again = page(get(path + "?q=fotball&age=a&age=b&utm_source=z&q="))
    assert again[CACHE_STATUS_HEADER] == "hit"
    assert again.content == first.content
    assert b"x=1" not in first.content


def test_round_trips_to_the_cache_per_hit_and_per_miss(settings, monkeypatch):
    # Every round trip to Redis is paid by every cached answer: a hit is one (the versions
    # and the page together), a miss adds the lock, the budget, the store and the unlock.
    settings.PUBLIC_PAGE_MISS_LIMIT = 100
    calls, depth = [], [0]
    for name in ("get", "get_many", "add", "set", "delete", "incr"):
        original = getattr(caching.cache, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            if not depth[0]:  # locmem's get_many calls its get: one call to Redis
                calls.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(caching.cache, name, counted)

    @public_page("flight")
    def page(request):
        return HttpResponse("page")

    path = unique_path()
    caching.versions(["core", "flight"])  # the topics' versions exist, as on a live site
    ratelimit.spend(caching.MISS_SCOPE, get(path), 100, caching.MISS_WINDOW_SECONDS)
    calls.clear()
    assert page(get(path))[CACHE_STATUS_HEADER] == "miss"
    assert calls == ["get_many", "add", "incr", "set", "delete"]
    calls.clear()
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    assert calls == ["get_many"]


def test_a_large_page_is_served_from_the_workers_copy_until_its_data_changes(settings, cache_reads):
    # The full feed (380 KB) cost a hit as much to fetch from Redis as to send: a large page
    # is kept in the worker, and a hit then asks the cache for the topics' versions alone.
    settings.PUBLIC_PAGE_LOCAL_MIN_BYTES = 1000
    caching.local_pages.clear()
    renders = []

    @public_page("flight-large")
    def page(request):
        renders.append(1)
        return HttpResponse(f"render {len(renders)} ".encode() + b"x" * 2000)

    path = unique_path()
    assert page(get(path))[CACHE_STATUS_HEADER] == "miss"
    fetched = cache_reads()
    hit = page(get(path))
    assert hit[CACHE_STATUS_HEADER] == "hit"
    assert hit.content.startswith(b"render 1 ")
    assert len(fetched) == 1 and all(key.startswith("public-topic:") for key in fetched[0])
    # A conditional request against the worker's copy still gets 304.
    assert page(get(path, HTTP_IF_NONE_MATCH=hit["ETag"])).status_code == 304

    caching._bump("flight-large")  # the data changed: neither copy is fresh any more
    changed = page(get(path))
    assert changed[CACHE_STATUS_HEADER] == "miss"
    assert changed.content.startswith(b"render 2 ")
    assert page(get(path)).content.startswith(b"render 2 ")
    assert len(renders) == 2


def test_the_workers_copies_stay_within_their_budget_and_skip_small_pages(settings):
    settings.PUBLIC_PAGE_LOCAL_MIN_BYTES = 1000
    settings.PUBLIC_PAGE_LOCAL_BYTES = 5000
    caching.local_pages.clear()

    @public_page("flight-budget")
    def page(request):
        size = 100 if "small" in request.path else 2000
        return HttpResponse(b"x" * size)

    small, first, second, third = (unique_path() + name for name in ("small", "a", "b", "c"))
    for path in (small, first, second):
        page(get(path))
    assert caching.local_pages.get(_key(small)) is None  # one round trip either way: not kept
    page(get(first))  # used again: the least recently used is now `second`
    page(get(third))  # 6,000 bytes would pass the budget: `second` goes
    kept = [path for path in (first, second, third) if caching.local_pages.get(_key(path))]
    assert kept == [first, third]


def _key(path):
    request = get(path)
    return caching._page_key(request, caching._address(request, None))
