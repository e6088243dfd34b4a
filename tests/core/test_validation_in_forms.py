"""Organisation and building forms check phone numbers, postal codes and organisation numbers
with core.validators, in the reader's language (grant applications: tests/grants)."""

import pytest
from django.utils import translation

from dugnad.core.models import Area
from dugnad.organisations.forms import RegistrationForm
from dugnad.premises.setup_forms import BuildingForm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def _registration(municipality, **changes):
    data = {
        "name": "Ås Sjakklubb",
        "category": "culture",
        "purpose": "Sjakk for alle.",
        "email": "post@sjakk.example",
        "org_number": "974760673",
        **changes,
    }
    return RegistrationForm(data, municipality=municipality)


def test_organisation_forms_check_phone_postal_code_and_org_number(municipality):
    form = _registration(municipality, phone="ring meg", postal_code="14a0", org_number="974760674")
    assert not form.is_valid()
    assert set(form.errors) >= {"phone", "postal_code", "org_number"}
    assert "fire sifre" in form.errors["postal_code"][0]
    form = _registration(municipality, phone="+46 8 123 456 78", postal_code="1430")
    form.is_valid()
    assert "phone" not in form.errors and "postal_code" not in form.errors
    assert form.cleaned_data["phone"] == "+46812345678"


def test_building_form_checks_phone_and_postal_code(municipality, unit):
    form = BuildingForm(
        {
            "name": "Rådhuset",
            "kind": "school",
            "unit": unit.pk,
            "address": "Rådhusplassen 29",
            "postal_code": "143",
            "contact_phone": "123",
        },
        units=type(unit).objects.filter(pk=unit.pk),
        areas=Area.objects.none(),
    )
    assert not form.is_valid()
    assert "fire sifre" in form.errors["postal_code"][0]
    assert "123" in form.errors["contact_phone"][0]
