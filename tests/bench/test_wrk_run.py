"""The wrk benchmark's request lists: distinct addresses for misses, Zipf weights for the mix,
and addresses that every one resolve to a page of the site. No timing here."""

import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import resolve

from bench.wrk_run import (
    ACCESS_FORMAT,
    READ_TYPES,
    Picker,
    build,
    distinct,
    markdown,
    server_times,
    type_of,
)

UNIVERSE = {
    "organisations": [f"lag-{n}" for n in range(50)],
    "events": list(range(1, 80)),
    "rooms": list(range(1, 12)),
    "age_groups": ["0-5", "6-12", "13-19"],
    "categories": ["sport", "music"],
    "org_categories": ["sport", "culture"],
    "areas": ["nordby", "solberg"],
    "weeks": ["2026-11-30", "2026-12-07", "2026-11-23", "2026-12-14"],
    "days": [f"2026-12-{d:02d}" for d in range(1, 29)] * 13,
}


def test_every_request_type_asks_for_a_page_of_the_site():
    rng = random.Random(1)
    slots = [(1, "2027-01-05T08:00:00+01:00", "2027-01-05T10:00:00+01:00", 3)]
    for name in [*READ_TYPES, "floor", "booking"]:
        method, path, _body, _auth, _language = build(name, UNIVERSE, Picker(rng, None), rng, slots)
        assert method in ("GET", "POST")
        assert resolve(urlsplit(path).path) is not None


def test_the_access_log_tells_each_request_type_apart():
    rng = random.Random(2)
    slots = [(1, "2027-01-05T08:00:00+01:00", "2027-01-05T10:00:00+01:00", 3)]
    for name in [*READ_TYPES, "booking"]:
        for _ in range(20):
            method, address, *_rest = build(name, UNIVERSE, Picker(rng, None), rng, slots)
            parts = urlsplit(address)
            assert type_of(method, parts.path, parts.query) == name, address


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_mix_by_type_comes_from_gunicorns_own_access_log(tmp_path):
    """The format's atoms are gunicorn's: a real gunicorn writes the log that is read back."""
    port, log = _free_port(), tmp_path / "access.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tests.bench.access_app:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--access-logfile", str(log),
         "--access-logformat", ACCESS_FORMAT],
        cwd=Path(__file__).resolve().parents[2], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(100):  # the probe's own line is written after its answer
            if log.exists() and log.read_text().count("\n") >= 1:
                break
            time.sleep(0.05)
        offset = log.stat().st_size  # what came before the mix is not counted
        for address in ("/kalender/?q=hit", "/kalender/?q=x", "/kalender.ics?start=2027-01-01"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{address}", timeout=5).read()
        for _ in range(50):  # gunicorn writes the line after the answer
            if log.read_text().count("\n") >= 4:
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    summary = server_times(log, offset)
    assert set(summary) == {"calendar", "ical_full"}
    assert summary["calendar"]["requests"] == 2
    assert summary["calendar"]["miss_share"] == 0.5
    assert summary["ical_full"]["miss_share"] == 1.0
    assert 0 < summary["calendar"]["p50_ms"] < 1000


def test_miss_lists_hold_distinct_addresses():
    rng = random.Random(2)
    requests = distinct("event", UNIVERSE, rng, 1000)
    addresses = [(path, language) for _m, path, _b, _a, language in requests]
    assert len(addresses) == len(set(addresses)) == 79 * 3  # every event in every language


def test_the_mix_favours_the_first_of_an_ordered_list():
    pick = Picker(random.Random(3), 1.1)
    weeks = UNIVERSE["weeks"]
    drawn = [pick(weeks, ordered=True) for _ in range(2000)]
    assert drawn.count(weeks[0]) > drawn.count(weeks[1]) > drawn.count(weeks[3])


def test_the_table_reports_misses_hits_and_the_mix():
    phase = {"requests": 100, "rps": 50.0, "x_floor": 0.1, "p50_ms": 5.0, "p95_ms": 9.0}
    phase.update(p99_ms=12.0, miss=100, hit=0, stale=0)
    result = {
        "scale": "tiny",
        "date": "2026-12-06 12:00 UTC",
        "config": {"workers": 4, "phase_seconds": 4, "mix_seconds": 30},
        "machine": {"load_average_at_start": [3.0, 2.0, 1.0]},
        "load_range": [2.5, 4.0],
        "miss": {"event": phase},
        "hit": {"event": {**phase, "x_floor": 0.7}},
        "floor_rps": 500.0,
        "cpu_per_miss_ms": {"event": 7.5},
        "mix": {**phase, "hit": 90, "miss": 10, "failed": 0},
        "signups": {"done": 5, "refused": 1},
        "memory": {"workers_mib": [120.0]},
        "client_cores": [0.21, 0.3],
        "client_cores_hits": [0.5, 0.61],
        "mix_by_type": {
            "event": {"requests": 80, "miss_share": 0.25, "p50_ms": 3.1, "p95_ms": 8.4}
        },
    }
    table = markdown(result)
    assert "| event | 80 | 25% | 3.1 | 8.4 |" in table
    assert "The client (wrk) used 0.21–0.3 of the two cores in the miss phases" in table
    assert "| event | 7.5 | 50.0 | 0.100 | 5 / 9 / 12 | 100% | 50.0 | 0.70 | 9.0 |" in table
    assert "hit ratio of cached answers 90.0%" in table


def test_the_zipf_picker_draws_from_the_list_it_is_given_even_from_temporaries():
    # A temporary list's id is reused by the next one: the weights of one list must never be
    # drawn for another (the mix had asked for /kalender.ics?start=nn).
    pick = Picker(random.Random(1), 1.1)
    for _ in range(300):
        assert pick(["nb", "nn", "en"]) in {"nb", "nn", "en"}
        assert pick([f"2026-01-{day:02d}" for day in range(1, 29)]).startswith("2026-01-")
