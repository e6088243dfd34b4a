"""The shared pages in a real browser: layout, language switch, login, axe on every page."""

import pytest
from playwright.sync_api import expect

from dugnad.accounts.models import UnitRole
from tests.factories import TEST_PASSWORD, UnitFactory, UnitRoleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/tilgjengelighet/",
    "/frivillig-i-kommunen/",
    "/frivillig-i-kommunen/kontakter/",
    "/konto/login/",
    "/konto/signup/",
    "/konto/password/reset/",
    "/finnes-ikke/",
]


@pytest.fixture
def site(db):
    from dugnad.core.demo import load

    class Quiet:
        def write(self, *args, **kwargs):
            pass

    load(Quiet())


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_axe_violations(page, axe, site, path):
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main#main")).to_have_count(1)
    axe(page)


def test_skip_link_is_first_and_moves_focus_to_main(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hopp til hovedinnholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_language_switch_works_without_javascript(browser, live_server, site):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="nb-NO"
    )
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt").click()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("link", name="Skip to main content")).to_have_count(1)
    context.close()


def test_login_shows_errors_accessibly_and_then_logs_in(page, axe, site):
    user = UserFactory(email="kari@test.example")
    page.goto("/konto/login/")
    page.get_by_label("E-post").fill("kari@test.example")
    page.get_by_label("Passord").fill("feil-passord")
    page.get_by_role("button", name="Logg inn").click()
    expect(
        page.get_by_text("E-postadressen og/eller passordet du oppgav er feil").first
    ).to_be_visible()
    axe(page, "login with error")
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/min-side/")
    expect(page.get_by_role("heading", name="Min side")).to_have_count(1)
    axe(page, "dashboard")
    assert user.email in page.content() or user.first_name in page.content()


def test_staff_page_editor_and_info_page(page, axe, login, site):
    unit = UnitFactory(name="Redaksjonen")
    editor = UnitRoleFactory(unit=unit, role=UnitRole.Role.EDITOR).user
    login(editor.email, TEST_PASSWORD)
    page.goto("/frivillig-i-kommunen/ny/")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".ds-error-summary")).to_have_count(1)
    axe(page, "page form with errors")
    page.get_by_label("Tittel").fill("Dugnadsdagen")
    page.get_by_label("Adresse").fill("dugnadsdagen")
    page.get_by_label("Tekst").fill("<p>Velkommen</p>")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url("**/frivillig-i-kommunen/dugnadsdagen/")
    axe(page, "page detail")


def test_a_person_sees_their_data_and_deletes_their_account(page, axe, login, site):
    from django.contrib.auth import get_user_model

    user = UserFactory(email="slett.meg@test.example")
    login(user.email, TEST_PASSWORD)
    page.goto("/min-side/")
    page.get_by_role("link", name="Se alt vi har om deg").click()
    expect(page.get_by_role("heading", name="Mine data", level=1)).to_have_count(1)
    expect(page.get_by_text(user.email).first).to_be_visible()
    axe(page, "my data")
    page.get_by_role("link", name="Slett kontoen min").click()
    page.wait_for_url("**/slett-konto/")
    axe(page, "delete confirmation")
    page.get_by_role("button", name="Slett kontoen min").click()
    expect(page.get_by_role("alert")).to_have_count(1)
    axe(page, "delete confirmation with error")
    page.get_by_label("Ja, slett kontoen min og dataene mine").check()
    page.get_by_role("button", name="Slett kontoen min").click()
    expect(page.get_by_role("heading", name="Kontoen din er slettet")).to_have_count(1)
    axe(page, "account deleted")
    assert not get_user_model().objects.filter(email=user.email).exists()
