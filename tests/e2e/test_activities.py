"""The activity calendar in the browser: find an event with the filters by keyboard, sign up,
get promoted from the waiting list; axe-core runs on every page of the calendar."""

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.activities import actions
from dugnad.activities.models import SignUp
from dugnad.core.models import AgeGroup
from tests.factories import TEST_PASSWORD, OrganisationFactory, OrganisationRoleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(db):
    for position, code in enumerate(["children", "youth", "young_adults", "adults", "elderly"]):
        AgeGroup.objects.get_or_create(code=code, defaults={"position": position})
    org = OrganisationFactory(name="Ås Breakdance")
    leader = OrganisationRoleFactory(
        organisation=org, user=UserFactory(email="leder@e2e.example")
    ).user
    schedule = actions.Schedule(
        first_day=timezone.localdate() + timedelta(days=3), start_time=time(18), end_time=time(20)
    )
    event = actions.create_event(
        leader, org,
        {"title": "AdAstra breakdance", "summary": "Gratis økt", "signup_enabled": True,
         "capacity": 1, "waitlist_capacity": 2, "wheelchair_access": True},
        schedule, age_groups=[AgeGroup.objects.get(code="youth")],
    )  # fmt: skip
    actions.create_event(
        leader, org, {"title": "Eventyrstund", "price_ore": 5000}, schedule,
        age_groups=[AgeGroup.objects.get(code="children")],
    )  # fmt: skip
    return {"event": event, "leader": leader}


def test_find_sign_up_and_get_promoted(page, axe, login, world):
    event = world["event"]
    first = UserFactory(email="forst@e2e.example")
    occurrence = event.occurrences.get()
    taken = actions.sign_up(first, occurrence, participant_name="Første")

    page.goto("/kalender/")
    axe(page, "calendar")
    # Filter by keyboard: open the folded filter panel, then the age-group select and the
    # wheelchair checkbox, then submit.
    page.locator("details.calendar-filters > summary, details > summary").first.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Aldersgruppe").focus()
    page.get_by_label("Aldersgruppe").select_option("youth")
    page.get_by_label("Tilgjengelig med rullestol").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Vis arrangementer").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "age_group=youth" in page.url
    expect(page.get_by_role("link", name="AdAstra breakdance")).to_be_visible()
    expect(page.get_by_role("link", name="Eventyrstund")).to_have_count(0)
    axe(page, "filtered calendar")

    UserFactory(email="venter@e2e.example")
    login("venter@e2e.example", TEST_PASSWORD)
    page.goto(event.get_absolute_url())
    axe(page, "event page")
    with page.expect_navigation():
        page.get_by_role("link", name="Sett meg på venteliste").first.click()
    axe(page, "sign-up form")
    page.get_by_label("Deltakerens navn").fill("Venter Venstad")
    with page.expect_navigation():
        page.get_by_role("button", name="Sett meg på venteliste").click()
    waiting = SignUp.objects.get(participant_name="Venter Venstad")
    assert waiting.status == SignUp.Status.WAITING

    # The first person cancels with the link from the email; the waiting person moves up.
    page.goto(f"/kalender/avmelding/{taken.cancel_token}/")
    axe(page, "cancel page")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Meld av")).first.click()
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED


def test_organiser_pages_pass_axe(page, axe, login, world):
    event = world["event"]
    actions.sign_up(UserFactory(), event.occurrences.get(), participant_name="Deltaker")
    login("leder@e2e.example", TEST_PASSWORD)
    page.goto("/kalender/nytt/")
    axe(page, "new event form")
    with page.expect_navigation():
        page.get_by_role("button", name="Publiser").click()
    axe(page, "new event form with errors")
    page.goto(f"/kalender/arrangement/{event.pk}/rediger/")
    axe(page, "edit form")
    occurrence = event.occurrences.get()
    page.goto(f"/kalender/arrangement/{event.pk}/dato/{occurrence.pk}/deltakere/")
    axe(page, "participants")
    expect(page.get_by_role("cell", name="Deltaker", exact=True)).to_be_visible()


def test_week_and_month_views_by_keyboard(page, axe, world):
    day = timezone.localdate() + timedelta(days=3)
    year, week, _weekday = day.isocalendar()
    page.goto(f"/kalender/?view=week&week={year}-W{week:02d}")
    axe(page, "week view")
    expect(page.get_by_role("heading", level=3)).to_have_count(7)
    expect(page.get_by_role("link", name="AdAstra breakdance")).to_be_visible()
    page.get_by_role("link", name="Neste uke").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="AdAstra breakdance")).to_have_count(0)
    page.goto(f"/kalender/?view=month&month={day:%Y-%m}")
    axe(page, "month view")
    expect(page.get_by_role("link", name="Eventyrstund")).to_be_visible()


def test_widget_and_snippet_page(page, axe, world):
    org = world["event"].organisation
    page.goto("/kalender/widget/kode/")
    axe(page, "widget code page")
    page.get_by_label("Organisasjon").select_option(org.slug)
    with page.expect_navigation():
        page.get_by_role("button", name="Lag koden").click()
    axe(page, "widget code page with snippet")
    assert "/kalender/widget/?organisation=" in page.get_by_label("Lim dette inn").input_value()
    page.goto(f"/kalender/widget/?organisation={org.slug}")
    axe(page, "widget")
    expect(page.get_by_role("link", name="AdAstra breakdance")).to_be_visible()


def test_move_date_and_approval_policy_pages(page, axe, login, world):
    from dugnad.accounts.models import UnitRole
    from tests.factories import UnitRoleFactory

    event = world["event"]
    occurrence = event.occurrences.get()
    login("leder@e2e.example", TEST_PASSWORD)
    page.goto(f"/kalender/arrangement/{event.pk}/rediger/")
    with page.expect_navigation():
        page.get_by_role("link", name="Flytt bare denne datoen").first.click()
    axe(page, "move a date")
    page.get_by_label("Nytt starttidspunkt").fill("17:00")
    page.get_by_label("Nytt sluttidspunkt").fill("16:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Flytt datoen").click()
    axe(page, "move a date with errors")
    page.get_by_label("Nytt sluttidspunkt").fill("19:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Flytt datoen").click()
    occurrence.refresh_from_db()
    assert timezone.localtime(occurrence.start).hour == 17

    coordinator = UnitRoleFactory(
        role=UnitRole.Role.VOLUNTEER_COORDINATOR, user=UserFactory(email="koord@e2e.example")
    ).user
    assert coordinator.pk
    page.context.clear_cookies()
    login("koord@e2e.example", TEST_PASSWORD)
    page.goto("/kalender/godkjenning/organisasjoner/")
    axe(page, "approval policies")
    page.locator("select[name=organisation]").select_option(event.organisation.slug)
    page.get_by_label("Arrangementer fra denne organisasjonen venter på godkjenning").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("cell", name="Ås Breakdance")).to_be_visible()
