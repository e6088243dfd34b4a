"""Premises in Chromium: find a free room, book it, a manager approves it; axe on every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.accounts.models import UnitRole
from dugnad.organisations.models import OrganisationRole
from dugnad.premises import actions
from dugnad.premises.models import (
    AllocationRound,
    Booking,
    BookingState,
    Building,
    OpeningHours,
    PriceModel,
    PriceRule,
    RenterType,
    Room,
)
from tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitFactory,
    UnitRoleFactory,
)

pytestmark = pytest.mark.e2e


def _next_wednesday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=(2 - today.weekday()) % 7 or 7)


@pytest.fixture
def premises(municipality):
    unit = UnitFactory(municipality=municipality, name="Kultur og fritid")
    building = Building.objects.create(
        municipality=municipality,
        unit=unit,
        name="Solberg skole",
        slug="solberg-skole",
        kind="school",
        address="Solbergveien 20, Ås",
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            building=building, weekday=weekday, opens=dt.time(8), closes=dt.time(22)
        )
    gym = Room.objects.create(
        building=building, name="Gymsal", kind="gym", capacity=90, confirm_automatically=False
    )
    busy = Room.objects.create(building=building, name="Musikkrom", kind="music_room", capacity=20)
    for room in (gym, busy):
        PriceRule.objects.create(
            room=room,
            renter_type=RenterType.VOLUNTARY,
            model=PriceModel.FREE,
            valid_from=dt.date(2020, 1, 1),
        )
        PriceRule.objects.create(
            room=room,
            renter_type=RenterType.PRIVATE,
            model=PriceModel.PER_HOUR,
            amount_ore=30000,
            valid_from=dt.date(2020, 1, 1),
        )
    organisation = OrganisationFactory(municipality=municipality, name="Ås Turnforening")
    leader = OrganisationRoleFactory(
        organisation=organisation, role=OrganisationRole.Role.LEADER
    ).user
    manager = UnitRoleFactory(unit=unit, role=UnitRole.Role.PREMISES_MANAGER).user
    day = _next_wednesday()
    other = OrganisationRoleFactory(
        organisation=OrganisationFactory(municipality=municipality, name="Ås Korps")
    ).user
    actions.book_room(
        other,
        busy,
        timezone.make_aware(dt.datetime.combine(day, dt.time(18))),
        timezone.make_aware(dt.datetime.combine(day, dt.time(20))),
        title="Korpsøving",
        organisation=other.organisation_roles.first().organisation,
    )
    return {
        "gym": gym,
        "busy": busy,
        "organisation": organisation,
        "leader": leader,
        "manager": manager,
        "day": day,
    }


def test_find_book_and_approve(page, login, axe, premises):
    day = premises["day"]
    login(premises["leader"].email, TEST_PASSWORD)

    page.goto("/lokaler/")
    axe(page, "room list")
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_time_from").fill("18:30")
    page.locator("#id_time_to").fill("19:30")
    page.get_by_role("button", name="Søk").click()
    results = page.locator("#results-heading + ul")
    expect(results).to_contain_text("Gymsal")
    expect(results).not_to_contain_text("Musikkrom")  # taken at that time
    axe(page, "search results")

    page.get_by_role("link", name="Gymsal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gymsal")
    expect(page.locator("table").last).to_contain_text("Ledig")
    axe(page, "room page")

    page.get_by_role("link", name="Book dette rommet").click()
    expect(page.locator("table").first).to_contain_text("Gratis")  # the price before booking
    axe(page, "booking form")
    page.locator("#id_on_behalf").select_option(label="Ås Turnforening")
    page.locator("#id_title").fill("Turntrening")
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_start_time").fill("18:30")
    page.locator("#id_end_time").fill("17:00")
    page.get_by_role("button", name="Send booking").click()
    # A bad end time: an error summary, and what was typed is kept.
    expect(page.locator(".ds-error-summary")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Turntrening")
    axe(page, "booking form with errors")
    page.locator("#id_end_time").fill("19:30")
    page.get_by_role("button", name="Send booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Turntrening")
    expect(page.locator("main")).to_contain_text("Forespurt")
    axe(page, "booking page")
    booking = Booking.objects.get(title="Turntrening")
    assert booking.state == BookingState.REQUESTED

    page.goto("/lokaler/bestillinger/")
    expect(page.locator("main")).to_contain_text("Turntrening")
    axe(page, "my bookings")

    page.context.clear_cookies()
    login(premises["manager"].email, TEST_PASSWORD)
    page.goto("/lokaler/forvaltning/")
    axe(page, "manager queue")
    page.get_by_role("button", name="Godkjenn Turntrening").focus()
    page.keyboard.press("Enter")  # by keyboard
    expect(page.locator(".messages")).to_contain_text("bekreftet")
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED


def test_manager_pages_pass_axe(page, login, axe, premises, municipality):
    manager = premises["manager"]
    login(manager.email, TEST_PASSWORD)
    page.goto("/lokaler/forvaltning/sperring/")
    axe(page, "block form")
    page.goto(
        f"/lokaler/forvaltning/fakturagrunnlag/?first={timezone.localdate()}"
        f"&last={premises['day'] + dt.timedelta(days=7)}&format=html"
    )
    expect(page.locator("main")).to_contain_text("Ås Korps")
    axe(page, "invoice basis")
    allocation_round = AllocationRound.objects.create(
        municipality=municipality,
        name="Høstsesongen",
        season_start=premises["day"],
        season_end=premises["day"] + dt.timedelta(days=60),
        deadline=timezone.now() + dt.timedelta(days=2),
    )
    actions.submit_wish(
        premises["leader"],
        allocation_round,
        premises["organisation"],
        room=premises["gym"],
        weekday=1,
        start_time=dt.time(18),
        minutes=90,
        participants=25,
    )
    page.goto(f"/lokaler/tildeling/{allocation_round.pk}/")
    expect(page.locator("main")).to_contain_text("Ås Turnforening")
    axe(page, "allocation")


def test_series_page_passes_axe(page, login, axe, premises):
    leader = premises["leader"]
    result = actions.book_series(
        leader,
        premises["busy"],
        first_date=premises["day"],
        last_date=premises["day"] + dt.timedelta(days=21),
        start_time=dt.time(18),
        end_time=dt.time(19),
        title="Kor",
        organisation=premises["organisation"],
    )
    login(leader.email, TEST_PASSWORD)
    page.goto(f"/lokaler/serier/{result.series.pk}/")
    expect(page.locator("main")).to_contain_text("ikke booket")  # the clash is listed
    axe(page, "series")


def test_apply_for_weekly_slot(page, login, axe, premises, municipality):
    allocation_round = AllocationRound.objects.create(
        municipality=municipality,
        name="Vårsesongen",
        season_start=premises["day"] + dt.timedelta(days=30),
        season_end=premises["day"] + dt.timedelta(days=120),
        deadline=timezone.now() + dt.timedelta(days=10),
    )
    login(premises["leader"].email, TEST_PASSWORD)
    page.goto("/lokaler/")
    page.get_by_role("link", name="Søk om faste tider: Vårsesongen").click()
    axe(page, "apply form")
    page.locator("#id_room_kind").select_option("gym")
    page.locator("#id_weekday").select_option("2")
    page.locator("#id_start_time").fill("18:00")
    page.locator("#id_participants").fill("24")
    page.get_by_role("button", name="Send ønske").click()
    expect(page.locator(".messages")).to_contain_text("mottatt")
    assert allocation_round.wishes.get().room_kind == "gym"


def test_cancel_series_by_keyboard(page, login, axe, premises):
    leader = premises["leader"]
    result = actions.book_series(
        leader,
        premises["gym"],
        # A week ahead, so that no date falls within the cancellation deadline whatever the
        # hour the test runs at (the next Wednesday can be tomorrow).
        first_date=premises["day"] + dt.timedelta(days=7),
        last_date=premises["day"] + dt.timedelta(days=21),
        start_time=dt.time(18),
        end_time=dt.time(19),
        title="Turn",
        organisation=premises["organisation"],
    )
    login(leader.email, TEST_PASSWORD)
    page.goto(f"/lokaler/serier/{result.series.pk}/")
    button = page.get_by_role("button", name="Avbestill alle kommende datoer")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("3 datoer avbestilt")
    axe(page, "series cancelled")
    assert (
        not Booking.objects.filter(series=result.series)
        .exclude(state=BookingState.CANCELLED)
        .exists()
    )


def test_blocked_periods_listed_and_removed(page, login, axe, premises):
    manager = premises["manager"]
    day = premises["day"] + dt.timedelta(days=1)
    actions.block_room(
        manager,
        premises["gym"],
        timezone.make_aware(dt.datetime.combine(day, dt.time(8))),
        timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
        "Gulvvask",
    )
    login(manager.email, TEST_PASSWORD)
    page.goto("/lokaler/forvaltning/")
    expect(page.locator("main")).to_contain_text("Gulvvask")
    axe(page, "manager page with blocked periods")
    page.get_by_role("button", name="Fjern Gulvvask").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Ingen sperrede perioder framover.")


def test_room_photo_upload(page, login, axe, premises, settings, tmp_path):
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "teal").save(buffer, "PNG")
    path = tmp_path / "gymsal.png"
    path.write_bytes(buffer.getvalue())
    login(premises["manager"].email, TEST_PASSWORD)
    page.goto(f"/lokaler/rom/{premises['gym'].pk}/bilde/")
    axe(page, "photo form")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Last opp").click()
    expect(page.locator("main")).to_contain_text("Beskriv")  # alt text is required
    axe(page, "photo form with errors")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_label("Beskrivelse for skjermlesere").fill("Gymsal med ribbevegg")
    page.get_by_role("button", name="Last opp").click()
    expect(page.get_by_role("img", name="Gymsal med ribbevegg")).to_have_count(1)
