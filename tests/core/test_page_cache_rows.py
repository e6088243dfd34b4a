"""Pages that read a family of data row by row (`per_row`, `shows`): a change to a row they
show empties them, a change to any other row does not, and a copy rendered while the family
changed is not kept."""

import itertools
import socket
import time
from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from dugnad.core import caching
from dugnad.core.caching import CACHE_STATUS_HEADER, public_page, row_topics, shows

_paths = itertools.count()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    settings.PUBLIC_PAGE_MISS_LIMIT = 0


def unique(name: str) -> str:
    # The cache outlives a test: each test has its own family and addresses.
    return f"{name}-{time.time_ns()}-{next(_paths)}"


def get(path):
    request = RequestFactory().get(path)
    request.municipality = SimpleNamespace(number="3218")
    return request


def changed(family, row):
    for topic in row_topics(family, row):
        caching._bump(topic)


def rows_page(family, rows, during_render=None):
    renders = []

    @public_page("rows-test", params=(), per_row=(family,))
    def page(request):
        renders.append(1)
        shows(family, rows)
        if during_render:
            during_render()
        return HttpResponse(f"render {len(renders)}")

    return page, renders


def assert_a_change_to_row_empties(page, renders, family, row):
    """The page is served from the cache until `row` changes, then rendered again once."""
    path = f"/{unique('rows')}/"
    page(get(path))
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    changed(family, row)
    assert page(get(path))[CACHE_STATUS_HEADER] == "miss"
    assert len(renders) == 2


def test_a_change_to_a_shown_row_empties_the_page_and_one_to_another_row_does_not():
    family = unique("places")
    page, renders = rows_page(family, [1, 2])
    path = f"/{unique('rows')}/"
    assert page(get(path))[CACHE_STATUS_HEADER] == "miss"
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    changed(family, 3)  # a row the page does not show
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    changed(family, 2)
    fresh = page(get(path))
    assert fresh[CACHE_STATUS_HEADER] == "miss"
    assert fresh.content == b"render 2"
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    assert len(renders) == 2


def test_a_copy_rendered_while_its_family_changed_is_not_kept():
    family = unique("places")
    # Another request's write commits after this render read its rows: the copy may hold the
    # row as it was, so it is served but not stored.
    page, renders = rows_page(family, [1], during_render=lambda: changed(family, 1))
    path = f"/{unique('rows')}/"
    assert page(get(path))[CACHE_STATUS_HEADER] == "miss"
    assert page(get(path))[CACHE_STATUS_HEADER] == "miss"
    assert len(renders) == 2


def test_a_page_that_shows_more_rows_than_the_limit_follows_the_whole_family(settings):
    family = unique("places")
    page, _renders = rows_page(family, range(caching.PER_ROW_LIMIT + 1))
    path = f"/{unique('rows')}/"
    page(get(path))
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    changed(family, caching.PER_ROW_LIMIT + 50)  # not shown, but the family moved
    assert page(get(path))[CACHE_STATUS_HEADER] == "miss"


def test_a_page_that_shows_no_rows_is_not_emptied_by_the_family():
    family = unique("places")
    page, _renders = rows_page(family, [])
    path = f"/{unique('rows')}/"
    page(get(path))
    changed(family, 1)
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"


def test_the_workers_copy_of_a_large_page_checks_its_rows_too(settings):
    settings.PUBLIC_PAGE_LOCAL_MIN_BYTES = 10
    caching.local_pages.clear()
    family = unique("places")
    page, renders = rows_page(family, [7])
    assert_a_change_to_row_empties(page, renders, family, 7)


def test_rows_said_outside_a_render_reach_no_page():
    # A feed or a staff page reads the same queries, which say what they show.
    family = unique("places")
    shows(family, [9])
    assert caching._shown_rows.get() is None
    page, renders = rows_page(family, [1])
    path = f"/{unique('rows')}/"
    page(get(path))
    changed(family, 9)
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    assert len(renders) == 1


def _redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_on_redis_new_row_topics_are_created_in_one_pipeline_and_kept_once_set():
    redis_cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "dugnad-test",
        }
    }
    with override_settings(CACHES=redis_cache):
        family = unique("places")
        topics = [caching.row_topic(family, n) for n in range(30)]
        first = caching.versions(topics)
        assert all(isinstance(v, int) for v in first)
        assert caching.versions(topics) == first  # created once: read back, not made again
        caching._bump(topics[4])
        again = caching.versions(topics)
        assert again[4] == first[4] + 1
        assert again[:4] + again[5:] == first[:4] + first[5:]
        page, renders = rows_page(family, [1, 2])
        assert_a_change_to_row_empties(page, renders, family, 1)


def test_a_copy_stored_by_the_previous_version_of_the_code_is_never_fresh():
    family = unique("places")
    page, _renders = rows_page(family, [1])
    path = f"/{unique('rows')}/"
    request = get(path)
    key = caching._page_key(request, caching._address(request, ()))
    stamp = caching._stamp(caching.versions(sorted({"core", "rows-test"})))
    # Six fields, as pages were stored before they kept the rows they showed.
    old = (stamp, time.time(), 200, [], b"old", '"etag"')
    assert not caching._fresh(old, stamp)
    caching.cache.set(key, old, 60)
    served = page(get(path))
    assert (served[CACHE_STATUS_HEADER], served.content) == ("miss", b"render 1")


def test_a_hit_reads_the_rows_versions_with_the_page_in_one_round_trip(cache_reads):
    family = unique("places")
    page, renders = rows_page(family, [1, 2])
    path = f"/{unique('rows')}/"
    page(get(path))
    calls = cache_reads()
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    assert len(calls) == 1
    assert any(key.endswith(caching.row_topic(family, 2)) for key in calls[0])
    # A process that has not seen the page's rows (another worker) asks for them after the page.
    caching.seen_rows._topics.clear()
    calls.clear()
    assert page(get(path))[CACHE_STATUS_HEADER] == "hit"
    assert len(calls) == 2
    changed(family, 2)
    caching.seen_rows._topics.clear()
    assert page(get(path))[CACHE_STATUS_HEADER] == "miss"
    assert len(renders) == 2


def test_the_rows_seen_are_bounded():
    seen = caching._SeenRows(limit=2)
    for n in range(3):
        seen.keep(f"page-{n}", (None,) * 6 + (((f"places:{n}",), (1,)),))
    assert [seen.get(f"page-{n}") for n in range(3)] == [(), ("places:1",), ("places:2",)]
    seen.keep("page-2", (None,) * 6 + ((),))  # the page now shows no rows
    assert seen.get("page-2") == ()
