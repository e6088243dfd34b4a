"""Browser: an applicant fills in and submits by keyboard, a handler decides; axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from dugnad.grants.models import Application, Decision
from tests.factories import TEST_PASSWORD
from tests.grants.conftest import _private_media, open_round, scheme  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def type_into(page, label, text):
    field = page.get_by_label(label)
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_apply_by_keyboard_and_decide(page, axe, login, leader, case_handler, scheme, open_round):  # noqa: F811 (fixtures imported above)
    page.goto("/tilskudd/")
    axe(page, "grants index")
    page.goto(scheme.get_absolute_url())
    axe(page, "scheme page")

    login(leader.email, TEST_PASSWORD)
    page.goto(scheme.get_absolute_url())
    page.locator("#main").get_by_role("link", name="Søk", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/")
    axe(page, "start")
    page.get_by_role("button", name="Start søknaden").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/rediger/")
    axe(page, "edit")

    type_into(page, "Tittel på søknaden", "Sommerleir for barn")
    type_into(page, "Kontonummer", "1234.56.78903")
    type_into(page, "Beskrivelse", "En uke med leir for 40 barn.")
    type_into(page, "Beløp det søkes om", "12 500")
    page.get_by_label("Ja").focus()
    page.keyboard.press("Space")
    # Autosave runs once typing pauses; it says so in a status region.
    page.get_by_text("Utkastet ble lagret").wait_for()
    page.get_by_role("button", name="Send søknaden").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/soknad/*/")
    expect(page.get_by_text("Søknaden er sendt")).to_be_visible()
    axe(page, "application status")
    application = Application.objects.get()
    assert not application.is_draft and application.amount_requested == 12_500_00

    page.context.clear_cookies()
    login(case_handler.email, TEST_PASSWORD)
    page.goto(f"/tilskudd/sak/{application.pk}/")
    axe(page, "case")
    page.get_by_role("button", name="Start behandlingen").click()
    # Another app's catalogue may word "Approve" differently; the link is the first decision step.
    page.get_by_role("link", name=re.compile("^(Innvilg|Godkjenn)$")).click()
    page.wait_for_url("**/vedtak/")
    axe(page, "decide")
    page.locator("input[name=outcome][value=approved]").check()
    page.get_by_label("Innvilget beløp (kr)").fill("12 500")
    page.get_by_label("Begrunnelse", exact=False).first.fill("Godt tiltak for barn.")
    page.get_by_role("button", name="Fatt vedtaket og send brevet").click()
    page.wait_for_url("**/soknad/*/vedtak/")
    expect(page.get_by_text("Godt tiltak for barn.")).to_be_visible()
    axe(page, "letter")
    assert Decision.objects.get().amount == 12_500_00

    for url in [
        "/tilskudd/tildelinger/",
        "/tilskudd/oversikt/",
        "/tilskudd/saker/",
        f"/tilskudd/ordning/{scheme.slug}/forhandsvisning/",
    ]:
        page.goto(url)
        axe(page, url)


def test_incomplete_submission_shows_errors(page, axe, login, leader, scheme, open_round):  # noqa: F811 (fixtures imported above)
    login(leader.email, TEST_PASSWORD)
    page.goto(f"/tilskudd/ordning/{scheme.slug}/sok/")
    page.get_by_role("button", name="Start søknaden").click()
    page.wait_for_url("**/rediger/")
    type_into(page, "Beløp det søkes om", "-5")
    page.get_by_text("Utkastet ble lagret").wait_for()
    page.get_by_role("button", name="Send søknaden").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert page.get_by_label("Beløp det søkes om").input_value() == "-5"
    axe(page, "errors")
    page.goto("/tilskudd/mine/")
    axe(page, "mine")
