import datetime as dt

import pytest
from django.utils import timezone

from dugnad.accounts.models import ApiToken
from dugnad.volunteering import actions

from .conftest import make_assignment, make_shift

pytestmark = pytest.mark.django_db


def bearer(user):
    raw = ApiToken.new_raw_key()
    ApiToken.objects.create(
        user=user,
        key_hash=ApiToken.hash(raw),
        prefix=raw[:8],
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    return {"Authorization": f"Bearer {raw}"}


def test_assignments_filters(client, assignment, moertunet, django_assert_max_num_queries):
    make_assignment(unit=moertunet, title="Språkkafé", topics=["language"], kind="ongoing")
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/volunteering/assignments").json()
    assert body["count"] == 2
    body = client.get("/api/v1/volunteering/assignments?topic=language").json()
    assert [a["title"] for a in body["items"]] == ["Språkkafé"]
    assert body["items"][0]["unit"] == "moertunet-demenssenter"
    body = client.get("/api/v1/volunteering/assignments?area=nordby&kind=one_off").json()
    assert [a["title"] for a in body["items"]] == ["Vert på Kulturfesten"]
    assert client.get("/api/v1/volunteering/assignments?q=kaf").json()["count"] == 1


def test_bad_filter_is_4xx_json(client, db):
    response = client.get("/api/v1/volunteering/assignments?limit=0")
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


@pytest.mark.parametrize("path", ["interests", "shifts", "hours"])
def test_me_needs_login(client, db, path):
    response = client.get(f"/api/v1/volunteering/me/{path}")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_me_with_bearer_token(client, assignment, volunteer, leader, other_volunteer):
    interest = actions.express_interest(volunteer, assignment)
    actions.answer_interest(leader, interest, accept=True)
    actions.sign_up(volunteer, make_shift(assignment))
    actions.log_hours(volunteer, assignment, timezone.localdate(), 60)
    actions.express_interest(other_volunteer, assignment)
    headers = bearer(volunteer)
    interests = client.get("/api/v1/volunteering/me/interests", headers=headers).json()["items"]
    assert [(i["assignment"], i["status"]) for i in interests] == [(assignment.title, "accepted")]
    shifts = client.get("/api/v1/volunteering/me/shifts", headers=headers).json()["items"]
    assert len(shifts) == 1 and shifts[0]["assignment_id"] == assignment.pk
    hours = client.get("/api/v1/volunteering/me/hours", headers=headers).json()["items"]
    assert [h["minutes"] for h in hours] == [60]
