"""Private booking feeds: a key per subscriber, shown once, used, revoked; and the feed itself
through the kernel's iCal writer."""

import re

import icalendar
import pytest
import vobject
from django.urls import reverse

from dugnad.accounts.models import UnitRole
from dugnad.core.models import FeedToken
from dugnad.premises import actions
from tests.factories import UserFactory

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db


def create_link(client, kind, pk, back):
    response = client.post(reverse("premises:feed_link", args=[kind, pk]))
    assert response.status_code == 302 and response.url == back
    page = client.get(back).content.decode()
    [url] = re.findall(r"<code>(http[^<]+/lokaler/feed/[^<]+\.ics)</code>", page)
    return url


def test_manager_creates_a_room_feed_link_shown_once_and_revokes_it(
    client, premises_manager, citizen, room
):
    actions.book_room(citizen, room, *slot(next_weekday(2)), title="Korps")
    client.force_login(premises_manager)
    room_page = reverse("premises:room", args=[room.pk])
    url = create_link(client, "rom", room.pk, room_page)
    token = FeedToken.objects.get()
    assert token.owner == premises_manager and token.feed == "premises.room"
    assert token.object_id == room.pk and token.key_hash not in url  # only the hash is kept
    assert url not in client.get(room_page).content.decode()  # shown once

    client.logout()
    assert "Korps" in client.get(url).content.decode()
    token.refresh_from_db()
    assert token.last_used_at is not None

    client.force_login(premises_manager)
    page = client.get(room_page).content.decode()
    assert token.prefix in page and "not used yet" not in page
    response = client.post(reverse("core:revoke_feed_link", args=[token.pk]), {"next": room_page})
    assert response.status_code == 302 and response.url == room_page
    client.logout()
    assert client.get(url).status_code == 404


def test_each_subscriber_has_a_key_of_their_own(client, leader, organisation, room):
    other = UserFactory()
    organisation.roles.create(user=other, role="editor")
    actions.book_room(leader, room, *slot(next_weekday(2)), title="Møte", organisation=organisation)
    mine = reverse("premises:my_bookings")
    client.force_login(leader)
    leader_url = create_link(client, "organisasjon", organisation.pk, mine)
    client.force_login(other)
    other_url = create_link(client, "organisasjon", organisation.pk, mine)
    assert leader_url != other_url
    # Someone else's key cannot be revoked by another member: it is not theirs to find.
    leader_token = FeedToken.objects.get(owner=leader)
    response = client.post(reverse("core:revoke_feed_link", args=[leader_token.pk]))
    assert response.status_code == 404
    leader_token.refresh_from_db()
    assert leader_token.revoked_at is None
    FeedToken.objects.filter(owner=other).update(revoked_at="2026-09-14T10:00:00Z")
    client.logout()
    assert client.get(other_url).status_code == 404
    assert "Møte" in client.get(leader_url).content.decode()


def test_a_key_stops_working_when_its_owner_loses_the_role(client, premises_manager, room):
    client.force_login(premises_manager)
    url = create_link(client, "rom", room.pk, reverse("premises:room", args=[room.pk]))
    client.logout()
    assert client.get(url).status_code == 200
    UnitRole.objects.filter(user=premises_manager).delete()
    assert client.get(url).status_code == 404


def test_only_those_who_may_see_a_feed_can_create_a_link(client, citizen, room, organisation):
    client.force_login(citizen)
    for kind, pk in (("rom", room.pk), ("organisasjon", organisation.pk)):
        assert client.post(reverse("premises:feed_link", args=[kind, pk])).status_code == 403
    assert client.post(reverse("premises:feed_link", args=["rom", 999999])).status_code == 404
    assert not FeedToken.objects.exists()


@pytest.fixture
def any_host(settings):
    settings.ALLOWED_HOSTS = ["*"]


def test_booking_feed_has_timezone_stable_uids_sequence_and_cancelled(
    client, leader, premises_manager, organisation, room, any_host
):
    from dugnad.core import feed_tokens

    kept = actions.book_room(
        leader, room, *slot(next_weekday(2)), title="Møte", organisation=organisation
    )
    dropped = actions.book_room(
        leader, room, *slot(next_weekday(3)), title="Trening", organisation=organisation
    )
    _token, raw = feed_tokens.issue(leader, "premises.organisation", organisation.pk)
    url = reverse("premises:feed", args=["organisasjon", organisation.pk, raw])

    def read(host):
        body = client.get(url, HTTP_HOST=host).content
        vobject.readOne(body.decode())
        return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}

    before = read("dugnad.as.example")
    assert "VTIMEZONE" in client.get(url).content.decode()
    assert {k: str(e["UID"]) for k, e in before.items()} == {
        "Møte": f"booking-{kept.pk}@3218.dugnad",
        "Trening": f"booking-{dropped.pk}@3218.dugnad",
    }
    actions.transition(leader, dropped, "cancel")
    after = read("annen.example.org")
    assert {k: str(e["UID"]) for k, e in after.items()} == {
        k: str(e["UID"]) for k, e in before.items()
    }
    assert str(after["Trening"]["STATUS"]) == "CANCELLED"
    assert int(after["Trening"]["SEQUENCE"]) == int(before["Trening"]["SEQUENCE"]) + 1
    assert str(after["Møte"]["STATUS"]) == "CONFIRMED"
    assert int(after["Møte"]["SEQUENCE"]) == int(before["Møte"]["SEQUENCE"])
