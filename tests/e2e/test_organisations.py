"""The directory in Chromium: register, search by keyboard only, and axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from dugnad.accounts.models import UnitRole
from dugnad.organisations.models import ActivityType, Organisation, OrganisationRole
from tests.factories import TEST_PASSWORD, UnitRoleFactory
from tests.organisations.conftest import make_organisation, make_user, org_number

pytestmark = pytest.mark.e2e


@pytest.fixture
def directory(municipality):
    basketball = ActivityType.objects.create(
        name="Basketball", slug="basketball", category="sports"
    )
    choir = ActivityType.objects.create(name="Kor", slug="kor", category="music")
    club = make_organisation(municipality=municipality, name="Ås Fleridrettslag",
                             search_document="Ås Fleridrettslag Basketball Fotball")  # fmt: skip
    club.activity_types.set([basketball])
    singers = make_organisation(
        municipality=municipality, name="Togrenda Sangkor", category="music",
        search_document="Togrenda Sangkor Kor",
    )  # fmt: skip
    singers.activity_types.set([choir])
    return club, singers


def test_register_an_organisation(page, login, axe, municipality):
    person = make_user()
    login(person.email, TEST_PASSWORD)
    page.goto("/organisasjoner/registrer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrer en organisasjon")
    axe(page, "register form")

    page.get_by_label("Navn").first.fill("Ås Brettspillklubb")
    page.get_by_label("Organisasjonsnummer").fill("123456789")
    page.get_by_label("Formål").fill("Brettspill for alle aldre.")
    page.get_by_label("E-post").fill("post@brettspill.example")
    page.get_by_role("button", name="Registrer", exact=True).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Organisasjonsnummer")
    expect(page.get_by_label("Formål")).to_have_value("Brettspill for alle aldre.")
    axe(page, "register form with errors")

    number = org_number()
    page.get_by_label("Organisasjonsnummer").fill(number)
    page.get_by_role("button", name="Registrer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ås Brettspillklubb")
    expect(page.get_by_text("venter på kommunens godkjenning")).to_be_visible()
    axe(page, "pending organisation page")
    organisation = Organisation.objects.get(org_number=number)
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.roles.get().user == person


def test_search_the_directory_by_keyboard_only(page, axe, directory):
    club, singers = directory
    page.goto("/organisasjoner/")
    axe(page, "directory")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "filter-q":
            break
    else:
        pytest.fail("The search field cannot be reached with Tab.")
    page.keyboard.type("Sangkor")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Sangkor"))
    results = page.locator("#results-heading + ul")
    expect(results).to_contain_text(singers.name)
    expect(results).not_to_contain_text(club.name)

    for _ in range(60):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement && document.activeElement.textContent")
            == singers.name
        ):
            break
    else:
        pytest.fail("The result link cannot be reached with Tab.")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(singers.name)
    axe(page, "organisation page")


def test_axe_on_edit_and_roles_pages(page, login, axe, municipality):
    organisation = make_organisation(municipality=municipality, name="Ås Turlag")
    leader = make_user()
    OrganisationRole.objects.create(organisation=organisation, user=leader, role="leader")
    OrganisationRole.objects.create(organisation=organisation, user=make_user(), role="editor")
    login(leader.email, TEST_PASSWORD)
    page.goto(f"/organisasjoner/{organisation.slug}/rediger/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ås Turlag")
    axe(page, "edit page")
    page.goto(f"/organisasjoner/{organisation.slug}/roller/")
    axe(page, "roles page")


def test_axe_on_review_pages(page, login, axe, municipality, unit):
    coordinator = make_user()
    UnitRoleFactory(unit=unit, user=coordinator, role=UnitRole.Role.VOLUNTEER_COORDINATOR)
    waiting = make_organisation(municipality=municipality, name="Ventende lag", status="pending")
    make_organisation(municipality=municipality, name="Annet lag")
    login(coordinator.email, TEST_PASSWORD)
    page.goto("/organisasjoner/behandling/")
    expect(page.get_by_role("link", name="Ventende lag")).to_be_visible()
    axe(page, "review queue")
    page.get_by_role("link", name="Ventende lag").click()
    axe(page, "review page")
    page.get_by_role("radio", name="Godkjenn").check()
    page.get_by_role("button", name="Lagre vedtak").click()
    expect(page.get_by_text("Vedtaket er lagret.")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.status == Organisation.Status.APPROVED


@pytest.mark.parametrize("width", [390, 1280])
def test_the_directory_shows_results_first_and_folds_its_filters(page, axe, directory, width):
    """On a phone the first organisation is on the first screen: the search stays in view and
    the other filters fold into "Flere filtre", which opens by itself when one is in use."""
    club, singers = directory
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/organisasjoner/")
    first_result = page.locator("#results-heading + ul li").first
    assert first_result.bounding_box()["y"] < 844
    category = page.get_by_label("Kategori")
    expect(category).to_be_hidden()
    axe(page, f"directory at {width}")

    page.get_by_text("Flere filtre").click()
    category.select_option(label="Musikk")
    page.get_by_role("button", name="Vis organisasjoner").click()
    page.wait_for_url(re.compile(r"category=music"))
    results = page.locator("#results-heading + ul")
    expect(results).to_contain_text(singers.name)
    expect(results).not_to_contain_text(club.name)
    expect(page.get_by_label("Kategori")).to_be_visible()  # the panel is open: in use
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page, f"directory filtered at {width}")
