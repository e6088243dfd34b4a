"""Fixtures of the kernel's tests."""

import pytest

from dugnad.core import caching


@pytest.fixture
def cache_reads(monkeypatch):
    """Count the page cache's reads from here on: calling the fixture starts counting and gives
    the list of the keys each `get_many` asked for."""

    def start() -> list[list[str]]:
        calls = []
        original = caching.cache.get_many

        def get_many(keys, *args, **kwargs):
            calls.append(list(keys))
            return original(keys, *args, **kwargs)

        monkeypatch.setattr(caching.cache, "get_many", get_many)
        return calls

    return start
