"""Browser: a case handler sets up a scheme in the site's own pages (a form of five fields and
a three-state workflow, a budget and an open round), an organisation applies, and the handler
decides with a previewed letter. axe-core checks every set-up page at 390 and 1280 pixels."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.grants.models import Application, Decision, FormField, GrantScheme
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}


def check_both_widths(page, axe, name):
    """axe at a phone's width and a laptop's, and no sideways scrolling of the page."""
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        axe(page, f"{name} at {size['width']}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways at {size['width']} px"


def add_field(page, label, kind, *, required=False, requested=False, when=None):
    page.locator("#id_new-label").fill(label)
    page.locator("#id_new-kind").select_option(kind)
    if required:
        page.locator("#id_new-required").check()
    if requested:
        page.locator("#id_new-is_requested_amount").check()
    if when:
        page.locator("#id_new-show_when_key").select_option(label=when[0])
        page.locator("#id_new-show_when_value").fill(when[1])
    page.get_by_role("button", name="Legg til feltet").click()
    page.get_by_text("Feltet er lagt til.").wait_for()


def test_handler_sets_up_a_scheme_and_decides_an_application(
    page, axe, login, case_handler, leader
):
    login(case_handler.email, TEST_PASSWORD)
    page.goto("/tilskudd/")
    page.get_by_role("link", name="Sett opp tilskuddsordninger").click()
    check_both_widths(page, axe, "schemes to set up")
    page.get_by_role("link", name="Ny ordning").click()
    check_both_widths(page, axe, "new scheme")

    # The scheme: amounts in kroner, criteria one per line, published, its own workflow.
    page.locator("#id_name").fill("Ungdomsmidler")
    page.get_by_label("Beskrivelse").fill("Støtte til tiltak av og for ungdom.")
    page.get_by_label("Høyeste beløp per søknad (kr)").fill("50000")
    page.get_by_label("Vurderingskriterier").fill("Ungdom medvirker\nÅpent for alle")
    page.get_by_label("Publisert").check()
    page.get_by_label("Bare starttilstanden: jeg bygger min egen").check()
    page.get_by_role("button", name="Lagre ordningen").click()
    page.wait_for_url("**/skjema/")
    scheme = GrantScheme.objects.get(name="Ungdomsmidler")
    assert scheme.max_amount == 50_000_00
    assert scheme.criteria == ["Ungdom medvirker", "Åpent for alle"]

    # The form builder: five fields, one shown only on a "Ja".
    add_field(page, "Beskrivelse av tiltaket", "long_text", required=True)
    add_field(page, "Beløp det søkes om", "amount", required=True, requested=True)
    add_field(page, "Antall deltakere", "number")
    add_field(page, "Samarbeider dere med andre?", "yes_no", required=True)
    add_field(
        page,
        "Hvem samarbeider dere med?",
        "text",
        required=True,
        when=("Samarbeider dere med andre?", "Ja"),
    )
    # Move the count down one place (no JavaScript needed: a plain form).
    page.get_by_role("button", name="Flytt ned Antall deltakere").click()
    page.wait_for_load_state()
    check_both_widths(page, axe, "form builder")
    keys = list(
        FormField.objects.filter(section__scheme=scheme)
        .order_by("position")
        .values_list("label", flat=True)
    )
    assert keys[2:4] == ["Samarbeider dere med andre?", "Antall deltakere"]
    page.get_by_role("link", name="Endre Antall deltakere").click()
    check_both_widths(page, axe, "field")
    page.get_by_label("Ledetekst (nynorsk)").fill("Talet på deltakarar")
    page.get_by_role("button", name="Lagre feltet").click()
    page.get_by_text("Feltet er lagret.").wait_for()
    # The section the first field made is renamed on its own page, with a text under it.
    page.get_by_role("link", name="Endre Søknaden").click()
    check_both_widths(page, axe, "section")
    page.get_by_label("Tittel på delen").fill("Om tiltaket")
    page.get_by_label("Tekst under tittelen").fill("Fortell kort hva dere vil gjøre.")
    page.get_by_role("button", name="Lagre delen").click()
    page.get_by_text("Delen er lagret.").wait_for()
    assert scheme.sections.get().title == "Om tiltaket"

    # The workflow: received -> approved, received -> rejected; a diagram and a text list.
    page.get_by_role("link", name="Saksgang", exact=True).click()
    for kind, name, step in [
        ("approved", "Innvilget", "Innvilg"),
        ("rejected", "Avslått", "Avslå"),
    ]:
        page.locator("#id_state-kind").select_option(kind)
        page.locator("#id_state-name").fill(name)
        page.locator("#id_state-label").fill(step)
        page.get_by_role("button", name="Legg til tilstanden").click()
        page.get_by_text("Tilstanden er lagt til.").wait_for()
    expect(page.locator("svg[role=img] rect")).to_have_count(3)
    expect(page.get_by_text("Mottatt → Innvilget: Innvilg")).to_be_visible()
    # Deleting the start state is not offered; deleting a step that leads alone to a state
    # is refused with the state named.
    page.get_by_role("button", name="Slett Mottatt → Avslått").click()
    page.get_by_text("Ingen steg fører til “Avslått”").wait_for()
    check_both_widths(page, axe, "workflow")

    # A budget and a round open now.
    page.get_by_role("link", name="Budsjetter og runder").click()
    page.locator("#id_budget-amount").fill("200 000")
    page.get_by_role("button", name="Lagre budsjettet").click()
    page.get_by_text("Budsjettet er lagret.").wait_for()
    now = timezone.localtime()
    page.locator("#id_round-name").fill("Vår")
    page.locator("#id_round-year").fill(str(now.year))
    page.locator("#id_round-opens_at").fill((now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_round-deadline").fill(
        (now + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    )
    page.locator("#id_round-report_due").fill((now + dt.timedelta(days=200)).strftime("%Y-%m-%d"))
    page.get_by_role("button", name="Lagre runden").click()
    page.get_by_text("Runden er lagret.").wait_for()
    check_both_widths(page, axe, "budgets and rounds")
    assert scheme.budgets.get().amount == 200_000_00

    # History and both previews.
    page.get_by_role("link", name="Ordningen", exact=True).click()
    expect(page.get_by_role("cell", name="Skjemafelt lagt til").first).to_be_visible()
    check_both_widths(page, axe, "scheme with history")
    page.get_by_role("link", name="Forhåndsvis søknadsskjemaet").first.click()
    # The conditional field waits for its "Ja", as the applicant will see it.
    expect(page.get_by_label("Hvem samarbeider dere med?")).to_be_hidden()
    page.get_by_label("Ja").check()
    expect(page.get_by_label("Hvem samarbeider dere med?")).to_be_visible()
    check_both_widths(page, axe, "form preview")
    page.get_by_role("link", name="Forhåndsvis ordningens side").click()
    expect(page.get_by_text("Høyeste beløp")).to_be_visible()
    expect(page.get_by_text("50\u00a0000\u00a0kr").first).to_be_visible()

    # The organisation applies.
    page.context.clear_cookies()
    login(leader.email, TEST_PASSWORD)
    page.goto(f"/tilskudd/ordning/{scheme.slug}/sok/")
    page.get_by_role("button", name="Start søknaden").click()
    page.wait_for_url("**/rediger/")
    page.get_by_label("Tittel på søknaden").fill("Ungdomskafé")
    page.get_by_label("Kontonummer").fill("1234.56.78903")
    page.get_by_label("Beskrivelse av tiltaket").fill("En kafé drevet av ungdom.")
    page.get_by_label("Beløp det søkes om").fill("30 000")
    partner = page.get_by_label("Hvem samarbeider dere med?")
    expect(partner).to_be_hidden()
    page.get_by_label("Nei").check()
    expect(partner).to_be_hidden()
    page.get_by_label("Ja").check()
    expect(partner).to_be_visible()
    page.get_by_role("button", name="Send søknaden").click()
    # "Ja" makes the partner field required: the form says so and keeps what was typed.
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert page.get_by_label("Beskrivelse av tiltaket").input_value() == "En kafé drevet av ungdom."
    page.get_by_label("Hvem samarbeider dere med?").fill("Ås ungdomsråd")
    page.get_by_role("button", name="Send søknaden").click()
    page.wait_for_url("**/soknad/*/")
    application = Application.objects.get(scheme=scheme)
    assert application.amount_requested == 30_000_00
    assert application.answers["hvem-samarbeider-dere-med"] == "Ås ungdomsråd"

    # The handler decides, previewing the letter first.
    page.context.clear_cookies()
    login(case_handler.email, TEST_PASSWORD)
    page.goto(f"/tilskudd/sak/{application.pk}/")
    page.get_by_role("link", name="Innvilg", exact=True).click()
    page.wait_for_url("**/vedtak/")
    page.locator("input[name=outcome][value=approved]").check()
    page.get_by_label("Innvilget beløp (kr)").fill("30 000")
    page.get_by_label("Begrunnelse", exact=False).first.fill("Et godt tiltak for ungdom.")
    page.get_by_role("button", name="Forhåndsvis brevet").click()
    preview = page.locator(".letter-preview")
    preview.wait_for()
    assert "Et godt tiltak for ungdom." in preview.inner_text()
    assert not Decision.objects.exists()
    page.get_by_role("button", name="Fatt vedtaket og send brevet").click()
    page.wait_for_url("**/soknad/*/vedtak/")
    decision = Decision.objects.get()
    assert decision.amount == 30_000_00
    application.refresh_from_db()
    assert application.state.name == "Innvilget"
