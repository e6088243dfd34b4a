"""Co-creation in the browser: a newcomer finds the nursing homes' volunteer contact from the
"one way in"; a staff member starts an initiative with a partner organisation and links an
event. axe-core runs on each page at a phone's and a laptop's width."""

import datetime as dt

import pytest
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.activities.models import Event, Occurrence
from dugnad.core.models import AgeGroup
from dugnad.initiatives.models import Initiative
from tests.factories import (
    TEST_PASSWORD,
    MunicipalityFactory,
    OrganisationFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTHS = (390, 1280)


@pytest.fixture(autouse=True)
def _patient(page):
    # The shared test machine can be slow; the pages themselves answer in well under a second.
    page.set_default_timeout(60_000)


def check_widths(page, axe, note):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        axe(page, f"{note} at {width}px")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{note}: horizontal scrolling at {width}px ({scroll})"


@pytest.fixture
def world(db):
    municipality = MunicipalityFactory()
    # Browser tests flush the database, the age groups of the migrations with it.
    for position, code in enumerate(("children", "youth", "young_adults", "adults", "elderly")):
        AgeGroup.objects.get_or_create(code=code, defaults={"position": position})
    homes = UnitFactory(municipality=municipality, name="Sykehjem og boliger")
    UnitFactory(municipality=municipality, name="Moertunet demenssenter", parent=homes)
    UnitFactory(municipality=municipality, name="Bibliotek")
    school = UnitFactory(municipality=municipality, name="Kulturskolen")
    contact = UserFactory(first_name="Sverre", last_name="Sand", phone="64 96 20 00")
    UnitRoleFactory(
        unit=homes, user=contact, role=UnitRole.Role.VOLUNTEER_CONTACT, show_publicly=True
    )
    staff = UserFactory(email="ansatt@e2e.example", first_name="Kari", last_name="Kultur")
    UnitRoleFactory(unit=school, user=staff, role=UnitRole.Role.EDITOR)
    OrganisationFactory(municipality=municipality, name="Ås E-sportklubb")
    event = Event.objects.create(
        municipality=municipality, unit=school, title="Kulturhack-kveld",
        status=Event.Status.PUBLISHED,
    )  # fmt: skip
    start = timezone.now() + dt.timedelta(days=5)
    Occurrence.objects.create(
        event=event, start=start, end=start + dt.timedelta(hours=2), original_start=start
    )
    return {"staff": staff}


def test_newcomer_finds_nursing_homes_volunteer_contact(page, axe, world):
    page.goto("/")
    # The home page's one "Bli frivillig" entry, then its way to the volunteer contacts.
    page.get_by_role("link", name="Bli frivillig", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Snakk med en frivilligkontakt").click()
    page.wait_for_load_state()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Frivillig"), heading
    check_widths(page, axe, "landing page")
    page.get_by_label("Hvilken enhet?").fill("sykehjem")
    page.get_by_role("button", name="Finn kontakten").click()
    page.wait_for_load_state()
    contacts = page.locator(".contact-list")
    assert "Sverre Sand" in contacts.inner_text()
    assert "Bibliotek" not in contacts.inner_text()
    assert contacts.get_by_role("link", name="64 96 20 00").first.is_visible()
    check_widths(page, axe, "contact search")
    page.get_by_role("link", name="Moertunet demenssenter").click()
    page.wait_for_load_state()
    assert "Sverre Sand" in page.locator("main").inner_text()
    check_widths(page, axe, "unit page")


def test_staff_creates_initiative_with_partner_and_links_event(page, axe, login, world):
    login(world["staff"].email, TEST_PASSWORD)
    page.goto("/samskaping/")
    check_widths(page, axe, "overview")
    page.get_by_role("link", name="Start et tiltak").click()
    page.wait_for_load_state()
    check_widths(page, axe, "initiative form")
    page.get_by_label("Tittel").fill("Kulturhack")
    page.locator("#id_aim").fill("Kunst og teknologi for unge mellom 13 og 30 år.")
    page.get_by_label("Ledende enhet").select_option(label="Kulturskolen")
    page.get_by_label("Ungdom", exact=True).check()
    page.get_by_label("Ås E-sportklubb").check()
    page.get_by_label("Status").select_option("running")
    page.get_by_label("Starter").fill("2026-09-01")
    page.get_by_label("Slutter").fill("2026-08-01")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    assert "kan ikke slutte før det starter" in page.locator("main").inner_text()
    assert page.get_by_label("Tittel").input_value() == "Kulturhack"
    axe(page, "form with an error")
    page.get_by_label("Slutter").fill("2026-12-01")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Kulturhack"
    page.get_by_label("Arrangement fra kalenderen").select_option(label="Kulturhack-kveld")
    page.get_by_role("button", name="Koble til arrangementet").click()
    page.wait_for_load_state()
    assert (
        page.locator("#events")
        .locator("xpath=..")
        .get_by_role("link", name="Kulturhack-kveld")
        .is_visible()
    )
    check_widths(page, axe, "initiative page")
    initiative = Initiative.objects.get(title="Kulturhack")
    assert [o.name for o in initiative.partner_organisations.all()] == ["Ås E-sportklubb"]
    assert [e.title for e in initiative.events.all()] == ["Kulturhack-kveld"]
