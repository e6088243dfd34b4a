import pytest
from allauth.mfa.models import Authenticator

pytestmark = pytest.mark.django_db


def test_staff_without_totp_are_sent_to_set_it_up_when_required(client, coordinator, settings):
    settings.DUGNAD_REQUIRE_STAFF_2FA = True
    client.force_login(coordinator)
    response = client.get("/min-side/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/2fa/totp/activate")


def test_staff_with_totp_pass(client, coordinator, settings):
    settings.DUGNAD_REQUIRE_STAFF_2FA = True
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    client.force_login(coordinator)
    assert client.get("/min-side/").status_code == 200


def test_citizens_are_never_asked_for_totp(client, citizen, settings):
    settings.DUGNAD_REQUIRE_STAFF_2FA = True
    client.force_login(citizen)
    assert client.get("/min-side/").status_code == 200


def test_demo_mode_waives_totp(client, coordinator, settings):
    settings.DUGNAD_REQUIRE_STAFF_2FA = False
    client.force_login(coordinator)
    assert client.get("/min-side/").status_code == 200


def test_oidc_provider_is_off_by_default(settings):
    assert "openid_connect" not in settings.SOCIALACCOUNT_PROVIDERS
