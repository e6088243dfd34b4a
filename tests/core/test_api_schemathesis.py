"""schemathesis over the whole published OpenAPI document: generated requests to every operation
(anonymous, through the WSGI app) never get a 5xx, and every answer conforms to the document:
a documented status, the documented content type and a body matching the documented schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db, municipality):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from dugnad.wsgi import application

    # As Django's test client does: the WSGI handler would otherwise close the test's database
    # connection (and with it the test's transaction) at the end of every request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_as_documented(case):
    case.call_and_validate(checks=CHECKS)
