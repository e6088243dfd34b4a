"""Youth participation in the browser, on a 390-px phone: a 15-year-old tells their age and
sends in an idea, another young person supports it, the responsible staff answer, the vote
opens, the young person votes, and the results show. axe-core runs on every page, and the
pages are checked at 1280 px too."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.accounts.models import UnitRole
from dugnad.participation.models import Idea, Phase, Vote
from tests.factories import TEST_PASSWORD, AreaFactory, UnitFactory, UnitRoleFactory, UserFactory
from tests.participation.conftest import make_process, move_to, young

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture
def world(db):
    from tests.factories import MunicipalityFactory

    municipality = MunicipalityFactory()
    AreaFactory(municipality=municipality, name="Ås sentrum", slug="as-sentrum")
    midtgard = UnitFactory(municipality=municipality, name="Ungdomsklubben Midtgard")
    staff = UserFactory(email="stab@e2e.example", first_name="Mari")
    UnitRoleFactory(unit=midtgard, user=staff, role=UnitRole.Role.PARTICIPATION_MODERATOR)
    process = make_process(midtgard, Phase.IDEAS)
    return {"municipality": municipality, "process": process, "staff": staff}


def logout(page):
    menu = page.get_by_role("button", name="Meny")
    if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
        menu.click()  # on a phone the header's links are behind the menu button
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_load_state()


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


def check(page, axe, note):
    # A click that navigates returns once the new page has committed, before it is parsed:
    # expect() waits for the heading, where count() would read a half-loaded page.
    expect(page.locator("h1"), note).to_have_count(1)
    page.wait_for_load_state()
    no_sideways_scroll(page)
    axe(page, note)


def test_young_person_proposes_others_support_staff_answer_vote_and_results(
    page, axe, login, world
):
    page.set_viewport_size(PHONE)
    process = world["process"]
    emma = UserFactory(email="emma@e2e.example", first_name="Emma", last_name="Etternavn")
    login(emma.email, TEST_PASSWORD)

    page.goto("/ungdom/")
    check(page, axe, "index")
    page.get_by_role("link", name=process.title).click()
    check(page, axe, "process")
    page.get_by_role("link", name="Bli med").first.click()
    check(page, axe, "join")
    page.get_by_label("Hvilket år er du født?").fill(str(timezone.localdate().year - 15))
    page.get_by_label("Fornavn som vises").fill("Emma")
    page.get_by_label("Jeg bor i denne kommunen").check()
    page.get_by_role("button", name="Lagre").click()

    page.get_by_role("link", name="Send inn en idé").click()
    check(page, axe, "idea form")
    page.get_by_label("Tittel").fill("Kveld om psykisk helse")
    page.get_by_label("Ideen din").fill("Musikk og prat om å ha det tungt.")
    page.get_by_role("button", name="Send inn", exact=True).click()
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)  # no category; the rest is kept
    assert page.get_by_label("Tittel").input_value() == "Kveld om psykisk helse"
    check(page, axe, "idea form with an error")
    page.get_by_label("Hva handler den om?").select_option("mental_health")
    expect(page.get_by_text("33 av 2000 tegn")).to_have_count(1)  # the site's one counter
    page.get_by_role("button", name="Send inn", exact=True).click()
    expect(page.get_by_role("heading", name="Kveld om psykisk helse")).to_have_count(1)
    check(page, axe, "idea page (author)")
    expect(page.get_by_text("Fra Emma")).to_have_count(1)
    expect(page.get_by_text("Etternavn")).to_have_count(0)  # only the first name shows
    idea = Idea.objects.get()
    logout(page)

    ali = young(world["municipality"], 16, "Ali")
    login(ali.email, TEST_PASSWORD)
    page.goto(idea.get_absolute_url())
    page.get_by_role("button", name="Støtt ideen").click()
    expect(page.get_by_text("1 støtter den")).to_have_count(1)
    check(page, axe, "idea page after support")
    page.get_by_label("Kommentaren din").fill("Så bra! Jeg kommer.")
    page.get_by_role("button", name="Legg til kommentaren").click()
    expect(page.get_by_text("Så bra! Jeg kommer.")).to_have_count(1)
    logout(page)

    move_to(process, Phase.ASSESSMENT)
    login(world["staff"].email, TEST_PASSWORD)
    page.goto("/ungdom/arbeid/")
    check(page, axe, "work page")
    page.get_by_role("link", name="Kveld om psykisk helse").click()
    page.get_by_label("Ja", exact=True).check()
    page.get_by_label("Hva vil det koste? (kroner)").fill("8000")
    page.get_by_label("Svar (må fylles ut)").fill(
        "Ja. Vi lager kvelden sammen med helsesykepleier."
    )
    page.get_by_role("button", name="Publiser svaret").click()
    expect(page.get_by_text("Det kan gjøres.")).to_have_count(1)
    check(page, axe, "idea page answered (staff)")
    logout(page)

    move_to(process, Phase.VOTE)
    login(ali.email, TEST_PASSWORD)
    page.goto(process.get_absolute_url())
    page.get_by_role("link", name="Stem nå").click()
    check(page, axe, "vote")
    page.get_by_label("Kveld om psykisk helse").check()
    page.get_by_role("button", name="Send stemmen min").click()
    expect(page.get_by_text("Du har stemt. Takk!").first).to_be_visible()
    assert Vote.objects.filter(voter=ali).count() == 1
    page.goto(f"/ungdom/{process.pk}/stem/")  # a second visit does not vote again
    assert Vote.objects.count() == 1
    logout(page)

    move_to(process, Phase.RESULTS)
    login(world["staff"].email, TEST_PASSWORD)
    page.goto(process.get_absolute_url())
    page.get_by_role("button", name="Tell stemmene nå").click()
    expect(page.get_by_role("heading", name="Resultater")).to_have_count(1)
    expect(page.get_by_text("1 person stemte.")).to_have_count(1)
    expect(page.get_by_text("Valgt").first).to_be_visible()
    check(page, axe, "results")

    page.set_viewport_size(LAPTOP)
    for url in ("/ungdom/", process.get_absolute_url(), idea.get_absolute_url(), "/ungdom/arbeid/"):
        page.goto(url)
        check(page, axe, f"{url} at 1280 px")


def test_moderator_hides_with_a_reason_the_author_sees(page, axe, login, world):
    page.set_viewport_size(PHONE)
    from dugnad.participation import actions
    from dugnad.participation.models import YouthModerator
    from tests.participation.conftest import participant

    process = world["process"]
    sara = young(world["municipality"], 15, "Sara")
    idea = actions.propose_idea(
        sara, process, participant(sara, world["municipality"]),
        {"title": "Dust regel", "text": "Den regelen er dust.", "category": "other"},
    )  # fmt: skip
    jonas = young(world["municipality"], 17, "Jonas")
    YouthModerator.objects.create(municipality=world["municipality"], user=jonas)
    login(jonas.email, TEST_PASSWORD)
    page.goto("/ungdom/arbeid/")
    check(page, axe, "work page with a held idea")
    page.get_by_label("Hvorfor skjules det?").first.fill("Skriv uten skjellsord, så viser vi den.")
    page.get_by_role("button", name="Skjul ideen").first.click()
    expect(page.get_by_text("Ideen er skjult. Den som skrev den, ser hvorfor.")).to_have_count(1)
    check(page, axe, "work page after hiding")
    logout(page)
    login(sara.email, TEST_PASSWORD)
    page.goto(idea.get_absolute_url())
    expect(page.get_by_text("Skriv uten skjellsord, så viser vi den.")).to_have_count(1)
    check(page, axe, "hidden idea seen by its author")
