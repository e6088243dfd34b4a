"""One escaping rule in the calendar: text as typed in, escaped once by whatever writes it out."""

import csv
import importlib
import io
import json
import re
from datetime import timedelta

import icalendar
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dugnad.activities import actions
from dugnad.activities.models import Event, SignUp
from tests.factories import UserFactory

TITLE = "Mat & drikke"


def _event_form(organisation, **changes):
    return {
        "organiser": f"org:{organisation.pk}",
        "title": TITLE,
        "summary": 'Ta med "niste" & <godt humør>',
        "category": "course",
        "first_day": str(timezone.localdate() + timedelta(days=3)),
        "start_time": "18:00",
        "end_time": "20:00",
        "languages": "norsk",
        "price_kroner": "0",
        "waitlist_capacity": "0",
        **changes,
    }


def _jsonld(html: str):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def test_title_round_trips_as_typed_and_is_escaped_once_everywhere(
    client, leader, organisation, age_groups
):
    client.force_login(leader)
    response = client.post(reverse("activities:event_create"), _event_form(organisation))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.title == TITLE
    assert event.summary == 'Ta med "niste" & <godt humør>'

    html = client.get(event.get_absolute_url()).content.decode()
    assert "Mat &amp; drikke" in html  # escaped once by the template engine
    assert "&amp;amp;" not in html and "&amp;lt;" not in html
    assert "&lt;godt humør&gt;" in html
    data = _jsonld(html)
    item = data[0] if isinstance(data, list) else data
    assert item["name"] == TITLE
    assert item["description"] == 'Ta med "niste" & <godt humør>'

    detail = client.get(f"/api/v1/events/{event.pk}").json()
    assert detail["title"] == TITLE
    listed = client.get("/api/v1/events").json()["items"]
    assert [row["event"]["title"] for row in listed] == [TITLE]

    # The calendar's list is written by a template tag, not the engine: the same one escape.
    for query in ("", "?view=week"):
        listed_html = client.get(reverse("activities:calendar") + query).content.decode()
        assert listed_html.count("Mat &amp; drikke</a>") == 1, query
        assert "&lt;godt humør&gt;" in listed_html and "<godt" not in listed_html, query
        assert "&amp;amp;" not in listed_html, query

    feed = icalendar.Calendar.from_ical(client.get(reverse("activities:calendar_ics")).content)
    (vevent,) = feed.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == TITLE
    assert str(vevent["DESCRIPTION"]) == 'Ta med "niste" & <godt humør>'


def test_saving_the_edit_form_again_adds_no_layer_of_escaping(
    client, leader, organisation, age_groups
):
    client.force_login(leader)
    client.post(reverse("activities:event_create"), _event_form(organisation))
    event = Event.objects.get()
    edit = reverse("activities:event_edit", args=[event.pk])
    assert 'value="Mat &amp; drikke"' in client.get(edit).content.decode()
    # What the browser sends back is what it showed: the title as typed.
    response = client.post(edit, _event_form(organisation))
    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert event.title == TITLE


def test_direction_override_is_not_stored_through_the_form(
    client, leader, organisation, age_groups
):
    client.force_login(leader)
    spoofed = _event_form(organisation, title="Gratis\u202e kurs\u2066", summary="a\x00b\u200fc")
    assert client.post(reverse("activities:event_create"), spoofed).status_code == 302
    event = Event.objects.get()
    assert (event.title, event.summary) == ("Gratis kurs", "abc")


def test_participant_name_through_the_sign_up_form_is_stored_without_overrides(
    client, event_with_signup
):
    occurrence = event_with_signup.occurrences.get()
    client.force_login(UserFactory())
    url = reverse("activities:sign_up", args=[event_with_signup.pk, occurrence.pk])
    management = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"}
    response = client.post(
        url, {**management, "for_self": "1", "form-0-participant_name": "Kari\u202e & Ola"}
    )
    assert response.status_code == 302
    assert SignUp.objects.get().participant_name == "Kari & Ola"


def test_email_body_is_text_as_typed(make_event, django_capture_on_commit_callbacks):
    event = make_event(title='Mat & "drikke"', capacity=5)
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        actions.sign_up(user, event.occurrences.get(), participant_name="Kari & Ola")
    message = mail.outbox[-1]
    assert message.to == [user.email]
    assert 'Mat & "drikke"' in message.subject
    assert 'Mat & "drikke"' in message.body and "Kari & Ola" in message.body
    assert "&amp;" not in message.body and "&quot;" not in message.body


def _csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # the BOM Excel needs
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_participant_csv_neutralises_formulas_and_keeps_text(client, event_with_signup, leader):
    occurrence = event_with_signup.occurrences.get()
    question = event_with_signup.signup_questions.create(label="@Allergier")
    hyperlink = '=HYPERLINK("http://x")'
    actions.sign_up(
        UserFactory(), occurrence, participant_name=hyperlink, answers={question.pk: "-1"}
    )
    actions.sign_up(UserFactory(), occurrence, participant_name=TITLE)
    # A leading tab cannot be typed through a form (fields are stripped); older rows can have one.
    SignUp.objects.filter(participant_name=TITLE).update(participant_name="\tMat & drikke")
    client.force_login(leader)
    response = client.get(
        reverse("activities:participants_csv", args=[event_with_signup.pk, occurrence.pk])
    )
    assert 'filename="deltakere-' in response["Content-Disposition"]
    header, *rows = _csv_rows(response)
    assert "'@Allergier" in header
    names = [row[0] for row in rows]
    assert names == ["'" + hyperlink, "'\tMat & drikke"]
    assert rows[0][header.index("'@Allergier")] == "'-1"


def test_migration_undoes_stored_entities_in_plain_text_only(make_event, leader):
    event = make_event(capacity=5)
    event.signup_questions.create(label="Allergier", kind="choice", choices="Nøtter")
    actions.sign_up(UserFactory(), event.occurrences.get(), participant_name="Kari")
    group = event.price_groups.create(name="Barn", price_ore=0)
    # Rows as the old input path left them: once escaped, and again after each edit form save.
    Event.objects.filter(pk=event.pk).update(
        title="Mat &amp;amp; drikke",
        summary="&lt;3 &quot;sommer&quot; &#x27;26 &#39;27 &amp;copy;",
        description="<p>A &amp; B</p>",
        status_reason="Feil\u202e",
    )
    SignUp.objects.update(participant_name="Kari &amp; Ola", price_group_name="Barn &amp; unge")
    group.__class__.objects.filter(pk=group.pk).update(name="Barn &amp; unge")
    event.signup_questions.update(label="Mat &gt; alt", choices="Nøtter &amp; mandler\nEgg")
    migration = importlib.import_module("dugnad.activities.migrations.0006_unescape_plain_text")

    migration.repair(apps, None)

    event.refresh_from_db()
    assert event.title == "Mat & drikke"
    assert event.summary == "<3 \"sommer\" '26 '27 &copy;"  # a typed entity stays as typed
    assert event.description == "<p>A &amp; B</p>"  # rich text keeps its entities
    assert event.status_reason == "Feil"
    signup = SignUp.objects.get()
    assert (signup.participant_name, signup.price_group_name) == ("Kari & Ola", "Barn & unge")
    group.refresh_from_db()
    assert group.name == "Barn & unge"
    question = event.signup_questions.get()
    assert (question.label, question.choices) == ("Mat > alt", "Nøtter & mandler\nEgg")


def test_unpublish_reason_read_without_a_form_is_cleaned_too(client, make_event, coordinator):
    event = make_event()
    client.force_login(coordinator)
    response = client.post(
        reverse("activities:review_event", args=[event.pk]),
        {"decision": "unpublish", "reason": "Feil\u202e & mangler"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.status_reason) == (Event.Status.UNPUBLISHED, "Feil & mangler")
