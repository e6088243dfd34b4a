"""Staff set-up and coordination in Chromium, with axe-core at 390 and 1280 px: a premises
manager sets up an allocation round and allocates by keyboard without a reload; a coordinator
creates a weekly series of shifts from a preview, writes to the volunteers, and records a
police certificate that has expired (kept, with a warning and an "expired" badge)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.accounts.models import UnitRole
from dugnad.organisations.models import OrganisationRole
from dugnad.premises import actions
from dugnad.premises.models import AllocatedSlot, AllocationRound, Building, OpeningHours, Room
from dugnad.volunteering import actions as volunteering
from dugnad.volunteering.models import (
    Assignment,
    GroupMessage,
    PoliceCertificateRecord,
    Shift,
    VolunteerProfile,
)
from tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)

from .test_staff import _check_both_widths

pytestmark = pytest.mark.e2e
# Set to a folder to keep a screenshot of each page at each width (for looking at them).
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def _look(page, axe, note):
    _check_both_widths(page, axe, note)
    if SHOTS:
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            name = note.replace(" ", "-")
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)


def test_manager_sets_up_a_round_and_allocates_by_keyboard(page, login, axe, municipality):
    unit = UnitFactory(municipality=municipality, name="Kultur og fritid")
    building = Building.objects.create(
        municipality=municipality, unit=unit, name="Rustad skole", slug="rustad-skole",
        kind="school", address="Rustadveien 1, Ås",
    )  # fmt: skip
    for weekday in range(7):
        OpeningHours.objects.create(
            building=building, weekday=weekday, opens=dt.time(8), closes=dt.time(22)
        )
    hall = Room.objects.create(building=building, name="Hallen", kind="gym", capacity=100)
    Room.objects.create(
        building=building, name="Hallen del 1", kind="gym", capacity=30, parent=hall
    )
    Room.objects.create(building=building, name="Musikkrom", kind="music", capacity=10)
    manager = UnitRoleFactory(unit=unit, role=UnitRole.Role.PREMISES_MANAGER).user
    login(manager.email, TEST_PASSWORD)

    page.goto("/lokaler/forvaltning/")
    page.get_by_role("link", name="Ny tildelingsrunde").click()
    _look(page, axe, "new allocation round")
    today = timezone.localdate()
    page.locator("#id_name").fill("Høst i hallen")
    page.locator("#id_season_start").fill((today + dt.timedelta(days=14)).isoformat())
    page.locator("#id_season_end").fill((today + dt.timedelta(days=7)).isoformat())
    page.locator("#id_deadline").fill(f"{(today + dt.timedelta(days=5)).isoformat()}T12:00")
    page.get_by_label("Rustad skole: Hallen", exact=True).check()
    page.get_by_role("button", name="Lagre tildelingsrunden").click()
    # The season ending before it starts is refused beside the field; nothing typed is lost.
    expect(page.locator("#id_name")).to_have_value("Høst i hallen")
    expect(page.get_by_label("Rustad skole: Hallen", exact=True)).to_be_checked()
    _look(page, axe, "allocation round with errors")
    page.locator("#id_season_end").fill((today + dt.timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Lagre tildelingsrunden").click()
    expect(page.locator(".messages")).to_contain_text("Tildelingsrunden er lagret")
    allocation_round = AllocationRound.objects.get(name="Høst i hallen")
    assert [room.name for room in allocation_round.rooms.all()] == ["Hallen"]
    _look(page, axe, "allocation round")

    club = OrganisationFactory(municipality=municipality, name="Ås IL Basket")
    leader = OrganisationRoleFactory(organisation=club, role=OrganisationRole.Role.LEADER).user
    wish = actions.submit_wish(
        leader, allocation_round, club, room=hall, weekday=1, start_time=dt.time(18),
        minutes=90, priority=1, participants=20,
    )  # fmt: skip
    page.get_by_role("link", name="Tildel ønskene").click()
    page.get_by_role("navigation", name="Ukedag").get_by_role("link", name="tirsdag").click()
    expect(page.locator("#season-grid")).not_to_contain_text("Tildelt: Ås IL Basket")
    rooms = page.locator(f"#room-{wish.pk} option").all_inner_texts()
    assert not any("Musikkrom" in name for name in rooms)  # not in the round
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    scrolled = page.evaluate("window.scrollY")
    url = page.url
    # By keyboard: focus the card's "Allocate" and press Enter; the card changes in place.
    page.locator(f"#allocate-{wish.pk}").focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#wish-{wish.pk}")).to_contain_text("Tildelt")
    expect(page.locator("#allocation-status")).to_contain_text("Ås IL Basket")
    expect(page.locator(f"#allocate-{wish.pk}")).to_be_focused()
    expect(page.locator("#season-grid")).to_contain_text("Tildelt: Ås IL Basket")
    assert page.url == url and page.evaluate("window.scrollY") >= scrolled - 5
    assert AllocatedSlot.objects.filter(wish=wish, room=hall).exists()
    _look(page, axe, "allocation after allocating")
    # Remove: the button goes, focus moves to "Allocate" rather than the top of the page.
    page.locator(f"#remove-{wish.pk}").focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#remove-{wish.pk}")).to_have_count(0)
    expect(page.locator(f"#allocate-{wish.pk}")).to_be_focused()
    assert not AllocatedSlot.objects.exists()


def test_coordinator_creates_a_series_writes_to_volunteers_and_records_a_certificate(
    page, login, axe, municipality
):
    unit = UnitFactory(municipality=municipality, name="Frivilligsentralen")
    coordinator = UnitRoleFactory(unit=unit, role=UnitRole.Role.VOLUNTEER_COORDINATOR).user
    club = OrganisationFactory(municipality=municipality, name="Ås Røde Kors")
    assignment = Assignment.objects.create(
        organisation=club, title="Leksehjelp", description="Hjelp elever med lekser",
        kind="ongoing", people_needed=3,
    )  # fmt: skip
    volunteer = UserFactory(first_name="Sigrid", last_name="Fjeld")
    VolunteerProfile.objects.create(user=volunteer, contactable=True)
    interest = volunteering.express_interest(volunteer, assignment)
    volunteering.answer_interest(coordinator, interest, accept=True)
    login(coordinator.email, TEST_PASSWORD)

    page.goto(assignment.get_absolute_url())
    page.get_by_role("link", name="Legg til en serie vakter (hver uke eller hver dag)").click()
    first = timezone.localdate() + dt.timedelta(days=3)
    page.locator("#id_first_date").fill(first.isoformat())
    page.locator("#id_last_date").fill((first + dt.timedelta(weeks=5)).isoformat())
    page.locator("#id_start").fill("17:00")
    page.locator("#id_end").fill("19:00")
    page.get_by_role("button", name="Vis datoene").click()
    expect(page.locator("#preview-heading")).to_contain_text("6 vakter")
    assert not Shift.objects.exists()
    _look(page, axe, "shift series preview")
    page.get_by_role("button", name="Opprett 6 vakter").click()
    expect(page.locator(".messages")).to_contain_text("6 vakter er lagt til")
    assert Shift.objects.filter(assignment=assignment).count() == 6

    page.get_by_role("link", name="Skriv til de frivillige").click()
    page.locator("#id_subject").fill("Oppstart")
    page.locator("#id_body").fill("Velkommen! Vi møtes på biblioteket.")
    _look(page, axe, "group message")
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.locator(".messages")).to_contain_text("1 frivillig")
    expect(page.locator("#messages-heading + p + .table-scroll")).to_contain_text("Oppstart")
    assert GroupMessage.objects.get().recipient_count == 1

    # A certificate shown in 2012 is recorded, with a warning, and counts as expired.
    page.locator("#id_role").fill("Leksehjelper")
    page.locator("#id_shown_on").fill("2012-03-01")
    page.get_by_role("button", name="Registrer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("utløp")
    assert PoliceCertificateRecord.objects.filter(volunteer=volunteer).exists()
    _look(page, axe, "assignment with messages")
    page.goto("/frivillig/frivillige/")
    expect(page.locator("main")).to_contain_text("Utløpt")
