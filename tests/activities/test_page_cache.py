"""The calendar's public pages are cached for anonymous visitors and emptied by changes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dugnad.activities import actions
from dugnad.core.caching import CACHE_STATUS_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def visit(path, **params):
    response = Client().get(path, params)
    assert response.status_code == 200
    return response


def test_a_new_event_shows_in_the_cached_calendar_once_committed(
    make_event, django_capture_on_commit_callbacks
):
    path = reverse("activities:calendar")
    assert visit(path)[CACHE_STATUS_HEADER] == "miss"
    assert visit(path)[CACHE_STATUS_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make_event(title="Kulturhack for unge")
    fresh = visit(path)
    assert fresh[CACHE_STATUS_HEADER] == "miss"
    assert "Kulturhack for unge" in fresh.content.decode()


def test_a_sign_up_updates_the_places_left_on_the_cached_event_page(
    event_with_signup, citizen, django_capture_on_commit_callbacks
):
    event = event_with_signup
    occurrence = event.occurrences.first()
    path = event.get_absolute_url()
    before = visit(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        actions.sign_up(citizen, occurrence, participant_name="Kari Nordmann")
    after = visit(path)
    assert after[CACHE_STATUS_HEADER] == "miss"
    assert after.content.decode() != before


def test_feeds_and_the_api_are_cached_with_their_content_type(make_event):
    make_event()
    feed = reverse("activities:calendar_ics")
    visit(feed)
    cached = visit(feed)
    assert cached[CACHE_STATUS_HEADER] == "hit"
    assert cached["Content-Type"].startswith("text/calendar")
    visit("/api/v1/events")
    api = visit("/api/v1/events")
    assert api[CACHE_STATUS_HEADER] == "hit"
    assert api["Content-Type"].startswith("application/json")
    assert api.json()["count"] == 1


def test_an_organiser_always_sees_the_live_page(make_event, leader):
    event = make_event()
    visit(event.get_absolute_url())
    client = Client()
    client.force_login(leader)
    response = client.get(event.get_absolute_url())
    assert CACHE_STATUS_HEADER not in response
    assert reverse("activities:event_edit", args=[event.pk]) in response.content.decode()


def test_a_cached_widget_may_still_be_framed_by_other_sites(make_event, organisation):
    make_event()
    path = reverse("activities:widget")
    visit(path, organisation=organisation.slug)
    cached = visit(path, organisation=organisation.slug)
    assert cached[CACHE_STATUS_HEADER] == "hit"
    assert "frame-ancestors *" in cached["Content-Security-Policy"]
    assert "X-Frame-Options" not in cached


def test_a_sign_up_leaves_the_feeds_cached_and_changes_the_event_page(
    event_with_signup, citizen, django_capture_on_commit_callbacks
):
    event = event_with_signup
    feed, page = reverse("activities:calendar_ics"), event.get_absolute_url()
    visit(feed), visit(page)
    with django_capture_on_commit_callbacks(execute=True):
        actions.sign_up(citizen, event.occurrences.first(), participant_name="Ola Nordmann")
    assert visit(feed)[CACHE_STATUS_HEADER] == "hit"
    assert visit(page)[CACHE_STATUS_HEADER] == "miss"


def test_unknown_parameters_do_not_bypass_the_calendar_or_the_feed(make_event):
    make_event()
    for name in ("activities:calendar", "activities:calendar_ics"):
        path = reverse(name)
        visit(path, age_group="")
        assert visit(path, x="random-1")[CACHE_STATUS_HEADER] == "hit"
        assert visit(path, x="random-2", q="")[CACHE_STATUS_HEADER] == "hit"
    assert visit("/api/v1/events", x="1")[CACHE_STATUS_HEADER] == "miss"
    assert visit("/api/v1/events", y="2")[CACHE_STATUS_HEADER] == "hit"


def test_feeds_answer_conditional_requests_with_304(make_event):
    make_event()
    feed = reverse("activities:calendar_ics")
    first = visit(feed)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert Client().get(feed, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert Client().get(feed, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert Client().get(feed, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_a_sign_up_changes_the_pages_that_show_its_date_and_leaves_the_others_cached(
    make_event, citizen, django_capture_on_commit_callbacks
):
    soon = make_event(title="Breakdance i morgen", capacity=5, days=1)
    later = make_event(title="Breakdance om tre uker", capacity=5, days=22)
    later_day = (timezone.localdate() + timedelta(days=22)).isoformat()
    calendar = reverse("activities:calendar")
    pages = {
        "soon's page": (soon.get_absolute_url(), {}),
        "later's page": (later.get_absolute_url(), {}),
        "the calendar": (calendar, {}),
        "later's day": (calendar, {"start": later_day, "end": later_day}),
        "the API": ("/api/v1/events", {}),
        "later in the API": ("/api/v1/events", {"start": later_day, "end": later_day}),
        "soon in the API": (f"/api/v1/events/{soon.pk}", {}),
    }
    before = {name: visit(path, **params).content for name, (path, params) in pages.items()}
    with django_capture_on_commit_callbacks(execute=True):
        actions.sign_up(citizen, soon.occurrences.first(), participant_name="Kari Nordmann")
    after = {name: visit(path, **params) for name, (path, params) in pages.items()}
    status = {name: response[CACHE_STATUS_HEADER] for name, response in after.items()}
    assert status == {
        "soon's page": "miss",
        "later's page": "hit",
        "the calendar": "miss",
        "later's day": "hit",
        "the API": "miss",
        "later in the API": "hit",
        "soon in the API": "miss",
    }
    # And what they show now is the new count: 4 of 5 places left.
    assert "4 plasser igjen" in after["the calendar"].content.decode()
    assert after["soon's page"].content != before["soon's page"]
    api_items = after["the API"].json()["items"]
    assert [item["occurrence"]["places_left"] for item in api_items] == [4, 5]
