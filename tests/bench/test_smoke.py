"""The benchmark runner end to end for a few seconds: gunicorn, locust, results. No targets."""

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from bench.generate import Generator
from dugnad.core.models import AgeGroup, AgeGroupChoice

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_smoke_run_drives_every_request_type(tmp_path):
    for tool in ("locust", "gunicorn"):
        if importlib.util.find_spec(tool) is None:
            pytest.skip(f"{tool} is not installed: pip install -e '.[bench]'")
    Generator("tiny", progress=False, out=io.StringIO()).run()
    output = tmp_path / "smoke.json"
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.run",
                "--smoke",
                "--database-url",
                _database_url(),
                "--output",
                str(output),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        result = json.loads(output.read_text())
    finally:
        # The flush after a transactional test also empties what migrations put there.
        for position, code in enumerate(AgeGroupChoice.values):
            AgeGroup.objects.get_or_create(code=code, defaults={"position": position})
    mixed = result["mixed"]
    assert mixed["overall"]["requests"] > 0
    assert mixed["overall"]["errors"] == 0, mixed
    assert "floor" in mixed
    assert set(result["queries"]) >= {"floor", "home", "calendar", "booking"}
    assert result["machine"]["nproc"] >= 1
