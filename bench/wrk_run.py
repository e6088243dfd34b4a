"""Hits, misses and a realistic mix, measured with wrk against gunicorn (issue 15).

    python -m bench.wrk_run --scale as      # after python -m bench.generate --scale as --reset

What it does, on the data the generator built (DATABASE_URL) and the shared Redis cache
(BENCH_REDIS_URL, its own database number, emptied at the start):

1. starts gunicorn as in production (DEBUG=0, sync workers) on --port, with the page cache on
   and the per-client miss budget off (every request comes from 127.0.0.1 on purpose);
2. **misses**, one page type at a time: every public page is forgotten (`forget_public_pages`)
   and wrk replays a list of distinct addresses (ids, weeks, filters and languages drawn from
   the whole data set), so each request is a first render; the share that really were misses is
   read from the X-Dugnad-Cache header and reported;
3. **hits**, one page type at a time: ten addresses, rendered beforehand, replayed;
4. each of those phases runs between two phases of the floor (`GET /livez`), and its
   throughput is given as a share of the mean of the floors around it: the machine's load,
   shared with other work, changes less within a few seconds than over a whole run;
5. **the mix**: 50,000 requests drawn with Zipf weights from every organisation, event, room,
   week and filter of the served municipality, including bookings through the API (a bearer
   token); while it runs, this process signs people up for events through the activities'
   own action (about two a second), so that invalidation shows; the hit ratio is reported;
6. the workers' memory (RSS) after the run, the load average around every phase, and the
   results in bench/results/<date>-<HHMM UTC>-<scale>-wrk.json and docs/performance.md.

wrk runs with 2 threads and 4 connections (a closed loop: one request in flight per worker).
It shares the two cores with the server; its own CPU use is small but not nil, so the figures
are ratios to the floor in the same run, not absolute capacity.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from .run import (
    DEFAULT_DATABASE_URL,
    DOCS,
    RESULTS,
    ROOT,
    _replace,
    data_counts,
    get_token,
    machine,
    server_env,
    set_bench_password,
    wait_for,
)

LUA = ROOT / "bench" / "mix.lua"
CONNECTIONS = 4  # one request in flight per gunicorn worker
LANGUAGES = ("nb", "nn", "en")
LANGUAGE_LIST = list(LANGUAGES)
# The mix: the share of each request type, as in bench/mix.py, plus the full feed.
MIX_WEIGHTS = {
    "floor": 0,
    "home": 10,
    "directory_search": 10,
    "organisation": 15,
    "calendar": 15,
    "event": 15,
    "ical": 4,
    "ical_full": 1,
    "availability": 10,
    "events_api": 10,
    "booking": 5,
}
READ_TYPES = [
    "home",
    "directory_search",
    "organisation",
    "calendar",
    "event",
    "ical",
    "ical_full",
    "availability",
    "events_api",
]
SEARCH_WORDS = [
    "idrettslag", "kor", "speider", "fotball", "korps", "historielag", "turlag", "sjakk",
    "Solberg", "Nordby", "Kroer", "Rustad", "dans", "Røde Kors", "språkkafé", "velforening",
]  # fmt: skip


def universe() -> dict:
    """Everything of the served municipality that a visitor can ask for."""
    from django.utils import timezone

    from dugnad.activities.models import Category, Event
    from dugnad.core.models import AgeGroup, Area
    from dugnad.core.queries import current_municipality
    from dugnad.organisations.models import Category as OrgCategory
    from dugnad.organisations.models import Organisation
    from dugnad.premises.models import Room

    home = current_municipality()
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    return {
        "organisations": list(
            Organisation.objects.public().filter(municipality=home).values_list("slug", flat=True)
        ),
        "events": list(
            Event.objects.published()
            .filter(municipality=home, occurrences__start__gte=timezone.now())
            .distinct()
            .values_list("id", flat=True)
        ),
        "rooms": list(
            Room.objects.filter(building__municipality=home, is_active=True).values_list(
                "id", flat=True
            )
        ),
        "age_groups": list(AgeGroup.objects.values_list("code", flat=True)),
        "categories": [value for value, _ in Category.choices],
        "org_categories": [value for value, _ in OrgCategory.choices],
        "areas": list(Area.objects.filter(municipality=home).values_list("slug", flat=True)),
        # Near weeks first: with Zipf weights, this week and the next are asked for most.
        "weeks": [
            (monday + dt.timedelta(weeks=w)).isoformat()
            for w in sorted(range(-26, 27), key=lambda w: (abs(w), w < 0))
        ],
        "days": [(today + dt.timedelta(days=d)).isoformat() for d in range(-180, 181)],
    }


class Picker:
    """Draws items either uniformly (misses: as many distinct ones as possible) or with Zipf
    weights over a fixed random order of the whole list (the realistic mix)."""

    def __init__(self, rng: random.Random, zipf: float | None):
        self.rng, self.zipf, self._weights = rng, zipf, {}

    def __call__(self, items: list, ordered: bool = False):
        if self.zipf is None:
            return self.rng.choice(items)
        # Keyed on the list's identity, which stays its own only while the list lives: the
        # entry keeps the list, and callers pass lists that last (a temporary's id is reused,
        # and drew days from the languages' weights).
        key = (id(items), ordered)
        if key not in self._weights or self._weights[key][0] is not items:
            order = list(items)
            if not ordered:
                random.Random(len(items)).shuffle(order)
            weights = [1 / (rank + 1) ** self.zipf for rank in range(len(order))]
            self._weights[key] = (items, order, weights)
        _items, order, weights = self._weights[key]
        return self.rng.choices(order, weights)[0]


def build(name: str, u: dict, pick: Picker, rng: random.Random, slots=None) -> tuple:
    """One request as (method, path, body, needs token, language)."""
    week = dt.date.fromisoformat(pick(u["weeks"], ordered=True))
    language = pick(LANGUAGE_LIST, ordered=True) if pick.zipf else rng.choice(LANGUAGES)
    if name == "floor":
        return ("GET", "/livez", "", 0, "")
    if name == "home":
        return ("GET", "/", "", 0, language)
    if name == "directory_search":
        query = {"q": pick(SEARCH_WORDS)}
        if rng.random() < 0.5:
            query["category"] = pick(u["org_categories"])
        if rng.random() < 0.5 and u["areas"]:
            query["area"] = pick(u["areas"])
        return ("GET", "/organisasjoner/?" + urlencode(query), "", 0, language)
    if name == "organisation":
        return ("GET", f"/organisasjoner/{pick(u['organisations'])}/", "", 0, language)
    if name == "calendar":
        query = {"start": week.isoformat(), "end": (week + dt.timedelta(days=6)).isoformat()}
        if rng.random() < 0.6:
            query["age_group"] = pick(u["age_groups"])
        if rng.random() < 0.4:
            query["category"] = pick(u["categories"])
        return ("GET", "/kalender/?" + urlencode(query), "", 0, language)
    if name == "event":
        return ("GET", f"/kalender/arrangement/{pick(u['events'])}/", "", 0, language)
    if name == "ical":
        query = {"start": week.isoformat(), "end": (week + dt.timedelta(days=27)).isoformat()}
        query["age_group"] = pick(u["age_groups"])
        if rng.random() < 0.5:
            query["category"] = pick(u["categories"])
        return ("GET", "/kalender.ics?" + urlencode(query), "", 0, language)
    if name == "ical_full":
        # The whole calendar, 90 days from a day: a subscription's feed. Distinct start days
        # give distinct addresses for the miss phase; the mix asks for today's most.
        ahead = u.setdefault("days_ahead", u["days"][180:])
        day = pick(ahead, ordered=True) if pick.zipf else rng.choice(u["days"])
        return ("GET", "/kalender.ics?" + urlencode({"start": day}), "", 0, language)
    if name == "availability":
        day = dt.date.fromisoformat(pick(u["days"]))
        query = {
            "start": f"{day.isoformat()}T00:00",
            "end": f"{(day + dt.timedelta(days=7)).isoformat()}T00:00",
        }
        room = pick(u["rooms"])
        return ("GET", f"/api/v1/premises/rooms/{room}/availability?{urlencode(query)}", "", 0, "")
    if name == "events_api":
        query = {
            "start": week.isoformat(),
            "end": (week + dt.timedelta(days=6)).isoformat(),
            "limit": 20,
            "offset": rng.choice((0, 0, 20, 40)),
        }
        if rng.random() < 0.5:
            query["age_group"] = pick(u["age_groups"])
        return ("GET", "/api/v1/events?" + urlencode(query), "", 0, language)
    if name == "booking":
        room, start, end, organisation = rng.choice(slots)
        body = {
            "room_id": room,
            "start": start,
            "end": end,
            "title": "Trening (benk)",
            "organisation_id": organisation,
        }
        return ("POST", "/api/v1/bookings", json.dumps(body), 1, "")
    raise ValueError(name)


def distinct(name: str, u: dict, rng: random.Random, count: int) -> list[tuple]:
    """Up to `count` different addresses of one type (fewer when the data has fewer)."""
    pick, seen, tries = Picker(rng, None), {}, 0
    while len(seen) < count and tries < count * 20:
        tries += 1
        request = build(name, u, pick, rng)
        seen.setdefault((request[1], request[4]), request)
    return list(seen.values())


def write(path: Path, requests: list[tuple]) -> Path:
    path.write_text(
        "".join("\t".join(str(part) for part in request) + "\n" for request in requests)
    )
    return path


def wrk(base: str, requests: Path, seconds: float, token: str = "", once: bool = False) -> dict:
    """Replay `requests` for `seconds`; with `once`, stop sooner when every address has been
    asked for once (a miss phase, whose second pass would be hits)."""
    command = [
        "wrk", "-t2", f"-c{CONNECTIONS}", f"-d{int(seconds)}s", "--timeout", "10s",
        "-s", str(LUA), base, "--", str(requests), token, "once" if once else "",
    ]  # fmt: skip
    load = os.getloadavg()[0]
    started, children = time.monotonic(), os.times()
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    ended = os.times()
    # The client's own share of the two cores (wrk is this process's only child here): what it
    # took from the server, reported with every phase.
    client_cpu = (ended.children_user - children.children_user) + (
        ended.children_system - children.children_system
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    result = json.loads(line[len("RESULT ") :])
    if once and result["requests"]:
        # wrk waits out -d even when every thread stopped early; the closed loop's own time is
        # the requests times their mean latency, over the four connections (Little's law).
        result["seconds"] = round(result["requests"] * result["mean_ms"] / 1000 / CONNECTIONS, 3)
    result["rps"] = round(result["requests"] / result["seconds"], 1)
    result["load_before"] = round(load, 2)
    result["client_cores"] = round(client_cpu / max(0.001, time.monotonic() - started), 2)
    return result


# Each request's method, path, query, status, time in the worker (µs) and cache answer, so
# that the mix's latency can be told apart by page type (wrk measures the mix as a whole).
ACCESS_FORMAT = "\t".join(("%(m)s", "%(U)s", "%(q)s", "%(s)s", "%(D)s", "%({x-dugnad-cache}o)s"))


def type_of(method: str, path: str, query: str) -> str:
    """The page type of `build` that asked for (method, path, query)."""
    if method == "POST":
        return "booking" if path == "/api/v1/bookings" else "other"
    if path == "/":
        return "home"
    if path == "/kalender.ics":
        return "ical_full" if query.startswith("start=") and "&" not in query else "ical"
    if path == "/kalender/":
        return "calendar"
    if path.startswith("/kalender/arrangement/"):
        return "event"
    if path == "/organisasjoner/":
        return "directory_search"
    if path.startswith("/organisasjoner/"):
        return "organisation"
    if path.startswith("/api/v1/premises/rooms/"):
        return "availability"
    if path == "/api/v1/events":
        return "events_api"
    return "other"


def server_times(access_log: Path, offset: int) -> dict:
    """Per page type of the mix, from the access log past `offset`: requests, p50 and p95 of
    the time in the worker (from reading the request to writing the answer: not the time it
    waited for a free worker, which wrk's figures hold) and the share of cache misses."""
    by_type: dict[str, list] = {}
    with open(access_log, encoding="utf-8", errors="replace") as lines:
        lines.seek(offset)
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 6 or not parts[4].isdigit():
                continue
            method, path, query, _status, micros, cache = parts
            by_type.setdefault(type_of(method, path, query), []).append((int(micros), cache))
    summary = {}
    for name, rows in sorted(by_type.items()):
        times = sorted(micros for micros, _cache in rows)
        summary[name] = {
            "requests": len(rows),
            "p50_ms": round(times[len(times) // 2] / 1000, 1),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))] / 1000, 1),
            "miss_share": round(sum(cache == "miss" for _m, cache in rows) / len(rows), 3),
        }
    return summary


def floor_between(base: str, floor_file: Path, seconds: float, run) -> tuple[dict, dict]:
    """`run()` between two floor phases; its result and the mean floor around it."""
    before = wrk(base, floor_file, seconds)
    measured = run()
    after = wrk(base, floor_file, seconds)
    floor = {
        "rps": round((before["rps"] + after["rps"]) / 2, 1),
        "p95_ms": round((before["p95_ms"] + after["p95_ms"]) / 2, 2),
        "client_cores": round((before["client_cores"] + after["client_cores"]) / 2, 2),
    }
    measured["x_floor"] = round(measured["rps"] / floor["rps"], 3) if floor["rps"] else None
    return measured, floor


def prime(base: str, requests: list[tuple]) -> None:
    for method, path, _body, _auth, language in requests:
        headers = {"Cookie": f"django_language={language}"} if language else {}
        request = urllib.request.Request(base + path, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()


def worker_memory(master_pid: int) -> dict:
    """Resident memory of gunicorn's workers (the master's children), in MiB."""
    sizes = []
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    for pid in children.read_text().split() if children.exists() else ():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(round(int(line.split()[1]) / 1024, 1))
    return {"workers_mib": sizes, "total_mib": round(sum(sizes), 1)}


def booking_slots(u: dict) -> list[tuple]:
    from .mix import collect_sample

    sample = collect_sample()
    organisation = sample["organisation_id"]
    return [(room, start, end, organisation) for room, start, end in sample["booking_slots"]]


class SignUps(threading.Thread):
    """People signing up for events while the mix runs, through the activities' action, so
    that the pages showing places left are invalidated as in real use."""

    def __init__(self, per_second: float):
        super().__init__(daemon=True)
        self.per_second, self.stop = per_second, threading.Event()
        self.done, self.refused = 0, 0

    def run(self):
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.utils import timezone

        from dugnad.activities import actions
        from dugnad.activities.models import Event, Occurrence
        from dugnad.core.errors import DomainError
        from dugnad.core.queries import current_municipality

        # A new draw each run: the same people for the same dates would be refused as signed
        # up already when the benchmark runs again on the same data.
        rng = random.Random(time.time_ns())
        try:
            occurrences = list(
                Occurrence.objects.filter(
                    event__municipality=current_municipality(),
                    event__status=Event.Status.PUBLISHED,
                    event__signup_enabled=True,
                    start__gte=timezone.now() + dt.timedelta(days=1),
                )
                .select_related("event")
                .order_by("start")[:300]
            )
            users = list(get_user_model().objects.filter(is_active=True).order_by("id")[10:2000])
            while occurrences and users and not self.stop.is_set():
                try:
                    actions.sign_up(
                        rng.choice(users), rng.choice(occurrences), participant_name="Benk Deltaker"
                    )
                    self.done += 1
                except DomainError:
                    self.refused += 1
                self.stop.wait(1 / self.per_second)
        finally:
            connection.close()


def cpu_per_miss(u: dict, rng: random.Random, per_type: int = 8) -> dict:
    """This process's CPU time (ms, median) to render each type with the page cache off,
    through Django's test client: the cost of a miss on the application's side, which the
    machine's load changes far less than it changes latency."""
    from statistics import median

    from django.test import Client, override_settings

    client, costs = Client(), {}
    # DEBUG off as in the workers: no query log (this process was set up with DEBUG on, so
    # that its test client needs no collected static files).
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0, DEBUG=False):
        # A process loads each language's catalogue on its first use of it: not a miss's cost.
        for language in LANGUAGES:
            client.cookies["django_language"] = language
            for name in READ_TYPES:
                client.get(build(name, u, Picker(rng, None), rng)[1])
        for name in READ_TYPES:
            requests = distinct(name, u, rng, per_type + 1)
            times = []
            for index, (_method, path, _body, _auth, language) in enumerate(requests):
                client.cookies["django_language"] = language or "nb"
                started = time.process_time()
                client.get(path)
                if index:  # the first fills per-process caches
                    times.append((time.process_time() - started) * 1000)
            costs[name] = round(median(times), 1) if times else None
    return costs


def markdown(result: dict) -> str:
    lines = [
        f"Scale `{result['scale']}`, {result['date']}, wrk 2 threads × 4 connections against "
        f"{result['config']['workers']} gunicorn workers; {result['config']['phase_seconds']} s "
        f"per phase, each between two {result['config']['phase_seconds']} s floor phases; "
        f"{result['config']['mix_seconds']} s mix after "
        f"{result['config'].get('mix_warmup_seconds', 0)} s of the same mix unmeasured. "
        f"Load average (1 min) at start "
        f"{result['machine']['load_average_at_start'][0]}, during the phases "
        f"{result['load_range'][0]}–{result['load_range'][1]} (the run's own four workers and "
        f"client count in it).",
        "",
        "| page | CPU per miss ms | miss rps | miss × floor | miss p50 / p95 / p99 ms | misses | "
        "hit rps | hit × floor | hit p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in READ_TYPES:
        miss, hit = result["miss"].get(name), result["hit"].get(name, {})
        if miss:
            share = miss["miss"] / max(1, miss["requests"])
            miss_text = (
                f"{miss['rps']} | {miss['x_floor']:.3f} | {miss['p50_ms']:.0f} / "
                f"{miss['p95_ms']:.0f} / {miss['p99_ms']:.0f} | {share:.0%}"
            )
        else:
            miss_text = "– | – | – | –"
        cpu = result.get("cpu_per_miss_ms", {}).get(name)
        lines.append(
            f"| {name} | {cpu if cpu is not None else '–'} | {miss_text} | {hit.get('rps', '–')} | "
            f"{hit.get('x_floor', 0):.2f} | {hit.get('p95_ms', 0):.1f} |"
        )
    mix = result["mix"]
    served = max(1, mix["hit"] + mix["miss"] + mix["stale"])
    lines += [
        "",
        f"Floor: {result['floor_rps']} rps on average. Mix: {mix['rps']} rps, p50 "
        f"{mix['p50_ms']:.1f} ms, p95 {mix['p95_ms']:.1f} ms, p99 {mix['p99_ms']:.1f} ms; hit "
        f"ratio of cached answers {mix['hit'] / served:.1%} (stale {mix['stale']}, misses "
        f"{mix['miss']}); {mix['failed']} failed; sign-ups during the mix "
        f"{result['signups']['done']} (refused {result['signups']['refused']}). Worker memory "
        f"after the run: {result['memory']['workers_mib']} MiB.",
    ]
    if result.get("client_cores"):
        low, high = result["client_cores"]
        lines[-1] += (
            f" The client (wrk) used {low}–{high} of the two cores in the miss phases and "
            f"{result.get('client_cores_hits', ['?', '?'])[0]}–"
            f"{result.get('client_cores_hits', ['?', '?'])[1]} in the hit and floor phases."
        )
    if result.get("mix_by_type"):
        lines += [
            "",
            "The mix by page type, from the server's access log (time in the worker, without "
            "the wait for a free worker):",
            "",
            "| page | requests | misses | p50 ms | p95 ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, row in result["mix_by_type"].items():
            lines.append(
                f"| {name} | {row['requests']} | {row['miss_share']:.0%} | {row['p50_ms']} | "
                f"{row['p95_ms']} |"
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="as")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--port", type=int, default=8015)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--phase-seconds", type=int, default=4)
    parser.add_argument("--mix-seconds", type=int, default=30)
    parser.add_argument("--mix-warmup-seconds", type=int, default=20)
    parser.add_argument("--types", default=",".join(READ_TYPES))
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args(argv)
    database_url = args.database_url or DEFAULT_DATABASE_URL
    env = server_env(database_url)
    env.update(PUBLIC_PAGE_MISS_LIMIT="0", PUBLIC_PAGE_CACHE_SECONDS="300")
    os.environ.update(env, DEBUG="1", ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from dugnad.core.caching import forget_public_pages

    from .generate import BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD

    call_command("migrate", verbosity=0, interactive=False)
    cache.clear()
    set_bench_password(BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD)
    u = universe()
    slots = booking_slots(u)
    rng = random.Random(7)
    print("  CPU per miss, in this process", flush=True)
    cpu = cpu_per_miss(u, random.Random(5))
    types = [t for t in args.types.split(",") if t]
    result = {
        "scale": args.scale,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "data": data_counts(),
        "config": {
            "client": "wrk -t2 -c4 (closed loop), Lua script bench/mix.lua",
            "workers": args.workers,
            "phase_seconds": args.phase_seconds,
            "mix_seconds": args.mix_seconds,
            "mix_warmup_seconds": args.mix_warmup_seconds,
            "server": "gunicorn sync workers, DEBUG=0, page cache on Redis, miss budget off",
        },
        "cpu_per_miss_ms": cpu,
        "miss": {},
        "hit": {},
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    loads = []
    with tempfile.TemporaryDirectory(prefix="dugnad-wrk-") as tmp:
        tmp = Path(tmp)
        floor_file = write(tmp / "floor.tsv", [build("floor", u, Picker(rng, None), rng)])
        log = open(tmp / "server.log", "w")  # noqa: SIM115 (closed after the server)
        access_log = tmp / "access.log"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "dugnad.wsgi:application", "--bind",
             f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--worker-class", "sync",
             "--timeout", "60", "--log-level", "warning",
             "--access-logfile", str(access_log), "--access-logformat", ACCESS_FORMAT],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            wait_for(base + "/healthz")
            token = get_token(base, BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD)
            # Every worker loads templates, translations and URL patterns before timing.
            warm = [build(t, u, Picker(rng, None), rng) for t in READ_TYPES for _ in range(8)]
            prime(base, warm)
            wrk(base, floor_file, 2)
            for name in types:
                if name == "home":
                    continue  # one address per language: it cannot miss again and again
                print(f"  {name}: misses", flush=True)
                requests = distinct(name, u, rng, 3000)
                path = write(tmp / f"miss-{name}.tsv", requests)

                def misses(path=path):
                    forget_public_pages()
                    return wrk(base, path, args.phase_seconds, once=True)

                measured, floor = floor_between(base, floor_file, args.phase_seconds, misses)
                measured.update(floor=floor, addresses=len(requests))
                result["miss"][name] = measured
                loads.append(measured["load_before"])
            for name in types:
                print(f"  {name}: hits", flush=True)
                requests = distinct(name, u, rng, 10)
                path = write(tmp / f"hit-{name}.tsv", requests)
                prime(base, requests)

                def hits(path=path):
                    return wrk(base, path, args.phase_seconds)

                measured, floor = floor_between(base, floor_file, args.phase_seconds, hits)
                measured.update(floor=floor)
                result["hit"][name] = measured
                loads.append(measured["load_before"])
            print("  the mix", flush=True)
            zipf_rng = random.Random(13)
            pick = Picker(zipf_rng, 1.1)
            names = [n for n, w in MIX_WEIGHTS.items() if w]
            weights = [MIX_WEIGHTS[n] for n in names]
            mix = [
                build(zipf_rng.choices(names, weights)[0], u, pick, zipf_rng, slots)
                for _ in range(50_000)
            ]
            path = write(tmp / "mix.tsv", mix)
            forget_public_pages()
            signups = SignUps(per_second=2)
            signups.start()
            # The cache fills as it would under steady traffic; then the same mix is measured.
            if args.mix_warmup_seconds:
                result["mix_warmup"] = wrk(base, path, args.mix_warmup_seconds, token)
            mix_starts_at = access_log.stat().st_size if access_log.exists() else 0
            result["mix"] = wrk(base, path, args.mix_seconds, token)
            result["mix_by_type"] = server_times(access_log, mix_starts_at)
            signups.stop.set()
            signups.join(timeout=10)
            loads.append(result["mix"]["load_before"])
            result["signups"] = {"done": signups.done, "refused": signups.refused}
            result["memory"] = worker_memory(server.pid)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            log.close()
            result["server_log_tail"] = (tmp / "server.log").read_text()[-2000:]
    floors = [m["floor"]["rps"] for m in (*result["miss"].values(), *result["hit"].values())]
    result["floor_rps"] = round(sum(floors) / max(1, len(floors)), 1)
    result["load_range"] = [min(loads), max(loads)] if loads else [None, None]
    miss_cores = [m["client_cores"] for m in result["miss"].values() if "client_cores" in m]
    other_cores = [
        phase["client_cores"]
        for phase in (*result["hit"].values(), *(m["floor"] for m in result["miss"].values()))
        if "client_cores" in phase
    ]
    if miss_cores:
        result["client_cores"] = [min(miss_cores), max(miss_cores)]
    if other_cores:
        result["client_cores_hits"] = [min(other_cores), max(other_cores)]
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    table = markdown(result)
    print(table)
    # The run's minute is in the name, so that a second run on the same day keeps the first.
    started = dt.datetime.strptime(result["date"], "%Y-%m-%d %H:%M UTC")
    output = RESULTS / f"{started:%Y-%m-%d-%H%M}-{args.scale}-wrk.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"results: {output}")
    if not args.no_docs:
        text = DOCS.read_text()
        text = _replace(
            text,
            f"<!-- wrk:{args.scale}:start -->",
            f"<!-- wrk:{args.scale}:end -->",
            f"### Scale `{args.scale}` (wrk)\n\n{table}",
            before="<!-- wrk-results:end -->",
        )
        DOCS.write_text(text)
    return 0


if __name__ == "__main__":
    time.tzset()
    sys.exit(main())
