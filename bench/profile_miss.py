"""Where a page's miss spends its time: CPU per miss and a profile, with production settings.

    python -m bench.profile_miss calendar event          # CPU per miss, median of 12
    python -m bench.profile_miss calendar --profile 25   # and the 25 costliest functions
    python -m bench.profile_miss calendar --profile 25 --sort tottime   # by their own time
    python -m bench.profile_miss calendar --profile 5 --callers "'copy' of"  # and who calls it
    python -m bench.profile_miss booking --profile 25   # the mix's bookings, with a token

Runs in this process against the benchmark's data (DATABASE_URL, default the `dugnad_bench`
database the generator builds), with DEBUG off (no query log, the cached template loader), the
page cache off so that every request renders, and the same distinct addresses the wrk
benchmark's miss phase uses (`bench.wrk_run.distinct`). A process's first request of a type
fills per-process caches (catalogues, compiled templates), so it is not counted. CPU time of
this process only: PostgreSQL's share of a miss runs in its own processes and is not in it.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import random
import time
from statistics import median

from .run import DEFAULT_DATABASE_URL, server_env


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "types", nargs="+", help="page types of bench.wrk_run.READ_TYPES, or booking"
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=12)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print N functions")
    parser.add_argument(
        "--sort", default="cumulative", choices=("cumulative", "tottime"), help="profile order"
    )
    parser.add_argument(
        "--callers", default="", metavar="REGEX", help="and who calls the functions matching it"
    )
    parser.add_argument(
        "--callees", default="", metavar="REGEX", help="and what the functions matching it call"
    )
    args = parser.parse_args(argv)
    env = server_env(args.database_url or DEFAULT_DATABASE_URL)
    env.pop("REDIS_URL", None)  # the page cache is off; a local cache keeps this self-contained
    env.update(ALLOWED_HOSTS="testserver", PUBLIC_PAGE_CACHE_SECONDS="0")
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    # DEBUG off serves static files from the collected manifest, as production does.
    if not (settings.STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)

    from .generate import BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD
    from .run import set_bench_password
    from .wrk_run import LANGUAGES, READ_TYPES, Picker, booking_slots, build, distinct, universe

    # As each gunicorn worker does once Django is set up (dugnad/wsgi.py): the collector does
    # not walk what set-up loaded, so a miss here pays what it pays there.
    gc.freeze()

    u, client = universe(), Client()
    for name in args.types:
        if name not in (*READ_TYPES, "booking"):
            parser.error(f"{name!r} is not one of {', '.join(READ_TYPES)}, booking")
    headers = {}
    if "booking" in args.types:
        # As the mix sends them: the bench leader's bearer token, the mix's slots (taken
        # ones are refused with 409 after the same checks, as most are in a long mix).
        set_bench_password(BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD)
        answer = client.post(
            "/api/v1/auth/token",
            {"email": BENCH_LEADER_EMAIL, "password": BENCH_LEADER_PASSWORD, "name": "profile"},
            content_type="application/json",
        )
        headers["Authorization"] = f"Bearer {answer.json()['token']}"
        slots = booking_slots(u)
    rng = random.Random(5)

    def send(name, request):
        method, path, body, _auth, _language = request
        if method == "POST":
            return client.post(path, body, content_type="application/json", headers=headers)
        return client.get(path)

    def requests_of(name, count):
        if name == "booking":
            return [build(name, u, Picker(rng, None), rng, slots) for _ in range(count)]
        return distinct(name, u, rng, count)

    for language in LANGUAGES:  # each language's catalogue loads on its first use
        client.cookies["django_language"] = language
        for name in args.types:
            send(name, requests_of(name, 1)[0])
    for name in args.types:
        requests = requests_of(name, args.requests)
        profiler = cProfile.Profile() if args.profile else None
        times, sizes = [], []
        for request in requests:
            path, language = request[1], request[4]
            client.cookies["django_language"] = language or "nb"
            started = time.process_time()
            if profiler:
                profiler.enable()
            response = send(name, request)
            if profiler:
                profiler.disable()
            times.append((time.process_time() - started) * 1000)
            sizes.append(len(response.content))
            if response.status_code not in (200, 201, 409):
                print(f"  {response.status_code} {path}")
        print(
            f"{name}: CPU per miss {median(times):.1f} ms (median of {len(times)}, "
            f"min {min(times):.1f}, max {max(times):.1f}); body {median(sizes) / 1000:.0f} KB"
        )
        if profiler:
            stats = pstats.Stats(profiler).strip_dirs().sort_stats(args.sort)
            stats.print_stats(args.profile)
            if args.callers:
                stats.print_callers(args.callers)
            if args.callees:
                stats.print_callees(args.callees)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
