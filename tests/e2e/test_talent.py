"""Browser: a teacher nominates, the guardian consents and completes, a panel member scores,
the Follo coordinator sees their sub-region only; axe on every page, at 390 and 1280 px."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.core.models import Municipality
from dugnad.talent.models import (
    Call,
    CallQuestion,
    Coordinator,
    Discipline,
    Membership,
    Nomination,
    PanelMember,
    Programme,
    ProgrammeAdmin,
    Score,
    SubRegion,
    Teacher,
    Track,
)
from tests.factories import TEST_PASSWORD, UnitFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def region(municipality):
    if not Municipality.objects.filter(number="3205").exists():
        from dugnad.core.register import load_register

        load_register(Municipality)
    programme = Programme.objects.create(
        municipality=municipality, unit=UnitFactory(municipality=municipality, name="Kulturskolen"),
        name="UngMusikk", slug="ungmusikk", summary="Fordypning i musikk", min_age=13, max_age=19,
    )  # fmt: skip
    follo = SubRegion.objects.create(programme=programme, name="Follo")
    romerike = SubRegion.objects.create(programme=programme, name="Romerike")
    for number, sub in (("3218", follo), ("3207", follo), ("3205", romerike)):
        Membership.objects.create(
            programme=programme, subregion=sub, municipality=Municipality.objects.get(number=number)
        )
    Track.objects.create(programme=programme, name="Talentløp")
    Discipline.objects.create(programme=programme, name="Fiolin")
    now = timezone.now()
    call = Call.objects.create(
        programme=programme, year=now.year, opens_at=now - dt.timedelta(days=5),
        nomination_deadline=now + dt.timedelta(days=20),
        completion_deadline=now + dt.timedelta(days=30), places=3,
        criteria=["Teknikk", "Musikalitet"],
    )  # fmt: skip
    CallQuestion.objects.create(call=call, key="motivasjon", label="Hvorfor vil du være med?")
    people = {
        name: UserFactory(email=f"{name}@test.example", first_name=name.title(), last_name="Test")
        for name in ("teacher", "guardian", "panel", "follo", "romerike", "admin")
    }
    Teacher.objects.create(programme=programme, user=people["teacher"], municipality=municipality)
    PanelMember.objects.create(call=call, user=people["panel"])
    Coordinator.objects.create(subregion=follo, user=people["follo"])
    Coordinator.objects.create(subregion=romerike, user=people["romerike"])
    ProgrammeAdmin.objects.create(programme=programme, user=people["admin"])
    return call, people


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


@pytest.mark.parametrize("width", [390, 1280])
def test_nominate_complete_score_and_coordinate(page, axe, login, region, width):
    call, people = region
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/talent/")
    axe(page, "index")
    page.goto("/talent/program/ungmusikk/")
    axe(page, "programme")
    no_horizontal_scroll(page)

    login(people["teacher"].email, TEST_PASSWORD)
    page.goto(f"/talent/opptak/{call.pk}/nominer/")
    axe(page, "nominate")
    no_horizontal_scroll(page)
    page.locator("[name=track]").select_option(label="Talentløp")
    page.locator("[name=discipline]").select_option(label="Fiolin")
    page.locator("[name=home_municipality]").select_option(label="Ås")
    page.locator("[name=pupil_name]").fill("Ella Elev")
    page.locator("[name=birth_date]").fill(f"{call.year - 15}-04-01")
    page.locator("[name=guardian_email]").fill(people["guardian"].email)
    page.locator("[name=guardian_name]").fill("Guardian Test")
    page.locator("[name=teacher_statement]").fill("Spiller svært godt.")
    page.get_by_role("button", name="Send nominasjonen").click()
    page.wait_for_url("**/talent/nominasjon/*/")
    axe(page, "nomination (teacher)")
    nomination = Nomination.objects.get()

    page.context.clear_cookies()
    login(people["guardian"].email, TEST_PASSWORD)
    page.goto(nomination.get_absolute_url())
    axe(page, "nomination (guardian)")
    no_horizontal_scroll(page)
    page.locator("[name=consent]").check()
    page.locator("form[action$='/samtykke/'] button").click()
    page.wait_for_load_state()
    page.locator("[name=repertoire]").fill("Bach: Partita nr. 2")
    page.locator("[name=q_motivasjon]").fill("Jeg elsker å spille.")
    page.locator("button[name=send]").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Søknaden er fullført og sendt").wait_for()
    nomination.refresh_from_db()
    assert nomination.submitted_at is not None and nomination.guardian_consent_at is not None
    axe(page, "completed")

    page.context.clear_cookies()
    login(people["panel"].email, TEST_PASSWORD)
    page.goto(f"/talent/opptak/{call.pk}/panel/")
    axe(page, "panel")
    no_horizontal_scroll(page)
    page.get_by_role("link", name="Ella Elev").click()
    page.wait_for_url("**/poeng/")
    axe(page, "score")
    page.locator("[name=c0]").select_option("4")
    page.locator("[name=c1]").select_option("5")
    page.get_by_role("button", name="Lagre poengene").click()
    page.wait_for_url("**/panel/")
    assert Score.objects.filter(nomination=nomination).count() == 2

    page.context.clear_cookies()
    login(people["follo"].email, TEST_PASSWORD)
    page.goto(f"/talent/opptak/{call.pk}/nominasjoner/")
    axe(page, "coordinator's list")
    no_horizontal_scroll(page)
    expect(page.get_by_role("link", name="Ella Elev")).to_be_visible()

    page.context.clear_cookies()
    login(people["romerike"].email, TEST_PASSWORD)
    page.goto(f"/talent/opptak/{call.pk}/nominasjoner/")
    expect(page.get_by_role("link", name="Ella Elev")).to_have_count(0)
    response = page.goto(nomination.get_absolute_url())
    assert response.status == 403

    page.context.clear_cookies()
    login(people["admin"].email, TEST_PASSWORD)
    for url in (
        f"/talent/opptak/{call.pk}/rangering/",
        "/talent/program/ungmusikk/oppsett/",
        f"/talent/opptak/{call.pk}/",
    ):
        page.goto(url)
        axe(page, url)
        no_horizontal_scroll(page)
