"""Signing up without an account: name, email and phone; the email's link confirms the address
and manages each person's place; the demo mailbox keeps the email so a newcomer can open it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from dugnad.activities.models import SignUp
from dugnad.core.models import SentEmail


def _form(occurrence_url_kwargs, **extra):
    data = {
        "guest-name": "Kari Berg",
        "guest-email": "kari@example.org",
        "guest-phone": "64 96 20 00",
        "for_self": "0",
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-participant_name": "Nora Berg",
        "form-0-participant_age": "8",
        "form-1-participant_name": "Emil Berg",
        "form-1-participant_age": "6",
    }
    data.update(extra)
    return data


@pytest.fixture
def signup_url(make_event):
    event = make_event(capacity=5)
    occurrence = event.occurrences.get()
    return reverse("activities:sign_up", kwargs={"pk": event.pk, "occurrence_pk": occurrence.pk})


def test_the_form_asks_a_guest_for_name_email_and_phone(client, signup_url):
    html = client.get(signup_url).content.decode()
    assert 'name="guest-name"' in html and 'name="guest-email"' in html
    assert 'name="guest-phone"' in html and "/konto/login/?next=" in html


def test_a_family_signs_up_without_an_account_and_confirms(
    client, signup_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(signup_url, _form(None))
    assert response.status_code == 302
    signups = list(SignUp.objects.order_by("id"))
    assert [s.participant_name for s in signups] == ["Nora Berg", "Emil Berg"]
    assert all(s.booked_by is None and s.email == "kari@example.org" for s in signups)
    assert signups[0].phone == "+4764962000" and signups[0].contact_name == "Kari Berg"
    (message,) = mail.outbox
    assert "Bekreft at denne e-postadressen er din" in message.body
    manage = re.search(r"https?://\S+/kalender/avmelding/\S+/", message.body).group(0)
    path = "/" + manage.split("/", 3)[3]
    page = client.get(path).content.decode()
    assert "Emil Berg" in page and "Nora Berg" in page and 'value="confirm"' in page
    client.post(path, {"action": "confirm"})
    assert SignUp.objects.filter(email_confirmed_at__isnull=False).count() == 2
    emil = SignUp.objects.get(participant_name="Emil Berg")
    client.post(reverse("activities:cancel_signup", kwargs={"token": emil.cancel_token}))
    statuses = dict(SignUp.objects.values_list("participant_name", "status"))
    assert statuses == {"Nora Berg": "confirmed", "Emil Berg": "cancelled"}


def test_a_bad_phone_and_missing_email_are_refused_and_nothing_is_lost(client, signup_url):
    response = client.post(
        signup_url, _form(None, **{"guest-phone": "ring meg", "guest-email": ""})
    )
    html = response.content.decode()
    assert response.status_code == 200 and not SignUp.objects.exists()
    assert "er ikke et telefonnummer vi kan ringe" in html
    assert 'value="Nora Berg"' in html and 'value="Kari Berg"' in html


def test_the_same_child_twice_by_email_is_refused(client, signup_url):
    client.post(signup_url, _form(None))
    again = client.post(signup_url, _form(None))
    assert "er allerede påmeldt denne datoen" in again.content.decode()
    assert SignUp.objects.count() == 2


def test_the_demo_mailbox_keeps_and_shows_the_emails(client, settings, db):
    settings.EMAIL_BACKEND = "dugnad.core.mail.DemoMailboxBackend"
    settings.DEMO_MODE = True
    mail.send_mail("Hei", "Open http://example.org/x/", "a@example.org", ["kari@example.org"])
    assert SentEmail.objects.get().to == "kari@example.org"
    html = client.get(reverse("core:demo_mailbox")).content.decode()
    assert 'href="http://example.org/x/"' in html


def test_the_demo_mailbox_does_not_exist_outside_demo_mode(client, settings, db):
    settings.DEMO_MODE = False
    assert client.get(reverse("core:demo_mailbox")).status_code == 404
