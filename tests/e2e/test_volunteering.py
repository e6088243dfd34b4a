"""Volunteering in the browser: a new volunteer finds an assignment that fits and signs up;
the organiser accepts. axe-core runs on every page of the volunteering section."""

import pytest
from playwright.sync_api import expect

from dugnad.volunteering.models import Interest, ShiftSignUp
from tests.factories import TEST_PASSWORD, MunicipalityFactory
from tests.volunteering.conftest import make_assignment, make_shift, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(db):
    from dugnad.accounts.models import UnitRole
    from dugnad.core.models import Area, Unit
    from dugnad.organisations.models import OrganisationRole
    from tests.factories import OrganisationFactory, OrganisationRoleFactory, UnitRoleFactory

    municipality = MunicipalityFactory()
    nordby = Area.objects.create(municipality=municipality, name="Nordby", slug="nordby")
    org = OrganisationFactory(municipality=municipality, name="Ås IL")
    leader = person(email="leder@e2e.example")
    OrganisationRoleFactory(organisation=org, user=leader, role=OrganisationRole.Role.LEADER)
    unit = Unit.objects.create(municipality=municipality, name="Frivillighet", slug="frivillighet")
    coordinator = person(email="koord@e2e.example")
    UnitRoleFactory(unit=unit, user=coordinator, role=UnitRole.Role.VOLUNTEER_COORDINATOR)
    UnitRoleFactory(
        unit=unit, user=coordinator, role=UnitRole.Role.VOLUNTEER_CONTACT, show_publicly=True
    )
    assignment = make_assignment(
        organisation=org,
        title="Vert på Kulturfesten",
        topics=["culture"],
        area=nordby,
        contact_person=leader,
        times=["weekend"],
    )
    make_assignment(
        organisation=org, title="Fotballdugnad", topics=["sports"], times=["weekday_day"]
    )
    make_shift(assignment, days=4, hour=11, needed=3)
    from dugnad.volunteering.models import VolunteerProfile

    VolunteerProfile.objects.create(
        user=person(first_name="Amina", last_name="Hassan"),
        interests=["culture"],
        availability=["weekend"],
        contactable=True,
    )
    return {"assignment": assignment, "leader": leader, "coordinator": coordinator}


def logout(page):
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_load_state()


def test_new_volunteer_finds_fitting_assignment_and_organiser_accepts(page, axe, login, world):
    volunteer = person(email="ny@e2e.example")
    login(volunteer.email, TEST_PASSWORD)

    page.goto("/frivillig/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_text("koord@e2e.example")).to_have_count(1)  # the unit's volunteer contact
    axe(page, "index")

    page.get_by_role("link", name="Lag frivilligprofilen din").click()
    axe(page, "profile form")
    page.get_by_label("Kultur og arrangementer").check()
    page.get_by_label("helger").check()
    page.get_by_label("Fødselsår").fill("19")
    page.get_by_role("button", name="Lagre profilen").click()
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)  # wrong year, other choices kept
    assert page.get_by_label("Kultur og arrangementer").is_checked()
    axe(page, "profile form with errors")
    page.get_by_label("Fødselsår").fill("1990")
    page.get_by_role("button", name="Lagre profilen").click()

    recommended = page.locator("section", has=page.get_by_role("heading", name="Anbefalt for deg"))
    expect(recommended.get_by_text("interessert i kultur og arrangementer")).to_have_count(1)
    expect(recommended.get_by_role("link", name="Fotballdugnad")).to_have_count(0)
    recommended.get_by_role("link", name="Vert på Kulturfesten").click()
    axe(page, "assignment page")

    page.get_by_role("button", name="Meld interesse").click()
    expect(page.get_by_text("Venter på svar")).to_have_count(1)
    page.get_by_role("button", name="Meld deg på").click()
    expect(page.get_by_text("Du er påmeldt vakten.")).to_have_count(1)
    assert ShiftSignUp.objects.filter(volunteer=volunteer).count() == 1

    for path in (
        "/frivillig/min-side/",
        "/frivillig/taushetserklaering/",
        "/min-side/mine-data/",
        "/min-side/innsyn/",
        "/min-side/slett-konto/",
    ):
        page.goto(path)
        expect(page.locator("h1")).to_have_count(1)
        axe(page, path)
    logout(page)

    login(world["leader"].email, TEST_PASSWORD)
    page.goto(world["assignment"].get_absolute_url())
    suggested = page.locator(
        "section", has=page.get_by_role("heading", name="Foreslåtte frivillige")
    )
    expect(suggested.get_by_text("Amina Hassan")).to_have_count(1)  # contactable, fits, not engaged
    expect(suggested.get_by_text("ledig helger")).to_have_count(1)
    axe(page, "organiser view")
    page.get_by_label("Melding til den frivillige").fill("Velkommen, vi ses!")
    page.get_by_role("button", name="Takk ja").click()
    expect(page.get_by_text("Svaret ditt er sendt.")).to_have_count(1)
    assert Interest.objects.get(volunteer=volunteer).status == "accepted"
    page.goto("/frivillig/oppdrag/nytt/")
    axe(page, "new assignment form")
    page.get_by_role("button", name="Publiser").click()
    axe(page, "new assignment form with errors")
    page.goto(f"/frivillig/frivillige/{volunteer.pk}/")
    axe(page, "volunteer profile for organiser")
    page.goto(world["assignment"].get_absolute_url())
    page.get_by_role("link", name="Rediger oppdraget").click()
    axe(page, "edit assignment form")
    page.go_back()
    page.get_by_role("link", name="Endre eller slett").first.click()
    axe(page, "edit shift form")
    page.get_by_label("Antall personer som trengs").fill("0")
    page.get_by_role("button", name="Lagre").click()
    axe(page, "edit shift form with errors")
    logout(page)

    login(world["coordinator"].email, TEST_PASSWORD)
    page.goto("/frivillig/oversikt/")
    expect(page.get_by_text("Vert på Kulturfesten").first).to_be_visible()
    axe(page, "coordinator overview")
    page.get_by_role("link", name="Timer per organisasjon, enhet og person").click()
    # count() does not wait: the report is asserted once its page has loaded.
    page.wait_for_url("**/frivillig/timer/**")
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_count(1)
    axe(page, "hours report")
