"""Staff at work in Chromium, with axe-core at 390 and 1280 px: a premises manager sets up a
room with two parts and a price list, allocates a season where a wish for a part conflicts with
the allocated whole and with an existing booking, previews, publishes and reads the report; a
coordinator finds a volunteer in the register and records hours; the start page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.accounts.models import UnitRole
from dugnad.organisations.models import OrganisationRole
from dugnad.premises import actions
from dugnad.premises.models import AllocationRound, Building, OpeningHours, PriceRule, Room
from dugnad.volunteering import actions as volunteering
from dugnad.volunteering.models import Assignment, HoursEntry, VolunteerProfile
from tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e

WIDTHS = (390, 1280)
# The elements that stick out on the right, to name them when a page scrolls sideways.
WIDE_ELEMENTS = """
[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 8)
  .map(e => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().right)}`)
"""


def _check_both_widths(page, axe, note):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        axe(page, f"{note} at {width} px")
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        if overflow:
            wide = page.evaluate(WIDE_ELEMENTS)
            raise AssertionError(f"{note} scrolls sideways at {width} px: {wide}")


@pytest.fixture
def season(municipality):
    unit = UnitFactory(municipality=municipality, name="Kultur og fritid")
    building = Building.objects.create(
        municipality=municipality, unit=unit, name="Rustad skole", slug="rustad-skole",
        kind="school", address="Rustadveien 1, Ås",
    )  # fmt: skip
    for weekday in range(7):
        OpeningHours.objects.create(
            building=building, weekday=weekday, opens=dt.time(8), closes=dt.time(22)
        )
    manager = UnitRoleFactory(unit=unit, role=UnitRole.Role.PREMISES_MANAGER).user
    today = timezone.localdate()
    allocation_round = AllocationRound.objects.create(
        municipality=municipality,
        name="Sesongen",
        season_start=today + dt.timedelta(days=7),
        season_end=today + dt.timedelta(days=7 * 10),
        deadline=timezone.now() + dt.timedelta(days=3),
    )
    clubs = []
    for name in ("Ås IL Håndball", "Nordby Turn"):
        club = OrganisationFactory(municipality=municipality, name=name)
        leader = OrganisationRoleFactory(organisation=club, role=OrganisationRole.Role.LEADER).user
        clubs.append((club, leader))
    return {"building": building, "manager": manager, "round": allocation_round, "clubs": clubs}


def test_manager_sets_up_allocates_previews_and_publishes(page, login, axe, season):
    building, allocation_round = season["building"], season["round"]
    login(season["manager"].email, TEST_PASSWORD)

    page.goto(f"/lokaler/oppsett/bygg/{building.pk}/")
    _check_both_widths(page, axe, "building set-up")
    page.get_by_role("link", name="Nytt lokale").click()
    page.locator("#id_name").fill("Flerbrukshall")
    page.locator("#id_kind").select_option("gym")
    page.locator("#id_capacity").fill("120")
    page.get_by_role("button", name="Lagre lokalet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flerbrukshall")
    whole = Room.objects.get(name="Flerbrukshall")
    # The price list, typed in kroner.
    page.locator("#id_model_voluntary").select_option("free")
    page.locator("#id_model_private").select_option("per_hour")
    page.locator("#id_amount_private").fill("450")
    page.get_by_role("button", name="Lagre prislisten").click()
    expect(page.locator("#prices-heading + .table-scroll")).to_contain_text("450")
    assert PriceRule.objects.get(room=whole, renter_type="private").amount_ore == 45000
    _check_both_widths(page, axe, "room set-up")
    for n in (1, 2):
        page.goto(f"/lokaler/oppsett/bygg/{building.pk}/nytt-rom/")
        page.locator("#id_name").fill(f"Flerbrukshall del {n}")
        page.locator("#id_kind").select_option("gym")
        page.locator("#id_capacity").fill("40")
        page.locator("#id_parent").select_option(str(whole.pk))
        page.get_by_role("button", name="Lagre lokalet").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Flerbrukshall del {n}")
    assert whole.parts.count() == 2
    part = whole.parts.order_by("name").first()
    PriceRule.objects.create(
        room=part, renter_type="voluntary", model="free", valid_from=dt.date(2020, 1, 1)
    )

    # Wishes: the whole for one club, a part at the same time for another; a booking of the
    # whole already on the season's first Tuesday.
    (handball, handball_leader), (turn, turn_leader) = season["clubs"]
    wish_whole = actions.submit_wish(
        handball_leader, allocation_round, handball, room=whole, weekday=1,
        start_time=dt.time(17), minutes=120, priority=1, participants=30,
    )  # fmt: skip
    wish_part = actions.submit_wish(
        turn_leader, allocation_round, turn, room=part, weekday=1,
        start_time=dt.time(18), minutes=90, priority=1, participants=15,
    )  # fmt: skip
    from dugnad.premises.season import season_dates

    first_tuesday = season_dates(allocation_round, 1)[0]
    actions.book_room(
        handball_leader, whole,
        timezone.make_aware(dt.datetime.combine(first_tuesday, dt.time(18))),
        timezone.make_aware(dt.datetime.combine(first_tuesday, dt.time(19))),
        title="Cup", organisation=handball,
    )  # fmt: skip

    page.goto(f"/lokaler/tildeling/{allocation_round.pk}/?bygg={building.pk}&dag=1")
    card = page.locator(f"#wish-{wish_part.pk}")
    expect(card).to_contain_text("Ås IL Håndball")  # the wish for the whole, in conflict
    expect(card).to_contain_text("Ås IL Håndball")  # booked on the first Tuesday
    _check_both_widths(page, axe, "allocation grid")
    # Allocating swaps the wish's card and the cards on the same room (htmx), no reload.
    page.locator(f"#wish-{wish_whole.pk} button[type=submit]").first.click()
    expect(page.locator("#allocation-status")).to_contain_text("Ås IL Håndball")
    expect(page.locator(f"#wish-{wish_part.pk}")).to_contain_text("tildelt Ås IL Håndball")
    # Allocating the part at the whole's time is refused with the reason, on the same page.
    page.locator(f"#wish-{wish_part.pk} button[type=submit]").first.click()
    expect(page.locator(f"#wish-{wish_part.pk}-error")).to_be_visible()
    expect(page.locator("#allocation-status")).to_contain_text("Nordby Turn")
    # Move the part's slot to Thursday instead.
    page.locator(f"#weekday-{wish_part.pk}").select_option("3")
    page.locator(f"#wish-{wish_part.pk} button[type=submit]").first.click()
    # Wait for the answer before leaving the page (the card says where the slot now is).
    expect(page.locator(f"#wish-{wish_part.pk} dl")).to_contain_text("torsdag")

    page.get_by_role("link", name="Forhåndsvis og publiser").click()
    expect(page.locator("main")).to_contain_text("hoppes over")  # the booked Tuesday
    _check_both_widths(page, axe, "allocation preview")
    page.get_by_role("button", name="Publiser tildelingen").click()
    expect(page.locator("#confirm_error")).to_be_visible()  # not confirmed: nothing published
    page.locator("#confirm").check()
    page.get_by_role("button", name="Publiser tildelingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tildelingsrapport")
    expect(page.locator("main table")).to_contain_text("Nordby Turn")
    expect(page.locator("main table")).to_contain_text("allerede booket")
    _check_both_widths(page, axe, "allocation report")

    page.goto("/arbeid/")
    _check_both_widths(page, axe, "start page")


def test_coordinator_finds_a_volunteer_and_records_hours(page, login, axe, municipality):
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

    page.goto("/frivillig/frivillige/")
    page.locator("#r-q").fill("Fjeld")
    page.get_by_role("button", name="Søk").click()
    _check_both_widths(page, axe, "volunteer register")
    page.get_by_role("link", name="Sigrid Fjeld").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sigrid Fjeld")
    page.locator("#id_date").fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.locator("#id_hours").fill("3")
    page.get_by_role("button", name="Registrer timene").click()
    expect(page.locator("#hours-heading")).to_contain_text("3")
    assert HoursEntry.objects.get(volunteer=volunteer).minutes == 180
    _check_both_widths(page, axe, "volunteer history")
