"""The volunteer coordinator's queue: organisations and events waiting for review."""

from django.urls import reverse

from dugnad.activities.queries import work_queue as event_queue
from dugnad.organisations.models import Organisation
from dugnad.organisations.queries import work_queue
from tests.factories import OrganisationFactory


def test_organisations_to_review(municipality, coordinator, citizen):
    OrganisationFactory(municipality=municipality, status=Organisation.Status.PENDING)
    items = work_queue(coordinator, municipality)
    assert [(i.count, i.url) for i in items] == [(1, reverse("organisations:review"))]
    assert work_queue(citizen, municipality) == []
    assert event_queue(coordinator, municipality) == []  # no events waiting


def test_start_page_for_a_person_with_nothing_to_do(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("accounts:work"))
    assert response.status_code == 200


def test_start_page_needs_a_login(client, db):
    response = client.get(reverse("accounts:work"))
    assert response.status_code == 302
