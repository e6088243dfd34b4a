import pytest

from dugnad.culture_school import actions
from tests.factories import UserFactory

from .conftest import add_child

pytestmark = pytest.mark.django_db


def test_offers_api_with_filters_and_free_places(client, offer, dance_offer):
    rows = client.get("/api/v1/culture-school/offers").json()["items"]
    assert {r["subject"] for r in rows} == {"Piano", "Dans"}
    assert rows[0]["free_places"] >= 0
    rows = client.get("/api/v1/culture-school/offers?programme=core").json()["items"]
    assert [r["subject"] for r in rows] == ["Dans"]
    assert client.get("/api/v1/culture-school/offers?age=-3").status_code in (400, 422)
    assert client.get("/api/v1/culture-school/offers?programme=nope").status_code in (400, 422)


def test_my_children_api(client, guardian, school, offer):
    pupil = add_child(guardian, school)
    actions.apply(guardian, pupil, [offer])
    assert client.get("/api/v1/culture-school/me/children").status_code == 401
    client.force_login(guardian)
    (child,) = client.get("/api/v1/culture-school/me/children").json()
    assert child["applications"][0]["position"] == 1
    client.force_login(UserFactory())
    assert client.get("/api/v1/culture-school/me/children").json() == []


def test_my_fees_api(client, guardian, school, offer, year):
    from dugnad.culture_school.models import Place

    Place.objects.create(pupil=add_child(guardian, school), offer=offer, started_on=year.starts_on)
    client.force_login(guardian)
    body = client.get("/api/v1/culture-school/me/fees?semester=autumn").json()
    assert body["total_ore"] == 185000
    assert body["places"][0]["lines"][0]["amount_ore"] == 185000
    assert client.get("/api/v1/culture-school/me/fees?semester=winter").status_code in (400, 422)
