"""Double submit is harmless: the one-time form token of `core.submit`."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from dugnad.core import submit
from dugnad.core.models import FormSubmission, InfoPage

ROOT = Path(__file__).resolve().parents[2] / "dugnad"
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
POSTS = re.compile(r"""method=["']?post""", re.I)
# Forms that post but write nothing of the domain, each with its reason.
EXEMPT = {
    # Logging out ends the session; a second click finds it ended.
    ("core/templates/base.html", "account_logout"),
}


def _posting_forms():
    for template in sorted(ROOT.glob("*/templates/**/*.html")):
        text = template.read_text()
        for form in FORM.findall(text):
            if POSTS.search(form.split(">", 1)[0]):
                yield template.relative_to(ROOT).as_posix(), form


def test_every_form_that_posts_carries_the_token():
    missing = []
    for name, form in _posting_forms():
        if "{% submit_once %}" in form:
            continue
        if any(name == path and marker in form for path, marker in EXEMPT):
            continue
        missing.append(f"{name}: {form[:80]!r}")
    assert not missing, "Forms that post without {% submit_once %}:\n" + "\n".join(missing)


def test_the_walk_finds_the_forms():
    # A broken pattern would pass the test above by finding nothing.
    assert sum(1 for _ in _posting_forms()) > 40


def _token(response) -> str:
    found = re.search(rf'name="{submit.FIELD}" value="([^"]+)"', response.content.decode())
    assert found, "the page's form carries no one-time token"
    return found.group(1)


def _page(token, title="Om frivilligsentralen", slug="om"):
    return {
        "title": title,
        "slug": slug,
        "summary": "Kort",
        "body": "<p>Tekst</p>",
        "position": 1,
        "published": "on",
        submit.FIELD: token,
    }


@pytest.fixture
def editor_client(client, unit_editor):
    client.force_login(unit_editor)
    return client


def test_a_second_sending_does_nothing_and_shows_the_first_result(editor_client, municipality):
    token = _token(editor_client.get(reverse("core:page_create")))
    first = editor_client.post(reverse("core:page_create"), _page(token))
    assert first.status_code == 302
    second = editor_client.post(
        reverse("core:page_create"), _page(token, title="Annen"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert InfoPage.objects.count() == 1
    assert InfoPage.objects.get().title == "Om frivilligsentralen"
    shown = [str(m) for m in get_messages(second.wsgi_request)]
    assert any("already been sent" in m for m in shown)


def test_a_form_sent_back_with_errors_can_be_corrected_with_the_same_token(editor_client):
    token = _token(editor_client.get(reverse("core:page_create")))
    refused = editor_client.post(reverse("core:page_create"), {**_page(token), "body": ""})
    assert refused.status_code == 200
    assert not FormSubmission.objects.exists() and not InfoPage.objects.exists()
    # The page that came back carries a fresh token, and the old one is free again.
    assert _token(refused) != token
    assert editor_client.post(reverse("core:page_create"), _page(token)).status_code == 302
    assert InfoPage.objects.count() == 1


def test_a_refusal_releases_the_token(client, citizen):
    client.force_login(citizen)
    token = submit.new_token()
    assert client.post(reverse("core:page_create"), _page(token)).status_code == 403
    assert not FormSubmission.objects.exists()


def test_two_forms_two_tokens_two_pages(editor_client):
    for slug in ("en", "to"):
        token = _token(editor_client.get(reverse("core:page_create")))
        editor_client.post(reverse("core:page_create"), _page(token, title=slug, slug=slug))
    assert InfoPage.objects.count() == 2
    assert FormSubmission.objects.count() == 2


def test_another_persons_token_is_not_shown_their_result(editor_client, client, unit):
    from dugnad.accounts.models import UnitRole
    from tests.factories import UnitRoleFactory

    token = _token(editor_client.get(reverse("core:page_create")))
    editor_client.post(reverse("core:page_create"), _page(token))
    other = UnitRoleFactory(unit=unit, role=UnitRole.Role.EDITOR).user
    client.force_login(other)
    answer = client.post(reverse("core:page_create"), _page(token, slug="annen"))
    assert answer.status_code == 302
    assert answer["Location"] == reverse("core:page_create")
    assert InfoPage.objects.count() == 1


def test_a_token_that_is_not_one_is_ignored(editor_client):
    answer = editor_client.post(reverse("core:page_create"), _page("<script>" * 3))
    assert answer.status_code == 302
    assert not FormSubmission.objects.exists()


def test_a_post_without_a_token_runs_as_before(editor_client):
    data = _page("")
    del data[submit.FIELD]
    assert editor_client.post(reverse("core:page_create"), data).status_code == 302
    assert not FormSubmission.objects.exists()


def test_old_sendings_are_forgotten_after_a_day(editor_client):
    start = dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        token = _token(editor_client.get(reverse("core:page_create")))
        editor_client.post(reverse("core:page_create"), _page(token))
    with time_machine.travel(start + dt.timedelta(hours=23), tick=False):
        assert submit.forget_old_submissions() == 0
    with time_machine.travel(start + dt.timedelta(hours=25), tick=False):
        assert submit.forget_old_submissions() == 1
    assert not FormSubmission.objects.exists()


def test_the_command_runs_the_task(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("expire_form_submissions", stdout=out)
    assert "0 form submission(s) forgotten." in out.getvalue()
