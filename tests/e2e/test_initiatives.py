"""Co-creation in the browser: a newcomer finds the nursing homes' volunteer contact from the
"one way in"; a staff member starts an initiative with a partner organisation and links an
event. axe-core runs on each page at a phone's and a laptop's width."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.accounts.models import UnitRole
from dugnad.activities.models import Event, Occurrence
from dugnad.core.models import AgeGroup
from dugnad.initiatives.models import Conference, ConferenceSession, Council, Initiative
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
    return {"staff": staff, "municipality": municipality}


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


@pytest.fixture
def gathering_world(world):
    municipality = world["municipality"]
    volunteering = UnitFactory(municipality=municipality, name="Kultur, idrett og frivillighet")
    coordinator = UserFactory(email="koordinator@e2e.example", first_name="Kari")
    UnitRoleFactory(unit=volunteering, user=coordinator, role=UnitRole.Role.VOLUNTEER_COORDINATOR)
    event = Event.objects.create(
        municipality=municipality, unit=volunteering, title="Frivilligkonferansen",
        status=Event.Status.PUBLISHED, signup_enabled=True, capacity=80,
    )  # fmt: skip
    start = timezone.make_aware(dt.datetime(timezone.localdate().year + 1, 3, 12, 17))
    Occurrence.objects.create(
        event=event, start=start, end=start + dt.timedelta(hours=4), original_start=start
    )
    conference = Conference.objects.create(
        municipality=municipality, year=start.year, title="Frivilligkonferansen", event=event
    )
    Council.objects.create(municipality=municipality, name="Frivilligrådet")
    return {"coordinator": coordinator, "conference": conference}


def test_coordinator_sets_up_next_years_conference(page, axe, login, gathering_world):
    this_one = gathering_world["conference"]
    unit = this_one.event.unit
    event = Event.objects.create(
        municipality=this_one.municipality, unit=unit, title="Frivilligkonferansen neste år",
        status=Event.Status.PUBLISHED, signup_enabled=True, capacity=80,
    )  # fmt: skip
    start = this_one.event.occurrences.get().start + dt.timedelta(days=365)
    Occurrence.objects.create(
        event=event, start=start, end=start + dt.timedelta(hours=4), original_start=start
    )
    login(gathering_world["coordinator"].email, TEST_PASSWORD)
    page.goto("/frivillighet/frivilligkonferansen/")
    page.get_by_role("link", name="Sett opp konferansen for et nytt år").click()
    page.wait_for_load_state()
    check_widths(page, axe, "new conference")
    # A year that has its conference: refused, with the title kept.
    page.get_by_role("spinbutton", name="År").fill(str(this_one.year))
    page.get_by_label("Tittel").fill("Frivilligkonferansen igjen")
    page.get_by_label("Arrangement i kalenderen for påmelding").select_option(str(event.pk))
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    assert f"Det finnes allerede en konferanse i {this_one.year}." in page.inner_text("main")
    assert page.get_by_label("Tittel").input_value() == "Frivilligkonferansen igjen"
    axe(page, "new conference with an error")
    page.get_by_role("spinbutton", name="År").fill(str(this_one.year + 1))
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/frivilligkonferansen/{this_one.year + 1}/rediger/")
    assert Conference.objects.filter(year=this_one.year + 1, event=event).exists()


def test_coordinator_keeps_the_conference_programme(page, axe, login, gathering_world):
    login(gathering_world["coordinator"].email, TEST_PASSWORD)
    page.goto("/frivillighet/frivilligkonferansen/")
    page.get_by_role("link", name="Rediger programmet og dokumentene").click()
    page.wait_for_load_state()
    check_widths(page, axe, "conference staff page")
    form = page.locator("form", has=page.get_by_role("button", name="Legg til programposten"))
    form.get_by_label("Tittel").fill("Verksted: søk tilskudd")
    form.get_by_label("Starter").fill("19:00")
    form.get_by_label("Slutter").fill("18:00")
    form.get_by_label("Innledere").fill("Sander Saksbehandler")
    form.get_by_role("button", name="Legg til programposten").click()
    page.wait_for_load_state()
    assert "må slutte etter at den starter" in page.locator("main").inner_text()
    form = page.locator("form", has=page.get_by_role("button", name="Legg til programposten"))
    assert form.get_by_label("Innledere").input_value() == "Sander Saksbehandler"
    axe(page, "session form with an error")
    form.get_by_label("Slutter").fill("20:00")
    form.get_by_role("button", name="Legg til programposten").click()
    page.wait_for_load_state()
    documents = page.locator("form", has=page.get_by_role("button", name="Publiser dokumentet"))
    documents.get_by_label("Tittel").fill("Presentasjonene")
    documents.get_by_label("Eller en lenke til dokumentet").fill("https://example.org/lysark")
    documents.get_by_role("button", name="Publiser dokumentet").click()
    page.wait_for_load_state()
    check_widths(page, axe, "conference staff page with a session and a document")
    page.get_by_role("link", name="Se konferansesiden").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Verksted: søk tilskudd" in main and "Sander Saksbehandler" in main
    expect(page.get_by_role("link", name="Presentasjonene")).to_be_visible()
    check_widths(page, axe, "public conference page")


def test_coordinator_keeps_the_council(page, axe, login, gathering_world):
    login(gathering_world["coordinator"].email, TEST_PASSWORD)
    page.goto("/frivillighet/frivilligradet/")
    page.get_by_role("link", name="Rediger medlemmer og møter").click()
    page.wait_for_load_state()
    check_widths(page, axe, "council staff page")
    form = page.locator("form", has=page.get_by_role("button", name="Legg til medlemmet"))
    form.get_by_label("Navn").fill("Randi Rådsleder")
    form.get_by_label("Rolle i rådet").select_option("chair")
    form.get_by_label("Organisasjon medlemmet representerer").select_option(label="Ås E-sportklubb")
    form.get_by_label("Perioden starter").fill("2026-01-01")
    form.get_by_label("Perioden slutter").fill("2025-12-31")
    form.get_by_role("button", name="Legg til medlemmet").click()
    page.wait_for_load_state()
    assert "kan ikke slutte før den starter" in page.locator("main").inner_text()
    form = page.locator("form", has=page.get_by_role("button", name="Legg til medlemmet"))
    assert form.get_by_label("Navn").input_value() == "Randi Rådsleder"
    form.get_by_label("Perioden starter").fill(f"{timezone.localdate().year - 1}-01-01")
    form.get_by_label("Perioden slutter").fill(f"{timezone.localdate().year + 1}-12-31")
    form.get_by_role("button", name="Legg til medlemmet").click()
    page.wait_for_load_state()
    meeting = page.locator("form", has=page.get_by_role("button", name="Legg til møtet"))
    held = timezone.localdate() - dt.timedelta(days=14)
    meeting.get_by_label("Dato").fill(held.isoformat())
    meeting.get_by_label("Saksliste").fill("1. Arbeidsplan")
    meeting.locator("#meeting-minutes").fill("Arbeidsplanen ble vedtatt.")
    meeting.get_by_role("button", name="Legg til møtet").click()
    page.wait_for_load_state()
    check_widths(page, axe, "council staff page with a member and a meeting")
    page.get_by_role("link", name="Se rådssiden").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Randi Rådsleder" in main and "Ås E-sportklubb" in main
    assert "Arbeidsplanen ble vedtatt." in main
    check_widths(page, axe, "public council page")


def test_removing_a_session_asks_first(page, login, gathering_world):
    """The remove button ("Fjern") asks in the browser's own dialog: "Avbryt" keeps the
    session, "OK" removes it."""
    conference = gathering_world["conference"]
    start = conference.event.occurrences.get().start
    session = ConferenceSession.objects.create(
        conference=conference, title="Verksted: søk tilskudd", starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )  # fmt: skip
    login(gathering_world["coordinator"].email, TEST_PASSWORD)
    page.goto(f"/frivillighet/frivilligkonferansen/{conference.year}/rediger/")
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    remove = page.get_by_role("button", name="Fjern Verksted: søk tilskudd")
    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    remove.click()
    page.wait_for_timeout(300)
    assert asked == ["Fjerne «Verksted: søk tilskudd» fra programmet? Det kan ikke angres."]
    assert ConferenceSession.objects.filter(pk=session.pk).exists()
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    remove.click()  # the cancelled attempt left the form free to be sent
    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Fjern Verksted: søk tilskudd")).to_have_count(0)
    assert len(asked) == 2
    assert not ConferenceSession.objects.filter(pk=session.pk).exists()
