"""The month grid in the browser on a phone and a laptop: a table of weeks on the laptop, a list
of the days with events on the phone, axe-clean on both, its events reached by keyboard; and a
text field's live counter that keeps pasted text whole."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dugnad.activities import actions
from dugnad.core.models import AgeGroup
from tests.factories import TEST_PASSWORD, OrganisationFactory, OrganisationRoleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def month(db):
    for position, code in enumerate(["children", "youth", "young_adults", "adults", "elderly"]):
        AgeGroup.objects.get_or_create(code=code, defaults={"position": position})
    org = OrganisationFactory(name="Ås Sjakklubb")
    leader = OrganisationRoleFactory(
        organisation=org, user=UserFactory(email="sjakk@e2e.example")
    ).user
    day = timezone.localdate() + timedelta(days=2)
    schedule = actions.Schedule(first_day=day, start_time=time(18), end_time=time(20))
    event = actions.create_event(leader, org, {"title": "Sjakkveld"}, schedule)
    return {"day": day, "event": event, "leader": leader}


@pytest.mark.parametrize("width", [390, 1280])
def test_month_grid_on_phone_and_laptop(page, axe, month, width):
    page.set_viewport_size({"width": width, "height": 900})
    day = month["day"]
    page.goto(f"/kalender/?view=month&month={day:%Y-%m}")
    axe(page, f"month grid at {width}")
    grid = page.get_by_role("table")
    link = grid.get_by_role("link", name="18:00 Sjakkveld")
    assert link.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    header = page.locator(".month-grid thead")
    if width == 390:
        # A list of days: the weekday headers give way to each day's full date.
        assert not header.is_visible()
        expect(page.locator(".month-grid td:not(.outside):not(.empty)")).to_have_count(1)
        label = page.locator(".month-grid td .day-label").filter(has_text=f"{day.day}.")
        assert label.first.is_visible()
    else:
        assert header.is_visible()
        expect(page.locator(".month-grid tbody tr").first.locator("td")).to_have_count(7)
    # The view switcher marks the month, and the event opens by keyboard.
    assert (
        page.get_by_role("link", name="Måned", exact=True).get_attribute("aria-current") == "true"
    )
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Sjakkveld")).to_be_visible()


def test_text_limit_counts_live_and_keeps_pasted_text(page, axe, login, month):
    login("sjakk@e2e.example", TEST_PASSWORD)
    page.goto("/kalender/nytt/")
    summary = page.locator("#id_summary")
    count = page.locator("#id_summary-count")
    assert "0 av 300 tegn" in count.inner_text()
    assert summary.get_attribute("aria-describedby").endswith("id_summary-count")
    summary.fill("x" * 310)
    assert len(summary.input_value()) == 310  # not cut at the limit of 300
    assert "10 tegn for mye" in count.inner_text()
    summary.fill("Kort")
    assert "4 av 300 tegn" in count.inner_text()
    axe(page, "event form with counters")


def test_a_long_word_wraps_on_a_phone(page, month):
    event = month["event"]
    type(event).objects.filter(pk=event.pk).update(
        summary="Sjakk" + "k" * 280, description="<p>" + "a" * 5000 + "</p>"
    )
    page.set_viewport_size({"width": 390, "height": 900})
    for path in (event.get_absolute_url(), "/kalender/", f"/kalender/?q={'k' * 40}"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
