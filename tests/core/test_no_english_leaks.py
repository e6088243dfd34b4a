"""Pages in bokmål and nynorsk carry no English message that a catalogue translates: a string
that leaks (an untranslated template, a stale Django message, a constraint's default text) is
caught here. The English msgids come from the project's, Django's and allauth's catalogues."""

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from dugnad.activities import actions
from dugnad.core.models import AgeGroup

pytestmark = pytest.mark.django_db

PROJECT = Path(settings.BASE_DIR) / "dugnad"
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")


def _catalogues(language: str) -> list[Path]:
    roots = [PROJECT, Path(django.__file__).parent, Path(allauth.__file__).parent]
    found = []
    for root in roots:
        found += root.glob(f"**/locale/{language}/LC_MESSAGES/django.po")
    # allauth has no nynorsk: its bokmål catalogue names the strings a nynorsk page must not show.
    if language == "nn":
        found += Path(allauth.__file__).parent.glob("locale/nb/LC_MESSAGES/django.po")
    return found


def _english_phrases(language: str) -> set[str]:
    """Translated English msgids (their longest literal part around placeholders), only those
    of three words or more: shorter ones ("Free", "Start") also occur in names and Norwegian."""
    phrases = set()
    for path in _catalogues(language):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.translated():
                continue
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                if entry.msgstr and entry.msgstr.strip() == msgid.strip():
                    continue
                part = max(_PLACEHOLDER.split(msgid), key=len).strip(" .:,;“”«»\"'")
                if len(part.split()) >= 3 and not re.search(r"[æøåÆØÅ<>{}=]", part):
                    phrases.add(" ".join(part.split()))
    return phrases


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "placeholder", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def world(organisation, leader):
    for position, code in enumerate(["children", "youth", "young_adults", "adults", "elderly"]):
        AgeGroup.objects.get_or_create(code=code, defaults={"position": position})
    schedule = actions.Schedule(
        first_day=timezone.localdate() + timedelta(days=1),
        start_time=timezone.datetime.min.time().replace(hour=18),
        end_time=timezone.datetime.min.time().replace(hour=20),
    )
    event = actions.create_event(
        leader,
        organisation,
        {"title": "Språkkafé", "venue_name": "Biblioteket", "signup_enabled": True, "capacity": 5},
        schedule,
    )
    return {"event": event, "organisation": organisation, "leader": leader}


def _pages(client, world):
    """(name, response) of the pages a newcomer and an organisation leader meet, some with
    errors on purpose, so that Django's and the constraints' messages are shown."""
    event = world["event"]
    yield "home", client.get("/")
    yield "calendar", client.get(reverse("activities:calendar"))
    yield "month", client.get(reverse("activities:calendar"), {"view": "month"})
    yield "week", client.get(reverse("activities:calendar"), {"view": "week"})
    yield "event", client.get(event.get_absolute_url())
    yield (
        "sign-up",
        client.get(
            reverse(
                "activities:sign_up",
                kwargs={"pk": event.pk, "occurrence_pk": event.occurrences.get().pk},
            )
        ),
    )
    yield "organisations", client.get(reverse("organisations:list"))
    yield "organisation", client.get(world["organisation"].get_absolute_url())
    yield (
        "signup with errors",
        client.post(
            reverse("account_signup"),
            {"email": "ny@example.org", "password1": "kort", "password2": "kort"},
        ),
    )
    yield (
        "login with errors",
        client.post(
            reverse("account_login"), {"login": "ny@example.org", "password": "feil-passord"}
        ),
    )
    client.force_login(world["leader"])
    yield "my page", client.get(reverse("accounts:dashboard"))
    yield (
        "new event with errors",
        client.post(
            reverse("activities:event_create"),
            {"title": "", "min_age": "12", "max_age": "6", "end_time": "10:00"},
        ),
    )
    yield (
        "register organisation with errors",
        client.post(
            reverse("organisations:register"),
            {"name": "", "org_number": "974760674", "phone": "ring meg", "postal_code": "143"},
        ),
    )
    yield "grants", client.get(reverse("grants:index"))
    yield "premises", client.get(reverse("premises:index"))
    yield "volunteering", client.get(reverse("volunteering:index"))
    client.logout()


SHORT_PASSWORD = {"nb": "Dette passordet er for kort", "nn": "Dette passordet er for kort"}


def test_the_check_finds_an_english_message_in_a_page():
    page = "<main><p>This password is too short. It must contain at least 8 characters.</p></main>"
    text = visible_text(page)
    phrases = _english_phrases("nn")
    assert [p for p in phrases if p in text] == [
        "This password is too short. It must contain at least"
    ]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_pages_show_no_english_message_that_has_a_translation(client, world, language):
    phrases = _english_phrases(language)
    assert len(phrases) > 500  # the catalogues were read
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    leaks = []
    for name, response in _pages(client, world):
        assert response.status_code in (200, 302), name
        if response.status_code != 200:
            continue
        text = visible_text(response.content.decode())
        if name == "signup with errors":
            # The page did show Django's password message, in the reader's language.
            assert SHORT_PASSWORD[language] in text
        leaks += [f"{name}: {phrase!r}" for phrase in phrases if phrase in text]
    assert not leaks, "\n".join(sorted(leaks))
