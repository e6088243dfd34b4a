import pytest

from dugnad.activities.forms import CalendarFilterForm
from dugnad.core.models import Area
from tests.factories import MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_calendar_filters_offer_only_this_municipalitys_organisations_and_areas(municipality):
    elsewhere = MunicipalityFactory(number="3207", name="Nordre Follo")
    ours = OrganisationFactory(municipality=municipality, name="Ås Sjakklubb")
    theirs = OrganisationFactory(municipality=elsewhere, name="Ski Sjakklubb")
    Area.objects.create(municipality=municipality, name="Nordby", slug="nordby")
    Area.objects.create(municipality=elsewhere, name="Langhus", slug="langhus")

    # The organiser is a hidden field (chosen on the organisation's page): it lists no options
    # and accepts this municipality's organisations alone.
    chosen_here = CalendarFilterForm({"organisation": ours.slug}, municipality=municipality)
    assert chosen_here.is_valid() and chosen_here.cleaned_data["organisation"] == ours
    form = CalendarFilterForm(municipality=municipality)
    assert list(form.fields["organisation"].choices) == [("", "---------")]
    areas = {label for _, label in form.fields["area"].choices}
    assert "Nordby" in areas and "Langhus" not in areas

    chosen_elsewhere = CalendarFilterForm({"organisation": theirs.slug}, municipality=municipality)
    assert not chosen_elsewhere.is_valid()
    assert "organisation" in chosen_elsewhere.errors
