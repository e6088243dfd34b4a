"""A double click on a shift or an assignment form makes one row (core.submit)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from dugnad.core.submit import FIELD, new_token
from dugnad.volunteering.models import Assignment


def test_a_shift_sent_twice_is_one_shift(client, assignment, leader):
    client.force_login(leader)
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    data = {"date": day, "start": "17:00", "end": "20:00", "needed": "2", FIELD: new_token()}
    url = reverse("volunteering:shift_create", args=[assignment.pk])
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert assignment.shifts.count() == 1


def test_an_assignment_sent_twice_is_one_assignment(client, organisation, leader):
    client.force_login(leader)
    data = {
        "organiser": f"o{organisation.pk}",
        "title": "Kulturhack-mentor",
        "description": "Hjelp unge",
        "kind": "one_off",
        "people_needed": "4",
        "topics": ["tech"],
        FIELD: new_token(),
    }
    url = reverse("volunteering:assignment_create")
    assert client.post(url, data).status_code == client.post(url, data).status_code == 302
    assert Assignment.objects.count() == 1
