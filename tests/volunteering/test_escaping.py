"""Volunteering: messages as typed in pages and emails, the hours CSV without formulas."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from dugnad.organisations.models import Organisation
from dugnad.volunteering.models import Assignment, Interest

from .test_hours_report import hours  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_interest_message_as_typed_in_the_page_and_the_email(
    client, assignment, volunteer, leader, django_capture_on_commit_callbacks
):
    Assignment.objects.filter(pk=assignment.pk).update(title='Kafé & "quiz"')
    client.force_login(volunteer)
    message = 'Jeg kan <b>kaffe</b> & "vafler"\u202e\nog rydde'
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("volunteering:interest", args=[assignment.pk]), {"message": message})
    interest = Interest.objects.get()
    assert interest.message == 'Jeg kan <b>kaffe</b> & "vafler"\nog rydde'
    email = mail.outbox[-1]
    assert leader.email in email.to
    assert 'Kafé & "quiz"' in email.subject
    assert 'Jeg kan <b>kaffe</b> & "vafler"\nog rydde' in email.body
    client.force_login(leader)
    html = client.get(assignment.get_absolute_url()).content.decode()
    assert "Jeg kan &lt;b&gt;kaffe&lt;/b&gt; &amp; &quot;vafler&quot;" in html
    assert "&amp;amp;" not in html


@pytest.mark.usefixtures("hours")
def test_hours_csv_neutralises_organisation_names(client, coordinator, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(name='=HYPERLINK("http://x")')
    client.force_login(coordinator)
    response = client.get(reverse("volunteering:hours_report"), {"format": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="frivillige-timer-')
    _header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    names = [row[1] for row in rows]
    assert '\'=HYPERLINK("http://x")' in names
    Organisation.objects.filter(pk=organisation.pk).update(name="\tLaget")
    response = client.get(reverse("volunteering:hours_report"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert "'\tLaget" in [row[1] for row in rows]


def test_migration_undoes_stored_entities(assignment, volunteer):
    Assignment.objects.filter(pk=assignment.pk).update(
        title="Kafé &amp;amp; quiz", description="Ta med &lt;godt humør&gt;\r\nog kaffe"
    )
    migration = importlib.import_module("dugnad.volunteering.migrations.0002_unescape_plain_text")

    migration.repair(apps, None)

    assignment.refresh_from_db()
    assert assignment.title == "Kafé & quiz"
    assert assignment.description == "Ta med <godt humør>\nog kaffe"
