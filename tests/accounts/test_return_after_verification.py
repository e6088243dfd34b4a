"""After signing up for an account and opening the verification link, the person is back on
the page they came from, and the email greets with the municipality's name."""

import re

from django.core import mail


def test_verification_returns_to_the_page_the_person_came_from(client, municipality):
    response = client.post(
        "/konto/signup/?next=/kalender/",
        {
            "email": "ny@example.org",
            "password1": "lang-nok-passord-42",
            "password2": "lang-nok-passord-42",
        },
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "127.0.0.1" not in message.body.splitlines()[0]
    assert municipality.name in message.body
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/kalender/"
