from datetime import timedelta

import pytest
from django.utils import timezone

from dugnad.accounts.models import ApiToken
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def get_token(client, email, password):
    return client.post(
        "/api/v1/auth/token",
        {"email": email, "password": password},
        content_type="application/json",
    )


def test_token_for_valid_credentials_authenticates_requests(client, citizen):
    response = get_token(client, citizen.email, TEST_PASSWORD)
    assert response.status_code == 201
    raw = response.json()["token"]
    assert response.json()["token_type"] == "Bearer"
    stored = ApiToken.objects.get(user=citizen)
    assert stored.key_hash != raw and raw.startswith(stored.prefix)

    me = client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200
    assert me.json()["email"] == citizen.email


@pytest.mark.parametrize(
    ("email", "password", "status", "code"),
    [
        ("person@test.example", "feil", 401, "invalid_credentials"),
        ("ukjent@test.example", TEST_PASSWORD, 401, "invalid_credentials"),
        # Missing credentials are not authenticated: 401, like a request without a token.
        ("", "", 401, "missing_credentials"),
        ("person@test.example", "", 401, "missing_credentials"),
    ],
)
def test_token_errors_are_json_with_detail_and_code(client, email, password, status, code):
    UserFactory(email="person@test.example")
    response = get_token(client, email, password)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and body["detail"]


def test_malformed_body_is_422_json(client):
    response = client.post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "detail" in response.json() and "code" in response.json()


def test_unverified_email_gets_no_token(client):
    user = UserFactory(verified=False)
    response = get_token(client, user.email, TEST_PASSWORD)
    assert response.status_code == 403
    assert response.json()["code"] == "email_not_verified"


def test_revoked_expired_and_bogus_tokens_are_refused(client, citizen):
    raw = get_token(client, citizen.email, TEST_PASSWORD).json()["token"]
    token = ApiToken.objects.get(user=citizen)
    for change in (
        {"revoked_at": timezone.now()},
        {"revoked_at": None, "expires_at": timezone.now()},
    ):
        ApiToken.objects.filter(pk=token.pk).update(**change)
        response = client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
    assert client.get("/api/v1/auth/me", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401
    # A valid token again, first working, then of a user who has been deactivated.
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(days=1))
    me = client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200
    type(citizen).objects.filter(pk=citizen.pk).update(is_active=False)
    assert client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_openapi_document_and_docs(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/auth/token" in document["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_interactive_docs_load_their_assets_locally(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
