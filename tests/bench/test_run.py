"""The runner's pure parts: the mix's requests, the figures table and the docs update."""

import random

import pytest

from bench import run
from bench.mix import TYPES, build

SAMPLE = {
    "organisations": ["as-idrettslag-1"],
    "events": [7],
    "rooms": [3],
    "age_groups": ["youth"],
    "weeks": ["2026-03-23"],
    "booking_slots": [(3, "2026-03-30T08:00:00+02:00", "2026-03-30T10:00:00+02:00")],
    "organisation_id": 1,
}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("floor", "/livez"),
        ("home", "/"),
        ("organisation", "/organisasjoner/as-idrettslag-1/"),
        ("calendar", "/kalender/?start=2026-03-23&end=2026-03-29&age_group=youth"),
        ("event", "/kalender/arrangement/7/"),
        ("ical", "/kalender.ics?start=2026-03-23&end=2026-04-19&age_group=youth"),
        (
            "availability",
            "/api/v1/premises/rooms/3/availability?start=2026-03-23T00%3A00&end=2026-03-30T00%3A00",
        ),
        ("events_api", "/api/v1/events?start=2026-03-23&end=2026-03-29&limit=20"),
    ],
)
def test_each_type_asks_for_the_documented_request(name, expected):
    request = build(name, SAMPLE, random.Random(1))
    assert (request.method, request.path, request.auth) == ("GET", expected, False)


def test_the_booking_attempt_posts_as_the_organisation_with_a_token():
    request = build("booking", SAMPLE, random.Random(1))
    assert (request.method, request.path, request.auth) == ("POST", "/api/v1/bookings", True)
    assert request.body["organisation_id"] == 1
    assert request.body["start"].endswith("+02:00")  # summer time after the DST change


def test_unknown_types_are_refused():
    with pytest.raises(ValueError, match="unknown"):
        build("nope", SAMPLE, random.Random(1))


def _result():
    stats = {"requests": 10, "errors": 0, "rps": 50.0, "p50_ms": 10, "p95_ms": 20, "p99_ms": 30}
    return {
        "scale": "as",
        "date": "2026-11-22 07:00 UTC",
        "machine": {
            "nproc": 2,
            "cpu": "x",
            "memory_gib": 23.0,
            "postgresql": "15.20",
            "python": "3.11",
            "django": "5.2",
            "load_average_at_start": [4.0, 4.0, 4.0],
        },
        "config": {"workers": 4, "users": 4, "phase_seconds": 10, "mix_seconds": 30},
        "queries": {t.name: {"queries": 3} for t in TYPES},
        "isolated": {"floor": {**stats, "rps": 100.0}, "home": stats},
        "mixed": {"overall": stats},
    }


def test_the_table_has_every_type_and_the_ratio_to_the_floor():
    table = run.markdown(_result())
    for request_type in TYPES:
        assert f"| {request_type.name} |" in table
    assert "| home | 3 | 50.0 | 0.50 |" in table
    assert "| overall |" in table


def test_updating_the_docs_replaces_the_scale_block_and_keeps_the_rest(tmp_path, monkeypatch):
    docs = tmp_path / "performance.md"
    docs.write_text(
        "# P\n\nintro\n<!-- machine:start -->\n<!-- machine:end -->\n"
        "<!-- results:start -->\n<!-- results:end -->\n\nend\n"
    )
    monkeypatch.setattr(run, "DOCS", docs)
    run.update_docs(_result(), "first table")
    run.update_docs(_result(), "second table")
    text = docs.read_text()
    assert "second table" in text
    assert "first table" not in text
    assert text.count("<!-- bench:as:start -->") == 1
    assert text.index("<!-- bench:as:end -->") < text.index("<!-- results:end -->")
    assert "2 cores" in text
    assert text.startswith("# P\n\nintro") and text.rstrip().endswith("end")
