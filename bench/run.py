"""The load benchmark: the app as in production, a fixed mix of requests, figures per type.

    python -m bench.run --scale as          # after: python -m bench.generate --scale as --reset
    python -m bench.run --smoke             # a few seconds, no targets: for CI

Steps: collect static files, start gunicorn (DEBUG off, fixed workers) on 127.0.0.1 at a free
port against DATABASE_URL, log the benchmark's organisation leader in for a bearer token, warm
up, then drive locust headless over loopback: one phase per request type alone (its throughput
and latency at a fixed concurrency, compared with the floor's), then the whole mix. Results go
to bench/results/<date>-<scale>.json and, for full runs, a table in docs/performance.md.
"""

import argparse
import csv
import datetime as dt
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "performance.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dugnad_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        DEMO_MODE="0",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", "bench-only-" + "k" * 50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Loopback has no TLS proxy in front; every other production setting stays on.
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="dugnad.settings",
        # As in production: mail is queued for a worker, not sent in the request.
        TASKS_BACKEND="database",
    )
    env.pop("DUGNAD_TESTING", None)
    # Production shares one cache (pages, sessions) between the workers; so does the benchmark
    # when Redis answers. Its own database number, emptied at the start of every run.
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if port_open(redis_url):
        env["REDIS_URL"] = redis_url
    else:
        print(f"No Redis at {redis_url}: each worker caches on its own.", file=sys.stderr)
    return env


def port_open(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def machine() -> dict:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    memory_kb = 0
    cpu = platform.processor()
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "postgresql": pg_version,
        "python": platform.python_version(),
        "django": django.get_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def data_counts() -> dict:
    from django.apps import apps

    names = {
        "municipalities": "core.Municipality",
        "organisations": "organisations.Organisation",
        "rooms": "premises.Room",
        "bookings": "premises.Booking",
        "events": "activities.Event",
        "occurrences": "activities.Occurrence",
        "volunteers": "volunteering.VolunteerProfile",
        "assignments": "volunteering.Assignment",
    }
    return {key: apps.get_model(label).objects.count() for key, label in names.items()}


def measure_queries(sample: dict, token: str | None = None) -> dict:
    """SQL queries per request type, through Django's test client on the same database."""
    import random

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .mix import TYPES, build, send

    client = Client()
    rng = random.Random(5)
    counts = {}
    for request_type in TYPES:
        # One request first, as the warm-up does for the server: a process's first request
        # fills per-process caches (content types, the token's last use) once, not every time.
        send(client, build(request_type.name, sample, rng), token)
        with CaptureQueriesContext(connection) as captured:
            response = send(client, build(request_type.name, sample, rng), token)
        counts[request_type.name] = {"queries": len(captured), "status": response.status_code}
    return counts


def set_bench_password(email: str, password: str) -> None:
    """Hash the known password with the hasher the server will check it with (test-mode
    settings use a fast one), so that the login works whichever settings built the data."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email=email).first()
    if user is not None:
        user.set_password(password)
        user.save(update_fields=["password"])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer {url} within {seconds:.0f} s.")


def prime(base: str, sample: dict, rounds: int) -> None:
    """Send each read type a few times, one by one, so that every worker has loaded templates,
    translations and URL patterns before anything is timed."""
    import random

    from .mix import TYPES, build

    rng = random.Random(9)
    for _ in range(rounds):
        for request_type in TYPES:
            if request_type.public_read:
                path = build(request_type.name, sample, rng).path
                with urllib.request.urlopen(base + path, timeout=120) as response:
                    response.read()


def get_token(base: str, email: str, password: str) -> str:
    body = json.dumps({"email": email, "password": password, "name": "bench"}).encode()
    request = urllib.request.Request(
        base + "/api/v1/auth/token", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["token"]


def _number(text: str) -> float | None:
    # Locust writes N/A when no request of a type finished within the phase.
    try:
        return round(float(text), 1)
    except ValueError:
        return None


def run_locust(base: str, sample_path: Path, types: list[str], seconds: int, users: int, tmp):
    prefix = Path(tmp) / f"phase-{'-'.join(types)[:40]}-{time.monotonic_ns()}"
    env = dict(os.environ, BENCH_SAMPLE=str(sample_path), BENCH_TYPES=",".join(types))
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
        "--headless", "--host", base, "-u", str(users), "-r", str(users),
        "-t", f"{seconds}s", "--stop-timeout", "5", "--csv", str(prefix), "--only-summary",
        "--loglevel", "ERROR", "--exit-code-on-error", "0",
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 120)
    if done.returncode != 0:
        raise SystemExit(f"locust failed ({done.returncode}):\n{done.stderr[-3000:]}")
    stats = {}
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            name = "overall" if row["Name"] == "Aggregated" else row["Name"]
            stats[name] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "mean_ms": _number(row["Average Response Time"]),
                "p50_ms": _number(row["50%"]),
                "p95_ms": _number(row["95%"]),
                "p99_ms": _number(row["99%"]),
            }
    errors = Path(f"{prefix}_failures.csv")
    if errors.exists():
        rows = list(csv.DictReader(errors.open(newline="")))
        for row in rows[:5]:
            stats.setdefault(row["Name"], {}).setdefault("error_samples", []).append(row["Error"])
    return stats


def markdown(result: dict) -> str:
    from .mix import TYPES

    floor = result["isolated"].get("floor") or result["mixed"].get("floor") or {}
    lines = [
        f"Scale `{result['scale']}`, {result['date']}: {result['config']['workers']} gunicorn "
        f"workers, {result['config']['users']} locust users (closed loop), "
        f"{result['config']['phase_seconds']} s per type alone, "
        f"{result['config']['mix_seconds']} s for the mix. Load average at start: "
        f"{result['machine']['load_average_at_start']}.",
        "",
        "| request type | queries | rps alone | × floor rps | p50 ms | p95 ms | p99 ms | "
        "errors | mix rps | mix p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = [t.name for t in TYPES] + ["overall"]
    for name in names:
        alone, mixed = result["isolated"].get(name, {}), result["mixed"].get(name, {})
        queries = result["queries"].get(name, {}).get("queries", "")
        ratio = (
            f"{alone['rps'] / floor['rps']:.2f}" if alone.get("rps") and floor.get("rps") else ""
        )
        lines.append(
            f"| {name} | {queries} | {alone.get('rps', '')} | {ratio} | "
            f"{alone.get('p50_ms', '')} | {alone.get('p95_ms', '')} | {alone.get('p99_ms', '')} | "
            f"{alone.get('errors', mixed.get('errors', ''))} | {mixed.get('rps', '')} | "
            f"{mixed.get('p95_ms', '')} |"
        )
    return "\n".join(lines)


def _replace(text: str, start: str, end: str, body: str, before: str | None = None) -> str:
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        return text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    if before and before in text:
        return text.replace(before, block + "\n\n" + before)
    return text.rstrip() + "\n\n" + block + "\n"


def update_docs(result: dict, table: str) -> None:
    """Put this scale's table (and the machine) into docs/performance.md between markers."""
    scale, m = result["scale"], result["machine"]
    text = DOCS.read_text() if DOCS.exists() else "# Performance\n"
    machine_text = (
        f"{m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB memory, PostgreSQL "
        f"{m['postgresql']} on the same machine, Python {m['python']}, Django {m['django']}."
    )
    text = _replace(text, "<!-- machine:start -->", "<!-- machine:end -->", machine_text)
    text = _replace(
        text,
        f"<!-- bench:{scale}:start -->",
        f"<!-- bench:{scale}:end -->",
        f"### Scale `{scale}`\n\n{table}",
        before="<!-- results:end -->",
    )
    DOCS.write_text(text)


def main(argv=None) -> int:
    from .mix import TYPES, missing

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="as", help="the scale the data was built at (a label)")
    parser.add_argument("--smoke", action="store_true", help="a few seconds; no per-type phases")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--users", type=int, help="locust users; default: one per worker")
    parser.add_argument("--phase-seconds", type=int, default=10)
    parser.add_argument("--mix-seconds", type=int, default=30)
    parser.add_argument("--warmup-seconds", type=int, default=5)
    parser.add_argument("--output", type=Path, help="where to write the JSON result")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/performance.md alone")
    args = parser.parse_args(argv)
    database_url = args.database_url or DEFAULT_DATABASE_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("The benchmark runs against PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2
    if args.smoke:
        args.workers, args.phase_seconds, args.mix_seconds, args.warmup_seconds = 2, 0, 4, 0
        args.scale = f"{args.scale}-smoke" if args.scale != "as" else "smoke"
    users = args.users or args.workers

    env = server_env(database_url)
    if args.smoke:
        # The smoke run checks the machinery, not the figures: test-mode settings spare it the
        # half minute that collecting and compressing static files takes.
        env["DUGNAD_TESTING"] = "1"
    # This process reads the database (samples, counts, query counts) with the same settings
    # as the server, except DEBUG, which the test client needs for its host name.
    # Its query counts are those of a page rendered, not of one served from the page cache.
    os.environ.update(
        env,
        DEBUG="1",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PUBLIC_PAGE_CACHE_SECONDS="0",
    )
    import django

    django.setup()
    from django.core.management import call_command

    # As a deploy does: the code may have moved on since the data was generated.
    call_command("migrate", verbosity=0, interactive=False)
    from django.core.cache import cache

    cache.clear()  # pages cached from another database or an earlier version of the code
    from .generate import BENCH_LEADER_PASSWORD
    from .mix import collect_sample

    sample = collect_sample()
    set_bench_password(sample["bench_user"], BENCH_LEADER_PASSWORD)
    if lacking := missing(sample):
        print(f"No benchmark data ({', '.join(lacking)} missing): run python -m bench.generate "
              f"--scale {args.scale} --reset first.", file=sys.stderr)  # fmt: skip
        return 2
    result = {
        "scale": args.scale,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "data": data_counts(),
        "config": {
            "workers": args.workers,
            "users": users,
            "phase_seconds": args.phase_seconds,
            "mix_seconds": args.mix_seconds,
            "warmup_seconds": args.warmup_seconds,
            "server": "gunicorn sync workers, DEBUG=0, 127.0.0.1",
            "floor": "GET /livez (middleware, no query)",
        },
    }

    if not args.smoke:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="dugnad-bench-") as tmp:
        log = open(Path(tmp) / "server.log", "w")  # noqa: SIM115 (closed after the server)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "dugnad.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(base + "/healthz")
            sample["token"] = get_token(base, sample["bench_user"], BENCH_LEADER_PASSWORD)
            result["queries"] = measure_queries(sample, sample["token"])
            prime(base, sample, rounds=args.workers)
            sample_path = Path(tmp) / "sample.json"
            sample_path.write_text(json.dumps(sample))
            names = [t.name for t in TYPES]
            if args.warmup_seconds:
                run_locust(base, sample_path, names, args.warmup_seconds, users, tmp)
            result["isolated"] = {}
            if args.phase_seconds:
                for name in names:
                    print(f"  {name} alone for {args.phase_seconds} s", flush=True)
                    stats = run_locust(base, sample_path, [name], args.phase_seconds, users, tmp)
                    result["isolated"][name] = stats.get(name, {})
            print(f"  the mix for {args.mix_seconds} s", flush=True)
            result["mixed"] = run_locust(base, sample_path, names, args.mix_seconds, users, tmp)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            log.close()
            result["server_log_tail"] = (Path(tmp) / "server.log").read_text()[-2000:]

    table = markdown(result)
    print(table)
    output = args.output
    if output is None:
        output = RESULTS / f"{dt.date.today().isoformat()}-{args.scale}.json"
        if args.smoke:
            output = Path(tempfile.gettempdir()) / "dugnad-bench-smoke.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"results: {output}")
    if not (args.smoke or args.no_docs):
        update_docs(result, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
