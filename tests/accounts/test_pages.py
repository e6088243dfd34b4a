"""The accounts app's own pages: a person's "My page" and the public volunteer contacts."""

import pytest
from django.urls import reverse

from tests.factories import (
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_contacts_page_lists_public_volunteer_contacts(client, unit, django_assert_max_num_queries):
    for i in range(3):
        UnitRoleFactory(
            unit=unit,
            role="volunteer_contact",
            show_publicly=True,
            user=UserFactory(first_name=f"Kontakt{i}", last_name="Person"),
        )
    UnitRoleFactory(unit=unit, role="volunteer_contact", show_publicly=False)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:contacts"))
    html = response.content.decode()
    assert "Kontakt0 Person" in html and "Kontakt2 Person" in html
    assert html.count("mailto:") == 3 + (1 if unit.municipality.email else 0)


def test_contacts_keep_their_address_under_the_information_pages(client, unit):
    # The kernel's info pages take any slug under the same prefix; the contacts page must win.
    assert reverse("accounts:contacts") == "/frivillig-i-kommunen/kontakter/"
    response = client.get("/frivillig-i-kommunen/kontakter/")
    assert response.status_code == 200
    assert response.templates[0].name == "accounts/contacts.html"


def test_my_page_shows_organisation_and_unit_roles(client, municipality, unit):
    user = UserFactory()
    pending = OrganisationFactory(municipality=municipality, name="Ventelaget", status="pending")
    OrganisationRoleFactory(user=user, organisation=pending)
    OrganisationRoleFactory(
        user=user, organisation=OrganisationFactory(municipality=municipality, name="Alfalaget")
    )
    UnitRoleFactory(user=user, unit=unit, role="editor")
    client.force_login(user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    # The organisations' section (contributed by that app) comes before the unit roles.
    assert html.index("Alfalaget") < html.index("Ventelaget") < html.index(unit.name)
    assert reverse("organisations:register") in html


def test_my_page_without_roles_invites_to_register(client):
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert reverse("organisations:register") in response.content.decode()
    assert 'id="unit-roles"' not in response.content.decode()
