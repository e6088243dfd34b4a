"""The login policy: one lock-out for the web and the token endpoint, the real client address,
and the second factor for tokens, with production-like settings where it matters."""

import importlib
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import RequestFactory

from dugnad.accounts.login_policy import client_ip
from dugnad.accounts.models import ApiToken
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT_LIMIT = 5  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per account in 5 minutes
ADDRESS_LIMIT = 10  # and 10 per client address a minute


def get_token(client, email, password, otp="", **extra):
    body = {"email": email, "password": password}
    if otp:
        body["otp"] = otp
    return client.post("/api/v1/auth/token", body, content_type="application/json", **extra)


def web_login(client, email, password, **extra):
    return client.post("/konto/login/", {"login": email, "password": password}, **extra)


def web_login_errors(response) -> set[str]:
    form = response.context["form"]
    return {error.code for errors in form.errors.as_data().values() for error in errors}


@pytest.fixture
def production(settings):
    """The settings of a production deployment, as far as logins are concerned."""
    settings.DEBUG = False
    settings.DEMO_MODE = False
    settings.DUGNAD_REQUIRE_STAFF_2FA = True
    return settings


# --- The client's address ---------------------------------------------------------------------


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_forwarded_for_is_ignored_from_a_peer_that_is_not_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_right_most_untrusted_address_behind_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "fd00::/8"]
    # The client wrote "1.1.1.1, 2.2.2.2"; our two proxies appended what they saw.
    request = request_from("10.0.0.1", "1.1.1.1, 2.2.2.2, 203.0.113.9, 10.0.0.2")
    assert client_ip(request) == "203.0.113.9"
    assert client_ip(request_from("fd00::1", "2001:db8::7")) == "2001:db8::7"


def test_garbage_in_forwarded_for_falls_back_to_the_nearest_known_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(request_from("10.0.0.1", "not-an-address")) == "10.0.0.1"
    assert client_ip(request_from("10.0.0.1", "")) == "10.0.0.1"
    assert client_ip(request_from("10.0.0.1")) == "10.0.0.1"


# --- One lock-out for every way in ------------------------------------------------------------


def test_rotating_forwarded_for_does_not_escape_the_account_lockout(client, citizen):
    """The attack as reported: 40 wrong passwords with a new X-Forwarded-For each, then the
    right one. Only the first few are even checked, and the right one gets no token."""
    statuses = [
        get_token(
            client, citizen.email, f"wrong-{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(40)
    ]
    assert statuses[:ACCOUNT_LIMIT] == [401] * ACCOUNT_LIMIT
    assert set(statuses[ACCOUNT_LIMIT:]) == {429}

    response = get_token(client, citizen.email, TEST_PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert response.status_code == 429 and response.json()["detail"]
    assert not ApiToken.objects.filter(user=citizen).exists()


def test_rotating_forwarded_for_does_not_escape_the_address_limit(client, settings):
    """Guessing one password for many accounts is limited per client address, and the address
    is what our own proxy saw, not what the client wrote."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's REMOTE_ADDR is our "proxy"
    UserFactory(email="last@test.example")

    def attempt(email, password, spoofed, real="203.0.113.7"):
        return get_token(client, email, password, HTTP_X_FORWARDED_FOR=f"{spoofed}, {real}")

    statuses = [
        attempt(f"guess{n}@test.example", "sommer2026", f"198.51.100.{n}").status_code
        for n in range(ADDRESS_LIMIT)
    ]
    assert statuses == [401] * ADDRESS_LIMIT
    assert attempt("last@test.example", TEST_PASSWORD, "192.0.2.99").status_code == 429
    # Another real client behind the same proxy is not held back.
    assert attempt("last@test.example", TEST_PASSWORD, "", real="203.0.113.8").status_code == 201


def test_failures_at_the_api_lock_the_web_login(client, citizen):
    for n in range(ACCOUNT_LIMIT):
        assert get_token(client, citizen.email, f"wrong-{n}").status_code == 401

    response = web_login(client, citizen.email, TEST_PASSWORD)
    assert response.status_code == 200
    assert "too_many_login_attempts" in web_login_errors(response)
    assert "_auth_user_id" not in client.session


def test_failures_on_the_web_lock_the_token_endpoint_whatever_the_host_name(client, citizen):
    for n in range(ACCOUNT_LIMIT):
        response = web_login(client, citizen.email.upper(), f"wrong-{n}", HTTP_HOST="localhost")
        assert response.status_code == 200 and "_auth_user_id" not in client.session

    response = get_token(client, f" {citizen.email} ", TEST_PASSWORD)
    assert response.status_code == 429
    assert response.json()["code"] == "too_many_login_attempts"
    assert not ApiToken.objects.filter(user=citizen).exists()


def test_a_right_password_between_failures_does_not_reset_the_count(client, citizen):
    for n in range(ACCOUNT_LIMIT - 1):
        assert get_token(client, citizen.email, f"wrong-{n}").status_code == 401
    assert get_token(client, citizen.email, TEST_PASSWORD).status_code == 201
    assert get_token(client, citizen.email, "wrong-again").status_code == 401
    assert get_token(client, citizen.email, TEST_PASSWORD).status_code == 429


# --- The second factor for tokens -------------------------------------------------------------


def enrol_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def codes_now(secret) -> set[str]:
    """Every code allauth accepts at this moment (the current period and its tolerance)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    window = range(-mfa_settings.TOTP_TOLERANCE - 1, mfa_settings.TOTP_TOLERANCE + 2)
    return {format_hotp_value(hotp_value(secret, counter + step)) for step in window}


def current_code(secret) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def wrong_code(secret) -> str:
    valid = codes_now(secret)
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def test_staff_without_two_factor_get_no_token_and_are_told_to_set_it_up(
    client, premises_manager, production
):
    response = get_token(client, premises_manager.email, TEST_PASSWORD)
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "two_factor_setup_required"
    assert "tofaktorinnlogging" in body["detail"].lower()  # in the default language, bokmål
    assert not ApiToken.objects.filter(user=premises_manager).exists()


def test_staff_with_two_factor_need_a_right_code(client, premises_manager, production):
    secret = enrol_totp(premises_manager)

    without = get_token(client, premises_manager.email, TEST_PASSWORD)
    assert without.status_code == 403 and without.json()["code"] == "otp_required"

    wrong = get_token(client, premises_manager.email, TEST_PASSWORD, otp=wrong_code(secret))
    assert wrong.status_code == 403 and wrong.json()["code"] == "invalid_otp"
    assert not ApiToken.objects.filter(user=premises_manager).exists()

    code = current_code(secret)
    right = get_token(client, premises_manager.email, TEST_PASSWORD, otp=code)
    assert right.status_code == 201
    raw = right.json()["token"]
    me = client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200 and me.json()["email"] == premises_manager.email

    # A code works once: whoever saw it go by cannot use it again.
    replay = get_token(client, premises_manager.email, TEST_PASSWORD, otp=code)
    assert replay.status_code == 403 and replay.json()["code"] == "invalid_otp"
    assert ApiToken.objects.filter(user=premises_manager).count() == 1


def test_guessing_codes_is_limited_like_on_the_web(client, premises_manager, production):
    secret = enrol_totp(premises_manager)
    bad = wrong_code(secret)
    statuses = [
        get_token(client, premises_manager.email, TEST_PASSWORD, otp=bad).status_code
        for _ in range(ACCOUNT_LIMIT + 1)
    ]
    assert statuses == [403] * ACCOUNT_LIMIT + [429]
    locked = get_token(client, premises_manager.email, TEST_PASSWORD, otp=current_code(secret))
    assert locked.status_code == 429
    assert not ApiToken.objects.filter(user=premises_manager).exists()


def test_anyone_who_set_up_two_factor_needs_the_code(client, citizen, production):
    secret = enrol_totp(citizen)
    assert get_token(client, citizen.email, TEST_PASSWORD).json()["code"] == "otp_required"
    right = get_token(client, citizen.email, TEST_PASSWORD, otp=current_code(secret))
    assert right.status_code == 201


def test_citizens_without_two_factor_get_a_token_with_the_password(client, citizen, production):
    assert not Authenticator.objects.filter(user=citizen).exists()
    assert get_token(client, citizen.email, TEST_PASSWORD).status_code == 201


def test_demo_settings_waive_the_staff_requirement(client, premises_manager, settings):
    settings.DUGNAD_REQUIRE_STAFF_2FA = False
    assert get_token(client, premises_manager.email, TEST_PASSWORD).status_code == 201


# --- The same rule for every API credential -------------------------------------------------


def test_staff_session_without_two_factor_cannot_use_the_api(client, premises_manager, production):
    """The web sends them to set up two-factor; the API must not be the way around it."""
    client.force_login(premises_manager)
    response = client.get("/api/v1/auth/me")
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_setup_required"

    enrol_totp(premises_manager)
    assert client.get("/api/v1/auth/me").status_code == 200


def test_staff_token_stops_working_while_two_factor_is_off(client, premises_manager, production):
    secret = enrol_totp(premises_manager)
    raw = get_token(client, premises_manager.email, TEST_PASSWORD, otp=current_code(secret)).json()[
        "token"
    ]
    assert client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200

    Authenticator.objects.filter(user=premises_manager).delete()
    response = client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_setup_required"


def test_migration_revokes_staff_tokens_issued_before_the_policy(premises_manager, citizen):
    from django.apps import apps

    from dugnad.accounts.actions import create_token

    migration = importlib.import_module(
        "dugnad.accounts.migrations.0003_revoke_staff_tokens_issued_without_two_factor"
    )
    staff_token, _ = create_token(premises_manager, "Gammelt")
    admin_token, _ = create_token(UserFactory(is_superuser=True), "Admin")
    citizen_token, _ = create_token(citizen, "Borger")

    migration.revoke_staff_tokens(apps, None)

    assert set(ApiToken.objects.valid()) == {citizen_token}
    assert {staff_token, admin_token} <= set(ApiToken.objects.filter(revoked_at__isnull=False))
