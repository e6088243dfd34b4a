"""An event dated in the past is not published at once: the form warns and asks to confirm,
keeping everything typed; with the box ticked it is published."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.activities.models import Event

pytestmark = pytest.mark.django_db


def _data(organisation, day):
    return {
        "organiser": f"org:{organisation.pk}",
        "title": "Kulturhack i fjor",
        "category": "course",
        "first_day": day.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "languages": "norsk",
        "price_kroner": "0",
        "waitlist_capacity": "0",
    }


def test_a_date_in_the_past_warns_and_publishes_only_when_confirmed(client, leader, organisation):
    client.force_login(leader)
    url = reverse("activities:event_create")
    last_week = timezone.localdate() - timedelta(days=7)
    response = client.post(url, _data(organisation, last_week))
    html = response.content.decode()
    assert response.status_code == 200 and not Event.objects.exists()
    assert 'id="past-warning"' in html and "er passert" in html
    assert 'name="confirm_past"' in html
    assert 'value="Kulturhack i fjor"' in html  # nothing typed is lost
    response = client.post(url, {**_data(organisation, last_week), "confirm_past": "1"})
    assert response.status_code == 302
    assert Event.objects.get().title == "Kulturhack i fjor"


def test_a_date_ahead_needs_no_confirmation(client, leader, organisation):
    client.force_login(leader)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(reverse("activities:event_create"), _data(organisation, tomorrow))
    assert response.status_code == 302 and Event.objects.count() == 1
