"""Every form that takes an organisation number, a postal code, a phone number or a date that
must lie ahead checks it with core.validators, in the reader's language."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from dugnad.core.models import Area
from dugnad.grants.models import FieldKind, FormField
from dugnad.organisations.forms import RegistrationForm
from dugnad.premises.setup_forms import BuildingForm
from tests.grants.conftest import good_data
from tests.grants.test_forms import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def test_grant_application_checks_org_number_and_phone(scheme, draft):
    form = build(scheme, good_data(draft, org_number="974 760 674", contact_phone="ring meg"))
    assert not form.is_valid()
    assert "ikke et gyldig organisasjonsnummer" in form.errors["org_number"][0]
    assert "ring meg" in form.errors["contact_phone"][0]
    form = build(scheme, good_data(draft, org_number="974 760 673", contact_phone="64 96 20 00"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["org_number"] == "974760673"
    assert form.cleaned_data["contact_phone"] == "+4764962000"


def test_grant_application_refuses_a_start_date_in_the_past(scheme, draft):
    FormField.objects.create(
        section=scheme.sections.first(),
        key="oppstart",
        label="Oppstart",
        kind=FieldKind.DATE,
        position=6,
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    form = build(scheme, good_data(draft, f_oppstart=yesterday.isoformat()))
    assert not form.is_valid()
    assert f"{yesterday:%d.%m.%Y} er passert" in form.errors["f_oppstart"][0]
    # A draft keeps the date but still tells the applicant early.
    draft_form = build(scheme, good_data(draft, f_oppstart=yesterday.isoformat()), complete=False)
    assert "f_oppstart" in draft_form.errors
    today = timezone.localdate()
    assert build(scheme, good_data(draft, f_oppstart=today.isoformat())).is_valid()


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
