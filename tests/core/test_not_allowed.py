"""A refused permission is raised as NotAllowed and shown, with its reason, by one handler."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from dugnad.core.rules import can_edit_pages
from dugnad.organisations.rules import can_edit
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_view_that_refuses_answers_403_with_the_reason(client, citizen, municipality):
    client.login(email=citizen.email, password=TEST_PASSWORD)
    response = client.get(reverse("core:page_create"))
    assert response.status_code == 403
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        reason = str(can_edit_pages(citizen).reason)
    assert reason
    assert escape(reason) in response.content.decode()
    assert response.content.decode().count("<h1") == 1


def test_a_refusal_raised_in_a_view_without_a_verdict_is_shown_alike(client, citizen, unit):
    client.login(email=citizen.email, password=TEST_PASSWORD)
    response = client.get(reverse("volunteering:assignment_create"))
    assert response.status_code == 403
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        reason = gettext(
            "Assignments are posted by organisations and municipal units. Ask your "
            "organisation's leader for a role, or contact the volunteer coordinator."
        )
    assert reason.startswith("Oppdrag")  # the reason is shown in the visitor's language
    assert escape(reason) in response.content.decode()


def test_another_apps_refusal_goes_through_the_same_handler(client, citizen, organisation):
    client.login(email=citizen.email, password=TEST_PASSWORD)
    response = client.get(reverse("organisations:edit", args=[organisation.slug]))
    assert response.status_code == 403
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        reason = str(can_edit(citizen, organisation).reason)
    assert escape(reason) in response.content.decode()
