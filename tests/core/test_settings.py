import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process; production has none.
    unset = {"DEBUG", "DUGNAD_TESTING", "DEMO_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-production-secret-" + "k" * 40 + "-with-variety-1234567890",
        ALLOWED_HOSTS="dugnad.as.kommune.example",
        DEBUG="0",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_workers_would_not_share_the_page_cache():
    result = run_manage(
        "check",
        "--deploy",
        SECRET_KEY="a-long-production-secret-" + "k" * 40 + "-with-variety-1234567890",
        ALLOWED_HOSTS="dugnad.as.kommune.example",
        DEBUG="0",
        REDIS_URL="",
    )
    assert "dugnad.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="x.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_settings_run_with_a_development_key():
    result = run_manage("check", DEBUG="1", SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_openid_connect_provider_is_configured_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "app = settings.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'][0]; "
        "print(app['provider_id'], app['client_id'], app['settings']['server_url'])",
        DEBUG="1",
        OIDC_CLIENT_ID="dugnad-client",
        OIDC_SERVER_URL="https://idporten.example/.well-known/openid-configuration",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "idporten",
        "dugnad-client",
        "https://idporten.example/.well-known/openid-configuration",
    ]


def test_a_worker_freezes_what_it_loaded_so_collections_do_not_walk_it():
    """dugnad.wsgi freezes the objects of Django's set-up: a full garbage collection in a
    worker then skips them (87 ms against 0.01 ms when measured), instead of landing on
    whichever request crosses the collector's threshold."""
    script = "import gc, dugnad.wsgi; print(gc.get_freeze_count())"
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "dugnad.settings"}
    env.pop("DUGNAD_TESTING", None)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.strip().splitlines()[-1]) > 50_000
