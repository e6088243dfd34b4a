"""Plain language: the pages a young person reads score under 40 on LIX in bokmål (easy to
read; 40-50 is ordinary newspaper text). LIX = words per sentence + percent of words longer
than six letters."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from dugnad.participation import actions
from dugnad.participation.models import Phase

from .conftest import move_to, propose

pytestmark = pytest.mark.django_db

LIX_LIMIT = 40


def lix(text: str) -> float:
    words = re.findall(r"[A-Za-zÆØÅæøåÉé]+", text)
    sentences = max(1, len(re.findall(r"[.!?:]+(?:\s|$)", text)))
    long_words = [w for w in words if len(w) > 6]
    return len(words) / sentences + 100 * len(long_words) / max(1, len(words))


class _MainText(HTMLParser):
    """The text inside <main>, one sentence per paragraph, heading or list item (a heading
    without a full stop still ends where it ends)."""

    BLOCKS = {"p", "h1", "h2", "h3", "li", "label", "button", "a", "legend", "span", "td", "th"}

    def __init__(self):
        super().__init__()
        self.inside = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.inside += 1
        elif tag in self.BLOCKS and self.inside:
            self.parts.append(". ")

    def handle_endtag(self, tag):
        if tag == "main":
            self.inside -= 1

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    return re.sub(r"(\.\s*)+", ". ", " ".join(parser.parts))


def test_lix_counts_as_defined():
    assert lix("Jeg liker is. Du liker brus.") == pytest.approx(3.0)  # 6 words, 2 sentences
    assert lix("Kommunens saksbehandling.") > 100  # two long words in one sentence


def test_young_peoples_pages_are_easy_to_read(client, process, sara, ali, staff, municipality):
    idea = propose(sara, process)
    client.force_login(ali)
    pages = [
        reverse("participation:index"),
        reverse("participation:join"),
        process.get_absolute_url(),
        reverse("participation:idea_new", args=[process.pk]),
        idea.get_absolute_url(),
    ]
    scores = {}
    for url in pages:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
        assert "Send inn" in html or "Bli med" in html or "Si din mening" in html  # bokmål
        scores[url] = lix(main_text(html))
    move_to(process, Phase.ASSESSMENT)
    idea.refresh_from_db()
    actions.answer(staff, idea, feasible=True, text="Ja. Det kan vi gjøre i høst.", cost_ore=0)
    move_to(process, Phase.VOTE)
    url = reverse("participation:vote", args=[process.pk])
    scores[url] = lix(main_text(client.get(url, HTTP_ACCEPT_LANGUAGE="nb").content.decode()))
    too_hard = {url: round(score) for url, score in scores.items() if score >= LIX_LIMIT}
    assert not too_hard, f"LIX {LIX_LIMIT} or more: {too_hard} (all: {scores})"
    print({url: round(score, 1) for url, score in scores.items()})
