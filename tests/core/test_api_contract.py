"""One contract for the whole API: the published document is valid OpenAPI with unique schema
names and documented errors; every list pages the same way, capped; ids and dates are
range-checked; no credentials is a 401; a body over the limit is a 413."""

import json

import pytest
from django.test import Client
from openapi_spec_validator import validate

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MAX_DB_INT = 2**63 - 1


@pytest.fixture
def document(client, municipality):
    return client.get("/api/v1/openapi.json").json()


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_published_document_is_valid_openapi(document):
    validate(document)


def test_schema_names_are_unique_and_events_use_their_own_room(document):
    schemas = document["components"]["schemas"]
    # Two classes named RoomOut used to publish one schema for two different shapes.
    assert "EventRoomOut" in schemas and "RoomOut" in schemas
    assert "kind" in schemas["RoomOut"]["properties"]
    assert set(schemas["EventRoomOut"]["properties"]) == {"id", "name", "building"}


def test_every_operation_documents_its_errors_with_the_error_schema(document):
    for path, method, operation in _operations(document):
        responses = operation["responses"]
        expected = {"400", "404", "422"}
        if operation.get("security"):
            expected |= {"401", "403"}
        if method == "post":
            expected |= {"403", "409", "413"}
        assert expected <= set(responses), (method, path, sorted(responses))
        for status in expected:
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, status)
    error = document["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"detail", "code"}


def test_every_list_pages_with_limit_and_offset_and_answers_items_and_count(client, document):
    lists = [
        (path, operation)
        for path, method, operation in _operations(document)
        if method == "get" and {"limit", "offset"} <= {p["name"] for p in operation["parameters"]}
    ]
    assert {path for path, _ in lists} >= {
        "/api/v1/organisations",
        "/api/v1/events",
        "/api/v1/premises/rooms",
        "/api/v1/bookings",
        "/api/v1/grants/schemes",
        "/api/v1/grants/awards",
        "/api/v1/grants/applications/mine",
        "/api/v1/volunteering/assignments",
        "/api/v1/volunteering/me/interests",
        "/api/v1/volunteering/me/shifts",
        "/api/v1/volunteering/me/hours",
    }
    user = UserFactory()
    client.force_login(user)
    for path, operation in lists:
        # A list under an object (a call's nominations) is read by its app's API tests, which
        # make the object and a person allowed to see it; here its parameters are checked.
        if "{" not in path:
            body = client.get(path).json()
            assert set(body) == {"items", "count"}, path
        parameters = {p["name"]: p for p in operation["parameters"]}
        assert parameters["limit"]["schema"]["maximum"] == 100, path
        for query in ("limit=101", "limit=0", "offset=-1", f"offset={2**63}", f"limit={2**64}"):
            response = client.get(f"{path}?{query}")
            assert response.status_code == 422, (path, query)
            assert response.json()["code"] == "validation_error"


@pytest.mark.parametrize(
    "address",
    [
        f"/api/v1/events?area={2**63}",
        "/api/v1/events?area=0",
        "/api/v1/events?start=0001-01-01",
        "/api/v1/events?end=9999-12-31",
        f"/api/v1/premises/rooms?area={2**63}",
        f"/api/v1/premises/rooms?building={2**64}",
        "/api/v1/premises/rooms?start=0001-01-01T00:00&end=0001-01-02T00:00",
        f"/api/v1/events/{2**63}",
        f"/api/v1/organisations/{2**64}",
        f"/api/v1/premises/rooms/{2**63}/availability?start=2026-01-01T00:00&end=2026-01-02T00:00",
        "/api/v1/premises/rooms/1/availability?start=9999-12-31T00:00&end=9999-12-31T01:00",
        "/api/v1/grants/awards?year=99999",
    ],
)
def test_numbers_and_dates_out_of_range_are_422_json(client, municipality, address):
    response = client.get(address)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "validation_error"


def test_end_without_start_is_accepted(client, municipality):
    assert client.get("/api/v1/events?end=2030-01-01").status_code == 200
    response = client.get("/api/v1/premises/rooms?end=2099-01-01T10:00")
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer nonsense"}, {"HTTP_AUTHORIZATION": "Basic abc"}],
)
def test_post_without_valid_credentials_is_401_not_a_csrf_403(municipality, headers):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/bookings", "{}", content_type="application/json", **headers)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    cancel = client.post("/api/v1/bookings/1/cancel", content_type="application/json", **headers)
    assert cancel.status_code == 401


def test_logged_in_session_still_needs_the_csrf_token(municipality):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post("/api/v1/bookings", "{}", content_type="application/json")
    assert response.status_code == 403


def test_body_over_the_limit_is_413_json_on_the_api(client, municipality, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"email": "a@test.example", "password": "x" * 2048})
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert "MB" in response.json()["detail"]


def test_eleven_megabytes_to_the_api_is_413(client, municipality):
    body = json.dumps({"email": "a@test.example", "password": "x" * (11 * 1024 * 1024)})
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 413


def test_form_over_the_limit_is_a_413_page(client, municipality, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(UserFactory())
    response = client.post("/organisasjoner/registrer/", {"name": "x" * 4096})
    assert response.status_code == 413
    assert "For mye data" in response.content.decode()


def test_apps_page_rows_with_the_kernels_mapped_rows_not_their_own():
    """One lazily converted row sequence for the paginator (core.api.MappedRows): a copy in an
    app drifts from it (a count that loads every row, a slice that ignores the step)."""
    import ast
    from pathlib import Path

    import dugnad

    root = Path(dugnad.__file__).parent
    copies = [
        f"{path.relative_to(root)}: {node.name}"
        for path in sorted(root.glob("*/api.py"))
        if path.parent.name != "core"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef)
        and {"count", "__getitem__"}
        <= {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
    ]
    assert copies == []
