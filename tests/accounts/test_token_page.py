"""A person's API tokens on their own page: listed, named, made, revoked; and revoked with a new
password."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dugnad.accounts.actions import create_token
from dugnad.accounts.models import ApiToken
from dugnad.core.models import ActivityLog
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PAGE = "/min-side/api-tokener/"
NEW_PASSWORD = "et-helt-nytt-passord-2026"


def me(client, raw):
    return client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}")


def web_login(client, user, password=TEST_PASSWORD):
    response = client.post("/konto/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, "the login should succeed"


def confirm_password(client, password=TEST_PASSWORD):
    """allauth's reauthentication: the password given again, good for a few minutes."""
    response = client.post("/konto/reauthenticate/", {"password": password})
    assert response.status_code == 302, "the reauthentication should succeed"


def test_page_lists_the_owners_valid_tokens_only(client, citizen):
    mine, _ = create_token(citizen, "Kalendereksport")
    used, _ = create_token(citizen, "Medlemsliste")
    ApiToken.objects.filter(pk=used.pk).update(last_used_at=timezone.now())
    revoked, _ = create_token(citizen, "Gammelt skript")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    expired, _ = create_token(citizen, "Utløpt")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    create_token(UserFactory(), "Nabos skript")

    client.force_login(citizen)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kalendereksport" in html and mine.prefix in html
    assert "Medlemsliste" in html
    for hidden in ("Gammelt skript", "Utløpt", "Nabos skript"):
        assert hidden not in html
    assert list(response.context["tokens"]) == [used, mine]


def test_page_is_linked_from_my_page(client, citizen):
    client.force_login(citizen)
    assert PAGE in client.get("/min-side/").content.decode()


def test_page_needs_a_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_a_named_token_is_shown_once_and_works(client, citizen):
    web_login(client, citizen)
    confirm_password(client)
    response = client.post(f"{PAGE}ny/", {"name": "Nattlig eksport"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = response.context["raw_key"]
    token = ApiToken.objects.get(user=citizen)
    assert token.name == "Nattlig eksport" and raw.startswith(token.prefix)
    assert raw in response.content.decode()
    assert me(client, raw).json()["email"] == citizen.email

    # Shown once: the list afterwards has the name and the prefix, never the key.
    again = client.get(PAGE).content.decode()
    assert "Nattlig eksport" in again and raw not in again


def test_a_token_needs_a_name_and_the_form_says_so(client, citizen):
    web_login(client, citizen)
    confirm_password(client)
    response = client.post(f"{PAGE}ny/", {"name": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.filter(user=citizen).exists()


def test_making_a_token_asks_for_the_password_again(client, citizen):
    """A borrowed or left-open session must not become a 90-day token without the password."""
    web_login(client, citizen)
    response = client.post(f"{PAGE}ny/", {"name": "Snarvei"})
    assert response.status_code == 302
    assert "/konto/reauthenticate/" in response["Location"]
    assert not ApiToken.objects.filter(user=citizen).exists()

    # After the password, the suspended request goes on and makes the token.
    resumed = client.post(response["Location"], {"password": TEST_PASSWORD}, follow=True)
    assert resumed.status_code == 200
    assert ApiToken.objects.filter(user=citizen, name="Snarvei").count() == 1


def test_the_owner_revokes_a_token_and_it_stops_working(client, citizen):
    token, raw = create_token(citizen, "Skript")
    assert me(client, raw).status_code == 200
    client.force_login(citizen)

    response = client.post(f"{PAGE}{token.pk}/trekk-tilbake/")
    assert response.status_code == 302 and response["Location"] == PAGE
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ActivityLog.objects.filter(event="api_token.revoked", target_id=str(token.pk)).exists()

    client.logout()
    refused = me(client, raw)
    assert refused.status_code == 401 and refused.json()["code"] == "not_authenticated"


def test_nobody_revokes_someone_elses_token(client, citizen):
    token, raw = create_token(UserFactory(), "Andres skript")
    client.force_login(citizen)
    assert client.post(f"{PAGE}{token.pk}/trekk-tilbake/").status_code == 404
    client.logout()
    assert me(client, raw).status_code == 200


def test_revoking_is_a_post(client, citizen):
    token, _ = create_token(citizen, "Skript")
    client.force_login(citizen)
    assert client.get(f"{PAGE}{token.pk}/trekk-tilbake/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


# --- A new password revokes every token; logging out does not ---------------------------------


def test_changing_the_password_on_the_web_revokes_all_tokens(client, citizen):
    _, first = create_token(citizen, "En")
    _, second = create_token(citizen, "To")
    _, other = create_token(UserFactory(), "Noen andres")
    web_login(client, citizen)

    response = client.post(
        "/konto/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    client.logout()
    assert me(client, first).status_code == 401
    assert me(client, second).status_code == 401
    assert me(client, other).status_code == 200
    assert ActivityLog.objects.filter(event="api_token.revoked_all").count() == 1


def test_resetting_the_password_by_email_revokes_all_tokens(client, citizen):
    _, raw = create_token(citizen, "Skript")
    client.post("/konto/password/reset/", {"email": citizen.email})
    link = re.search(r"https?://[^/\s]+(/konto/password/reset/key/\S+)", mail.outbox[-1].body)
    form_page = client.get(link.group(1), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert me(client, raw).status_code == 401


def test_a_password_set_anywhere_else_revokes_tokens_too(client, citizen):
    """The admin and `manage.py changepassword` set the password on the model."""
    _, raw = create_token(citizen, "Skript")
    citizen.set_password(NEW_PASSWORD)
    citizen.save()
    assert me(client, raw).status_code == 401


def test_saving_an_account_without_a_new_password_keeps_tokens(client, citizen):
    _, raw = create_token(citizen, "Skript")
    citizen.first_name = "Nytt"
    citizen.save()
    assert citizen.check_password(TEST_PASSWORD)  # may upgrade the hash: not a new password
    assert me(client, raw).status_code == 200


def test_logging_out_keeps_tokens(client, citizen):
    """Tokens are for scripts, not for the browser: logging out ends the session only."""
    _, raw = create_token(citizen, "Skript")
    web_login(client, citizen)
    client.post("/konto/logout/")
    assert "_auth_user_id" not in client.session
    assert me(client, raw).status_code == 200
