"""The home page, the directory, an organisation's page and the how-to page in a real browser,
on a phone (390 px) and a laptop (1280 px), with axe-core on each: a visitor searches from the
home page without accents, opens an organisation and finds its events, feed and assignments,
and follows the one "Bli frivillig" entry to the assignments. On a phone the menu folds behind
a button that says whether it is open and closes with Escape."""

import io
from datetime import time, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from dugnad.activities import actions
from dugnad.organisations.actions import build_search_document
from dugnad.organisations.models import Organisation
from dugnad.volunteering.models import Assignment
from tests.factories import OrganisationFactory, OrganisationRoleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 1280]


@pytest.fixture
def choir(municipality):
    organisation = OrganisationFactory(
        municipality=municipality, name="Ås Kammerkor", purpose="Vi synger alt fra Grieg til pop."
    )
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "#7b2d8b").save(buffer, format="PNG")
    organisation.logo.save("kor.png", ContentFile(buffer.getvalue()), save=False)
    organisation.logo_alt = "Korets logo: en lilla note"
    organisation.search_document = build_search_document(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(
        logo=organisation.logo.name,
        logo_alt=organisation.logo_alt,
        search_document=organisation.search_document,
    )
    leader = OrganisationRoleFactory(organisation=organisation, user=UserFactory()).user
    schedule = actions.Schedule(
        first_day=timezone.localdate() + timedelta(days=1), start_time=time(19), end_time=time(21)
    )
    event = actions.create_event(
        leader, organisation, {"title": "Korøvelse i Ås kirke", "venue_name": "Ås kirke"}, schedule
    )
    assignment = Assignment.objects.create(
        organisation=organisation,
        title="Kakebaker til julekonserten",
        description="Bak en kake til pausen.",
        people_needed=3,
    )
    return organisation, event, assignment


@pytest.mark.parametrize("width", WIDTHS)
def test_visitor_searches_and_opens_an_organisation(page, axe, choir, width):
    organisation, event, assignment = choir
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/")
    axe(page, f"home at {width}")
    expect(page.get_by_role("link", name=event.title)).to_be_visible()
    expect(page.get_by_role("link", name=assignment.title)).to_be_visible()
    page.get_by_label("Søk etter organisasjoner, arrangementer, oppdrag og sider").fill(
        "kammerkor as"
    )
    page.get_by_role("button", name="Søk", exact=True).click()
    page.wait_for_load_state()
    axe(page, f"search at {width}")
    page.get_by_role("link", name="Ås Kammerkor").click()
    page.wait_for_load_state()
    assert page.url.endswith(organisation.get_absolute_url())
    axe(page, f"organisation at {width}")
    expect(page.get_by_role("img", name="Korets logo: en lilla note")).to_be_visible()
    expect(page.get_by_role("link", name=event.title)).to_be_visible()
    expect(page.get_by_role("link", name=assignment.title)).to_be_visible()
    page.get_by_text("Abonner på organisasjonens kalender").click()
    subscribe = page.get_by_role("link", name="Abonner", exact=True)
    assert subscribe.get_attribute("href").startswith("webcal://")
    page.goto("/organisasjoner/")
    axe(page, f"directory at {width}")
    expect(page.get_by_role("img", name="Korets logo: en lilla note")).to_have_count(1)


@pytest.mark.parametrize("width", WIDTHS)
def test_one_volunteer_entry_leads_to_the_how_to_page(page, axe, choir, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/")
    entries = page.get_by_role("link", name="Bli frivillig", exact=True)
    assert entries.count() == 1
    entries.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Slik blir du frivillig"
    axe(page, f"how-to at {width}")
    expect(page.get_by_role("link", name="Kakebaker til julekonserten")).to_be_visible()
    page.get_by_role("link", name="Se oppdragene").click()
    page.wait_for_load_state()
    assert "/frivillig/" in page.url


def test_phone_menu_folds_opens_and_closes_with_escape(page, axe, choir):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    button = page.get_by_role("button", name="Meny")
    menu_link = page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Organisasjoner"
    )
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu_link.is_visible()
    # The page, not the menu, fills the first screen: the search is on it.
    box = page.get_by_role("search").first.bounding_box()
    assert box["y"] + box["height"] < 844
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu_link.is_visible()
    axe(page, "phone menu open")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu_link.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu-button')")


def test_laptop_shows_the_menu_without_a_button(page, choir):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    assert not page.get_by_role("button", name="Meny").is_visible()
    assert (
        page.get_by_role("navigation", name="Hovedmeny")
        .get_by_role("link", name="Organisasjoner")
        .is_visible()
    )


def test_menu_is_open_without_javascript(browser, live_server, choir):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
        locale="nb-NO",
    )
    page = context.new_page()
    page.goto("/")
    assert (
        page.get_by_role("navigation", name="Hovedmeny")
        .get_by_role("link", name="Organisasjoner")
        .is_visible()
    )
    context.close()
