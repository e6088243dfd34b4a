"""A person's API tokens in a real browser: from My page, made after the password, revoked."""

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_make_and_revoke_a_token_from_my_page(page, axe, login):
    user = UserFactory(email="skript@test.example")
    login(user.email, TEST_PASSWORD)
    page.goto("/min-side/")
    page.get_by_role("link", name="API-tokener").click()
    expect(page.get_by_role("heading", name="API-tokener", level=1)).to_have_count(1)
    axe(page, "token page, empty")

    page.get_by_label("Navn").fill("Nattlig eksport")
    page.get_by_role("button", name="Lag token").click()
    # allauth asks for the password again before a token is made.
    page.get_by_label("Passord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Bekreft").click()
    page.wait_for_load_state()
    key = page.locator("#new-token").inner_text()
    assert len(key) > 20
    axe(page, "token page with the new key")

    row = page.get_by_role("row").filter(has_text="Nattlig eksport")
    assert row.count() == 1 and key[:8] in row.inner_text()
    row.get_by_role("button", name="Trekk tilbake").click()
    page.wait_for_url("**/min-side/api-tokener/")
    expect(page.get_by_text("Du har ingen tokener.")).to_have_count(1)
    axe(page, "token page after revoking")
