"""A double click on the internal-note form makes one note (core.submit)."""

from django.urls import reverse

from dugnad.core.submit import FIELD, new_token


def test_a_note_sent_twice_is_one_note(client, in_review, case_handler):
    client.force_login(case_handler)
    data = {"text": "Sjekk budsjettet", FIELD: new_token()}
    url = reverse("grants:note", args=[in_review.pk])
    assert client.post(url, data).status_code == client.post(url, data).status_code == 302
    assert in_review.notes.count() == 1
