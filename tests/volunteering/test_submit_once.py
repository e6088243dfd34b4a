"""A double click on a shift or an assignment form makes one row (core.submit)."""

import datetime as dt

import pytest
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


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_four_times_at_once_makes_one_shift(assignment, leader):
    """Four requests with one token at the same moment: the unique token lets one through;
    the others wait for it and get its result."""
    from django.test import Client

    from tests.race import race

    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    data = {"date": day, "start": "17:00", "end": "20:00", "needed": "2", FIELD: new_token()}
    url = reverse("volunteering:shift_create", args=[assignment.pk])

    def send(_index):
        client = Client()
        client.force_login(leader)
        return client.post(url, data)

    answers = race(send, 4)
    assert all(getattr(a, "status_code", None) == 302 for a in answers), answers
    assert len({a["Location"] for a in answers}) == 1
    assert assignment.shifts.count() == 1
