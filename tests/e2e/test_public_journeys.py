"""The public's journeys in a real browser, on a phone (390 px) and a laptop (1280 px), with
axe-core on every page: a family signs up two children without an account, confirms from the
demo mailbox and signs one off; back-and-submit is refused; a person sees their things on Min
side; a search without accents finds "Språkkafé"; on a phone the first result is on screen."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.activities import actions
from dugnad.activities.models import SignUp
from dugnad.core.models import AgeGroup
from tests.factories import TEST_PASSWORD, OrganisationFactory, OrganisationRoleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 1280]


@pytest.fixture
def demo_mail(settings):
    settings.DEMO_MODE = True
    settings.EMAIL_BACKEND = "dugnad.core.mail.DemoMailboxBackend"


def _event(title="Prøv et instrument", days=4, **values):
    AgeGroup.objects.get_or_create(code="children", defaults={"position": 0})
    org = OrganisationFactory(name="Ås Musikkorps")
    leader = OrganisationRoleFactory(organisation=org, user=UserFactory()).user
    schedule = actions.Schedule(
        first_day=timezone.localdate() + timedelta(days=days),
        start_time=time(11),
        end_time=time(13),
    )
    values = {"title": title, "signup_enabled": True, "capacity": 5, "waitlist_capacity": 2,
              "min_age": 5, "max_age": 12, **values}  # fmt: skip
    return actions.create_event(
        leader, org, values, schedule, age_groups=[AgeGroup.objects.get(code="children")]
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_family_signs_up_without_account_confirms_and_signs_one_off(page, axe, demo_mail, width):
    page.set_viewport_size({"width": width, "height": 844})
    event = _event()
    occurrence = event.occurrences.get()
    page.goto(f"/kalender/arrangement/{event.pk}/dato/{occurrence.pk}/pamelding/")
    axe(page, "guest sign-up")
    assert page.locator('[name="for_self"][value="0"]').is_checked()
    page.get_by_label("Navnet ditt").fill("Kari Berg")
    page.get_by_label("E-postadressen din").fill("kari@example.org")
    page.get_by_label("Telefonnummeret ditt").fill("+47 64 96 20 00")
    page.locator('[name="form-0-participant_name"]').fill("Nora Berg")
    page.locator('[name="form-0-participant_age"]').fill("8")
    with page.expect_navigation():
        page.locator("#rows").select_option("2")
        page.get_by_role("button", name="Vis rader").click()
    assert page.locator('[name="form-0-participant_name"]').input_value() == "Nora Berg"
    assert page.get_by_label("Navnet ditt").input_value() == "Kari Berg"
    page.locator('[name="form-1-participant_name"]').fill("Emil Berg")
    page.locator('[name="form-1-participant_age"]').fill("6")
    with page.expect_navigation():
        page.get_by_role("button", name="Meld på", exact=True).last.click()
    assert SignUp.objects.filter(status="confirmed").count() == 2
    page.get_by_role("link", name="Se e-postene demoen har sendt").click()
    page.wait_for_load_state()
    axe(page, "demo mailbox")
    link = page.locator(".mail-body a[href*='/kalender/avmelding/']").first
    assert link.is_visible()
    # The email's links carry SITE_URL's host; the test server runs on another port.
    page.goto("/" + link.get_attribute("href").split("/", 3)[3])
    axe(page, "manage sign-up")
    with page.expect_navigation():
        page.get_by_role("button", name="Bekreft påmeldingen").click()
    assert SignUp.objects.filter(email_confirmed_at__isnull=False).count() == 2
    with page.expect_navigation():
        page.get_by_role("button", name="Meld av Emil Berg").click()
    axe(page, "after signing one off")
    expect(page.get_by_text("Avmeldt").first).to_be_visible()
    statuses = dict(SignUp.objects.values_list("participant_name", "status"))
    assert statuses == {"Nora Berg": "confirmed", "Emil Berg": "cancelled"}
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_back_and_submit_again_is_refused(page, axe, login, width):
    page.set_viewport_size({"width": width, "height": 844})
    event = _event()
    occurrence = event.occurrences.get()
    UserFactory(email="forelder@e2e.example")
    login("forelder@e2e.example", TEST_PASSWORD)
    page.goto(f"/kalender/arrangement/{event.pk}/dato/{occurrence.pk}/pamelding/")
    page.locator('[name="form-0-participant_name"]').fill("Nora Berg")
    page.locator('[name="form-0-participant_age"]').fill("8")
    with page.expect_navigation():
        page.get_by_role("button", name="Meld på", exact=True).last.click()
    page.go_back()
    page.wait_for_load_state()
    if page.locator('[name="form-0-participant_name"]').input_value() != "Nora Berg":
        page.locator('[name="form-0-participant_name"]').fill("Nora Berg")
        page.locator('[name="form-0-participant_age"]').fill("8")
    with page.expect_navigation():
        page.get_by_role("button", name="Meld på", exact=True).last.click()
    axe(page, "duplicate refused")
    expect(page.get_by_text("er allerede påmeldt denne datoen").first).to_be_visible()
    assert SignUp.objects.filter(occurrence=occurrence).count() == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_a_person_sees_their_things_on_min_side(page, axe, login, width):
    page.set_viewport_size({"width": width, "height": 844})
    event = _event(capacity=1)
    occurrence = event.occurrences.get()
    guardian = UserFactory(email="familie@e2e.example")
    actions.sign_up_many(
        UserFactory(), occurrence, [actions.Participant("Noen andre", participant_age=7)]
    )
    actions.sign_up_many(
        guardian,
        occurrence,
        [actions.Participant("Nora Berg", participant_age=8),
         actions.Participant("Emil Berg", participant_age=6)],
    )  # fmt: skip
    login("familie@e2e.example", TEST_PASSWORD)
    page.goto("/min-side/")
    axe(page, "min side")
    expect(page.get_by_text("Nora Berg").first).to_be_visible()
    expect(page.get_by_text("Venteliste, nummer 2").first).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Meld av Emil Berg").click()
    assert page.url.endswith("/min-side/")
    assert SignUp.objects.get(participant_name="Emil Berg").status == "cancelled"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_search_without_accents_and_first_result_on_a_phones_first_screen(page, axe, width):
    page.set_viewport_size({"width": width, "height": 844})
    _event(title="Språkkafé på biblioteket", days=120, min_age=None, max_age=None)
    page.goto("/kalender/")
    page.get_by_role("searchbox").fill("sprakkafe")
    with page.expect_navigation():
        page.get_by_role("button", name="Søk", exact=True).click()
    axe(page, "calendar search")
    first = page.get_by_role("link", name="Språkkafé på biblioteket").first
    assert first.is_visible()
    box = first.bounding_box()
    assert box["y"] + box["height"] <= 844, box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
