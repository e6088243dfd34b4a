import pytest

from dugnad.organisations.models import Organisation

from .conftest import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(municipality, activities, age_groups, areas):
    club = make_organisation(municipality=municipality, name="Ås Fleridrett", area=areas["nordby"],
                             in_voluntary_register=True)  # fmt: skip
    club.activity_types.set([activities["fotball"], activities["basketball"]])
    club.age_groups.set([age_groups["youth"]])
    choir = make_organisation(municipality=municipality, name="Ås Kor", category="music")
    choir.activity_types.set([activities["kor"]])
    make_organisation(municipality=municipality, name="Ventende lag", status="pending")
    return club, choir


def test_list_and_filters(client, directory):
    club, choir = directory
    body = client.get("/api/v1/organisations").json()
    assert body["count"] == 2 and {r["name"] for r in body["items"]} == {club.name, choir.name}
    body = client.get("/api/v1/organisations?activity=basketball").json()
    assert [r["name"] for r in body["items"]] == [club.name]
    assert body["items"][0]["activities"][0]["slug"] in {"fotball", "basketball"}
    body = client.get("/api/v1/organisations?activity=kor&activity=basketball").json()
    assert body["count"] == 2
    assert client.get("/api/v1/organisations?register=1&age=youth&area=nordby").json()["count"] == 1
    assert (
        client.get("/api/v1/organisations?category=music").json()["items"][0]["name"] == choir.name
    )
    assert client.get("/api/v1/organisations?q=kor").json()["items"][0]["name"] == choir.name


@pytest.mark.parametrize("query,field", [
    ("category=ukjent", "category"), ("activity=curling", "activity"), ("age=babies", "age"),
    ("area=mars", "area"), ("register=kanskje", "register"),
])  # fmt: skip
def test_unknown_filter_is_a_400_json(client, directory, query, field):
    response = client.get(f"/api/v1/organisations?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_filter" and body["field"] == field and body["detail"]


def test_pagination(client, directory):
    # The same limit/offset pagination as every other list: {"items", "count"}.
    first = client.get("/api/v1/organisations?limit=1").json()
    second = client.get("/api/v1/organisations?limit=1&offset=1").json()
    assert (first["count"], len(first["items"]), len(second["items"])) == (2, 1, 1)
    assert first["items"][0]["name"] != second["items"][0]["name"]
    assert client.get("/api/v1/organisations?offset=9").json() == {"items": [], "count": 2}
    for query in ("limit=101", "limit=0", "offset=-1", "limit=abc", f"offset={2**63}"):
        response = client.get(f"/api/v1/organisations?{query}")
        assert response.status_code == 422, query
        assert response.json()["code"] == "validation_error"


def test_detail(client, directory):
    club, _ = directory
    body = client.get(f"/api/v1/organisations/{club.pk}").json()
    assert body["org_number"] == club.org_number and body["area"] == "nordby"
    pending = Organisation.objects.get(name="Ventende lag")
    response = client.get(f"/api/v1/organisations/{pending.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client.get("/api/v1/organisations/999999").status_code == 404


def test_list_query_count_is_constant(
    client, directory, municipality, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as small:
        client.get("/api/v1/organisations")
    for i in range(10):
        make_organisation(municipality=municipality, name=f"Flere {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/api/v1/organisations").json()["count"] == 12
