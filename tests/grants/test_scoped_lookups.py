"""Application and case pages find an application only under the host of its scheme's
municipality."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from dugnad.grants import actions
from dugnad.grants.models import Attachment, GrantScheme, Round
from tests.factories import OrganisationFactory, OrganisationRoleFactory, UnitFactory
from tests.grants.conftest import good_data
from tests.hosts import HOME_HOST, OTHER_HOST, serve_two_municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(settings):
    """A submitted application in each municipality's scheme, by "home" and "other"."""
    home, other = serve_two_municipalities(settings)
    made = {}
    now = timezone.now()
    for key, municipality in (("home", home), ("other", other)):
        scheme = GrantScheme.objects.create(
            municipality=municipality,
            unit=UnitFactory(municipality=municipality),
            name=f"Aktivitetsstøtte {key}",
            slug=f"aktivitetsstotte-{key}",
            purpose="Aktivitet for barn og unge.",
            max_amount=50_000_00,
            published=True,
        )
        grant_round = Round.objects.create(
            scheme=scheme,
            name=f"Runde {key}",
            year=now.year,
            opens_at=now - dt.timedelta(days=5),
            deadline=now + dt.timedelta(days=30),
            report_due=timezone.localdate() + dt.timedelta(days=300),
        )
        organisation = OrganisationFactory(municipality=municipality)
        leader = OrganisationRoleFactory(organisation=organisation).user
        draft = actions.start_application(leader, scheme, organisation, grant_round)
        actions.save_draft(leader, draft, good_data(draft))
        draft.refresh_from_db()
        made[key] = actions.submit_application(leader, draft)
    return made


@pytest.mark.parametrize("name", ["grants:application", "grants:case"])
def test_application_pages_find_only_the_hosts_own_applications(
    client, site_admin, applications, name
):
    client.force_login(site_admin)
    other_url = reverse(name, args=[applications["other"].pk])
    assert client.get(other_url, HTTP_HOST=HOME_HOST).status_code == 404
    own = client.get(reverse(name, args=[applications["home"].pk]), HTTP_HOST=HOME_HOST)
    assert own.status_code == 200
    assert client.get(other_url, HTTP_HOST=OTHER_HOST).status_code == 200


@pytest.mark.parametrize("name", ["grants:note", "grants:conflict"])
def test_case_actions_find_only_the_hosts_own_applications(client, site_admin, applications, name):
    client.force_login(site_admin)
    data = {"text": "Ringt søkeren.", "reason": "Styremedlem."}
    other = client.post(reverse(name, args=[applications["other"].pk]), data, HTTP_HOST=HOME_HOST)
    assert other.status_code == 404
    own = client.post(reverse(name, args=[applications["home"].pk]), data, HTTP_HOST=HOME_HOST)
    assert own.status_code == 302


def _attach(application):
    return Attachment.objects.create(
        application=application,
        field_key="budsjett",
        file=ContentFile(b"%PDF-1.4 budsjett", name="budsjett.pdf"),
        original_name="budsjett.pdf",
        content_type="application/pdf",
        size=17,
    )


@pytest.mark.parametrize(("name", "method", "own_status"), [
    ("grants:attachment", "get", 200),
    ("grants:attachment_delete", "post", 302),
])  # fmt: skip
def test_attachments_are_found_only_under_the_hosts_own_applications(
    client, site_admin, applications, name, method, own_status
):
    client.force_login(site_admin)
    send = getattr(client, method)
    others = _attach(applications["other"])
    own = _attach(applications["home"])
    url = reverse(name, args=[applications["other"].pk, others.pk])
    assert send(url, HTTP_HOST=HOME_HOST).status_code == 404
    assert Attachment.objects.filter(pk=others.pk).exists()
    own_url = reverse(name, args=[applications["home"].pk, own.pk])
    assert send(own_url, HTTP_HOST=HOME_HOST).status_code == own_status
