"""The culture school's set-up in the browser: an administrator goes from the administration
page to subjects, fee plans (typed in kroner), income bands and the school year's settings, and
reads the re-registration summary; a guardian's child outside an offer's grades is refused with
a message. axe-core on every page, at 390 and 1280 pixels."""

import pytest
from playwright.sync_api import expect

from dugnad.culture_school.models import FeePlan, IncomeBand, Subject
from tests.factories import TEST_PASSWORD

from .test_culture_school import WIDTHS, world  # noqa: F401  (the shared fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _save(page):
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_sets_up_subjects_fee_plans_bands_and_year(page, axe, login, world, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    login(world["admin"].email, TEST_PASSWORD)
    page.goto("/kulturskole/admin/")
    axe(page, "administration with set-up links")
    page.locator("nav.cs-setup a", has_text="Fag").click()
    page.wait_for_load_state()
    axe(page, "subjects")
    page.locator("a.ds-button", has_text="Nytt fag").click()
    page.wait_for_load_state()
    page.fill("#id_name", "Cello")
    page.select_option("#id_area", "music")
    _save(page)
    assert Subject.objects.filter(name="Cello", area="music").exists()
    axe(page, "subjects after saving")

    page.goto("/kulturskole/admin/betalingsplaner/ny/")
    page.fill("#id_name", "Kor")
    page.fill("#id_semester_fee_ore", "mye")
    _save(page)
    assert page.locator("#id_name").input_value() == "Kor"  # nothing typed is lost
    axe(page, "fee plan with an error")
    page.fill("#id_semester_fee_ore", "1 250,50")
    _save(page)
    assert FeePlan.objects.get(name="Kor").semester_fee_ore == 125050
    axe(page, "fee plans")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    year = world["school"].years.get()
    page.goto(f"/kulturskole/admin/ar/{year.pk}/inntektsgrenser/ny/")
    axe(page, "new income band")
    page.fill("#id_up_to_g", "2,5")
    page.fill("#id_reduction_percent", "50")
    _save(page)
    assert IncomeBand.objects.filter(school_year=year, reduction_percent=50).count() == 1
    axe(page, "income bands")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(f"/kulturskole/admin/ar/{year.pk}/innstillinger/")
    axe(page, "school year settings")
    page.fill("#id_offer_days", "10")
    _save(page)
    year.refresh_from_db()
    assert year.offer_days == 10
    axe(page, "school years")

    page.goto(f"/kulturskole/admin/ar/{year.pk}/fortsettelse/")
    axe(page, "re-registration summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_guardian_outside_an_offers_grades_is_told_why(page, axe, login, world):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 900})
    dance = world["offers"]["Dans"]
    dance.min_grade, dance.max_grade, dance.min_age, dance.max_age = 1, 2, 5, 8
    dance.save()
    page.goto("/")
    axe(page, "home page with the culture school's section")
    section = page.locator("section[aria-labelledby='home-culture-school-heading']")
    expect(section.get_by_role("link", name="Alle tilbudene i kulturskolen")).to_have_count(1)
    login(world["guardian"].email, TEST_PASSWORD)
    page.goto("/kulturskole/?grade=1")
    axe(page, "catalogue filtered by grade")
    expect(page.locator(f"a[href='/kulturskole/tilbud/{dance.pk}/']")).to_have_count(1)
    page.goto("/kulturskole/familie/ny-elev/")
    page.fill("#id_first_name", "Ola")
    page.fill("#id_last_name", "Hansen")
    starts = world["school"].years.get().starts_on
    page.fill("#id_birth_date", f"{starts.year - 5 - 3}-02-01")  # 3rd grade this school year
    _save(page)
    page.select_option("#id_choice_1", str(dance.pk))
    _save(page)
    assert page.locator(
        ".ds-error-summary, [role=alert], .ds-validation-message"
    ).first.is_visible()
    assert "trinn" in page.content()
    axe(page, "apply refused by grade")
