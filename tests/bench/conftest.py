"""Data at the `tiny` scale, built by the benchmark's own generator (PostgreSQL: it uses COPY)."""

import io

import pytest

from bench.generate import Generator


@pytest.fixture
def tiny(db):
    return Generator("tiny", progress=False, out=io.StringIO()).run()
