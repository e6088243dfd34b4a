"""Locust users for the benchmark; started by bench/run.py, one phase at a time.

Environment: BENCH_SAMPLE (the JSON written by the runner: ids, slugs, times and the bearer
token) and BENCH_TYPES (comma-separated request types for this phase; all of them by default).
Users wait for nothing between requests: a closed loop, so the throughput of a phase is what
the server gives at that concurrency.
"""

import json
import os
import random
import sys
from pathlib import Path

from locust import FastHttpUser, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # locust loads this by path

from bench.mix import BY_NAME, TYPES, build

SAMPLE = json.loads(Path(os.environ["BENCH_SAMPLE"]).read_text())
WANTED = [n for n in os.environ.get("BENCH_TYPES", "").split(",") if n] or [t.name for t in TYPES]
NAMES = [name for name in WANTED if name in BY_NAME]
WEIGHTS = [BY_NAME[name].weight for name in NAMES]
_counter = iter(range(1_000_000))


class Visitor(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        # Each simulated user its own stream, reproducible from run to run.
        self.rng = random.Random(next(_counter))

    @task
    def one_request(self):
        name = self.rng.choices(NAMES, WEIGHTS)[0] if len(NAMES) > 1 else NAMES[0]
        request = build(name, SAMPLE, self.rng)
        headers = {"Authorization": f"Bearer {SAMPLE['token']}"} if request.auth else {}
        ok = BY_NAME[name].ok
        with self.client.request(
            request.method,
            request.path,
            json=request.body,
            headers=headers,
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code in ok:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
