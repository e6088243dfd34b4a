import json
import re

import icalendar
import pytest
import vobject
from django.urls import reverse

from dugnad.activities import actions
from dugnad.activities.models import Event, SignUp
from tests.factories import UserFactory


def test_calendar_lists_and_filters(client, make_event, age_groups):
    make_event(title="Breakdance", groups=("youth",))
    make_event(title="Eventyrstund", groups=("children",), price_ore=5000)
    body = client.get(reverse("activities:calendar")).content.decode()
    assert "Breakdance" in body and "Eventyrstund" in body
    body = client.get(reverse("activities:calendar"), {"age_group": "youth"}).content.decode()
    assert "Breakdance" in body and "Eventyrstund" not in body
    body = client.get(reverse("activities:calendar"), {"free": "on"}).content.decode()
    assert "Breakdance" in body and "Eventyrstund" not in body
    body = client.get(reverse("activities:calendar"), {"q": "eventyr"}).content.decode()
    assert "Breakdance" not in body and "Eventyrstund" in body


@pytest.mark.parametrize(
    "params",
    [
        {"start": "not-a-date"},
        {"category": "nope"},
        {"age_group": "x"},
        {"start": "2026-05-01", "end": "2026-01-01"},
        {"organisation": "finnes-ikke"},
        {"page": "abc"},
    ],
)
def test_bad_filters_never_500(client, make_event, params):
    make_event()
    assert client.get(reverse("activities:calendar"), params).status_code == 200
    assert client.get(reverse("activities:calendar_ics"), params).status_code in (200, 400)


def test_calendar_query_count_does_not_grow(client, make_event, django_assert_max_num_queries):
    make_event(rule="FREQ=WEEKLY;COUNT=3", capacity=5)
    client.get(reverse("activities:calendar"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("activities:calendar"))
    for n in range(6):
        make_event(title=f"Event {n}", rule="FREQ=WEEKLY;COUNT=3", capacity=5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("activities:calendar"))


def test_event_page_has_valid_jsonld(client, make_event, leader):
    event = make_event(
        rule="FREQ=WEEKLY;COUNT=2", capacity=12, price_ore=10000, address="Skoleveien 1"
    )
    _first, second = event.occurrences.order_by("start")
    actions.cancel_occurrence(leader, second, "Sykdom")
    response = client.get(event.get_absolute_url())
    html = response.content.decode()
    assert "12" in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert [item["eventStatus"] for item in data] == [
        "https://schema.org/EventScheduled",
        "https://schema.org/EventCancelled",
    ]
    assert data[0]["@type"] == "Event" and data[0]["offers"]["price"] == "100.00"
    assert data[0]["startDate"].endswith(("+01:00", "+02:00"))
    assert data[0]["audience"]["audienceType"]
    assert data[0]["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")


def test_unpublished_event_is_hidden(client, make_event, coordinator):
    event = make_event()
    actions.unpublish_event(coordinator, event, "Feil")
    assert client.get(event.get_absolute_url()).status_code == 404


def test_feeds_parse_with_two_parsers(client, make_event, leader, organisation):
    event = make_event(rule="FREQ=WEEKLY;COUNT=3")
    occurrences = list(event.occurrences.order_by("start"))
    actions.cancel_occurrence(leader, occurrences[2], "")
    for url in (
        reverse("activities:calendar_ics"),
        reverse("activities:organisation_ics", args=[organisation.slug]),
        reverse("activities:occurrence_ics", args=[event.pk, occurrences[0].pk]),
    ):
        body = client.get(url).content
        cal = icalendar.Calendar.from_ical(body)
        assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Oslo"
        parsed = vobject.readOne(body.decode())
        assert parsed.vevent.uid.value == f"occurrence-{occurrences[0].pk}@3218.dugnad"
    cal = icalendar.Calendar.from_ical(client.get(reverse("activities:calendar_ics")).content)
    events = cal.walk("VEVENT")
    assert len(events) == 3
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert all("DTSTAMP" in e for e in events)
    assert events[0]["DTSTART"].dt.tzinfo is not None
    before = int(events[0]["SEQUENCE"])
    actions.update_event(leader, Event.objects.get(pk=event.pk), {"title": "Ny tittel"})
    after = icalendar.Calendar.from_ical(
        client.get(reverse("activities:calendar_ics")).content
    ).walk("VEVENT")[0]
    assert int(after["SEQUENCE"]) > before and str(after["UID"]) == str(events[0]["UID"])


def test_sign_up_view_and_cancel_link(client, event_with_signup):
    occurrence = event_with_signup.occurrences.get()
    user = UserFactory()
    client.force_login(user)
    url = reverse("activities:sign_up", args=[event_with_signup.pk, occurrence.pk])
    management = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"}
    response = client.post(url, {**management, "for_self": "0", "form-0-participant_name": ""})
    assert response.status_code == 200 and "form-0-participant_name" in response.content.decode()
    response = client.post(
        url,
        {
            **management,
            "for_self": "1",
            "form-0-participant_name": "Ola",
            "form-0-participant_age": "8",
        },
    )
    assert response.status_code == 200 and not SignUp.objects.exists()
    assert "under 13" in response.content.decode() or "under 13" in str(response.context)
    response = client.post(url, {**management, "for_self": "1", "form-0-participant_name": "Ola"})
    assert response.status_code == 302
    signup = SignUp.objects.get()
    client.logout()
    cancel = reverse("activities:cancel_signup", args=[signup.cancel_token])
    assert client.get(cancel).status_code == 200
    client.post(cancel)
    signup.refresh_from_db()
    assert signup.status == "cancelled"


def test_participants_and_csv_need_permission(client, event_with_signup, leader):
    occurrence = event_with_signup.occurrences.get()
    question = event_with_signup.signup_questions.create(label="Allergier")
    actions.sign_up(
        UserFactory(), occurrence, participant_name="=HYPERLINK()", answers={question.pk: "gluten"}
    )
    url = reverse("activities:participants_csv", args=[event_with_signup.pk, occurrence.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(leader)
    body = client.get(url).content.decode("utf-8-sig")
    assert "'=HYPERLINK()" in body and "gluten" in body and "Allergier" in body
    assert (
        client.get(
            reverse("activities:participants", args=[event_with_signup.pk, occurrence.pk])
        ).status_code
        == 200
    )


def test_create_event_form(client, leader, organisation, age_groups):
    client.force_login(leader)
    url = reverse("activities:event_create")
    assert client.get(url).status_code == 200
    base = {
        "organiser": f"org:{organisation.pk}",
        "title": "Kulturhack",
        "category": "course",
        "first_day": "2030-03-01",
        "start_time": "18:00",
        "end_time": "17:00",
        "languages": "norsk",
        "price_kroner": "0",
        "waitlist_capacity": "0",
    }
    response = client.post(url, base)
    assert response.status_code == 200 and not Event.objects.exists()
    response = client.post(
        url, {**base, "end_time": "20:00", "repeat": "custom", "rrule": "FREQ=DAILY;COUNT=9999"}
    )
    assert response.status_code == 200 and not Event.objects.exists()
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.png", b"not an image at all", content_type="image/png")
    response = client.post(url, {**base, "end_time": "20:00", "image": fake, "image_alt": "Bilde"})
    assert response.status_code == 200 and not Event.objects.exists()
    response = client.post(
        url, {**base, "end_time": "20:00", "repeat": "weekly", "until": "2030-04-01"}
    )
    assert response.status_code == 302
    assert Event.objects.get().occurrences.count() == 5


def test_create_event_forbidden_without_role(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("activities:event_create")).status_code == 403
