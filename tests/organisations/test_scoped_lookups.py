"""Staff pages find an organisation only under its own municipality's host, and the links in the
emails sent about it point at that host."""

import pytest
from django.core import mail
from django.urls import reverse

from dugnad.accounts.models import UnitRole
from dugnad.organisations import actions
from dugnad.organisations.models import OrganisationRole
from tests.factories import (
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)
from tests.hosts import HOME_HOST, OTHER_HOST, serve_two_municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(settings):
    home, other = serve_two_municipalities(settings)
    settings.DUGNAD_SITE_URL = f"https://{HOME_HOST}"
    return {"home": home, "other": other}


@pytest.mark.parametrize(
    "name", ["organisations:edit", "organisations:roles", "organisations:review_one"]
)
def test_staff_pages_find_only_the_hosts_own_organisations(client, site_admin, two, name):
    own = OrganisationFactory(municipality=two["home"])
    others = OrganisationFactory(municipality=two["other"])
    client.force_login(site_admin)
    assert client.get(reverse(name, args=[others.slug]), HTTP_HOST=HOME_HOST).status_code == 404
    assert client.get(reverse(name, args=[own.slug]), HTTP_HOST=HOME_HOST).status_code == 200
    assert client.get(reverse(name, args=[others.slug]), HTTP_HOST=OTHER_HOST).status_code == 200


def test_invitation_link_uses_the_organisations_municipalitys_host(
    two, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(municipality=two["other"])
    leader = OrganisationRoleFactory(
        organisation=organisation, role=OrganisationRole.Role.LEADER
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite(leader, organisation, email="ny@test.example")
    (message,) = [m for m in mail.outbox if m.to == ["ny@test.example"]]
    path = reverse("organisations:invitation", args=[invitation.token])
    assert f"https://{OTHER_HOST}{path}" in message.body
    assert HOME_HOST not in message.body


def test_registration_link_uses_the_municipalitys_host(two, django_capture_on_commit_callbacks):
    coordinator = UnitRoleFactory(
        unit=UnitFactory(municipality=two["other"]), role=UnitRole.Role.VOLUNTEER_COORDINATOR
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        organisation = actions.register_organisation(
            UserFactory(), two["other"], name="Langhus Sjakklubb"
        )
    (message,) = [m for m in mail.outbox if coordinator.email in m.to]
    path = reverse("organisations:review_one", args=[organisation.slug])
    assert f"https://{OTHER_HOST}{path}" in message.body
    assert HOME_HOST not in message.body


def test_a_municipality_without_a_host_name_gets_site_url(two, django_capture_on_commit_callbacks):
    two["other"].hostname = ""
    two["other"].save()
    organisation = OrganisationFactory(municipality=two["other"])
    leader = OrganisationRoleFactory(
        organisation=organisation, role=OrganisationRole.Role.LEADER
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite(leader, organisation, email="ny@test.example")
    (message,) = [m for m in mail.outbox if m.to == ["ny@test.example"]]
    path = reverse("organisations:invitation", args=[invitation.token])
    assert f"https://{HOME_HOST}{path}" in message.body
