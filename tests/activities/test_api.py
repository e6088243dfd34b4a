import pytest

from dugnad.activities import actions


def test_list_and_detail(client, make_event, django_assert_max_num_queries):
    event = make_event(rule="FREQ=WEEKLY;COUNT=3", capacity=4)
    response = client.get("/api/v1/events", {"limit": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3 and len(body["items"]) == 2
    start = body["items"][0]["occurrence"]["start"]
    assert start[-6:] in ("+01:00", "+02:00")
    assert body["items"][0]["occurrence"]["places_left"] == 4
    detail = client.get(f"/api/v1/events/{event.pk}").json()
    assert detail["title"] == event.title and len(detail["occurrences"]) == 3
    for n in range(5):
        make_event(title=f"E{n}", rule="FREQ=WEEKLY;COUNT=3")
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/events", {"limit": 50}).status_code == 200


@pytest.mark.parametrize(
    "params", [{"start": "x"}, {"category": "nope"}, {"start": "2026-05-01", "end": "2026-01-01"}]
)
def test_bad_filters_are_4xx_json(client, db, params):
    response = client.get("/api/v1/events", params)
    assert 400 <= response.status_code < 500
    assert "detail" in response.json() and "code" in response.json()


def test_missing_and_unpublished_are_404(client, make_event, coordinator):
    assert client.get("/api/v1/events/999999").status_code == 404
    event = make_event()
    actions.unpublish_event(coordinator, event, "Nei")
    assert client.get(f"/api/v1/events/{event.pk}").status_code == 404
