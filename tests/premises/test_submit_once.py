"""A double click on the block form makes one block (core.submit)."""

from django.urls import reverse

from dugnad.core.submit import FIELD, new_token

from .conftest import next_weekday, slot


def test_a_block_sent_twice_is_one_block(client, premises_manager, room):
    client.force_login(premises_manager)
    start, end = slot(next_weekday(2), "08:00", "16:00")
    data = {
        "room": room.pk,
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": end.strftime("%Y-%m-%dT%H:%M"),
        "reason": "Skolens bruk",
        FIELD: new_token(),
    }
    url = reverse("premises:block")
    assert client.post(url, data).status_code == client.post(url, data).status_code == 302
    assert room.blocked_periods.count() == 1
