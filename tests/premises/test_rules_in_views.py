"""Premises decisions the views used to take themselves, now `can_*` rules with a reason."""

import pytest
from django.utils import translation

from dugnad.premises import rules
from dugnad.premises.models import BookingSeries
from tests.factories import OrganisationRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(room):
    from .conftest import next_weekday

    first = next_weekday(0, 1)
    return BookingSeries.objects.create(
        room=room,
        booked_by=UserFactory(),
        title="Korøvelse",
        rrule="FREQ=WEEKLY;COUNT=1",
        first_date=first,
        last_date=first,
    )


def test_series_is_seen_by_its_renter_and_the_rooms_managers(series, premises_manager):
    assert rules.can_view_series(series.booked_by, series)
    assert rules.can_view_series(premises_manager, series)
    with translation.override("en"):
        verdict = rules.can_view_series(UserFactory(), series)
        assert not verdict and "Only the person who booked" in str(verdict.reason)


def test_feed_link_rule_says_who_may_follow(room, organisation, premises_manager):
    member = OrganisationRoleFactory(organisation=organisation).user
    assert rules.can_follow_feed(premises_manager, "premises.room", room)
    assert rules.can_follow_feed(member, "premises.organisation", organisation)
    with translation.override("en"):
        verdict = rules.can_follow_feed(member, "premises.room", room)
        assert not verdict and "room's managers" in str(verdict.reason)


def test_seeking_slots_needs_an_organisation(organisation):
    person = UserFactory()
    assert rules.can_seek_slots(person, [organisation])
    with translation.override("en"):
        verdict = rules.can_seek_slots(person, [])
        assert not verdict and "organisations in the directory" in str(verdict.reason)


def test_series_page_refuses_others_with_the_reason(client, series):
    from django.urls import reverse

    client.force_login(UserFactory())
    response = client.get(reverse("premises:series", args=[series.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
