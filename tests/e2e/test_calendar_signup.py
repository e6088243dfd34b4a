"""In the browser: an organiser defines a sign-up question and a price group, and a guardian
signs up two children in one submission; axe-core runs on every page opened."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from dugnad.activities import actions
from dugnad.activities.models import SignUp
from dugnad.core.models import AgeGroup
from tests.factories import TEST_PASSWORD, OrganisationFactory, OrganisationRoleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event(db):
    AgeGroup.objects.get_or_create(code="children", defaults={"position": 0})
    org = OrganisationFactory(name="Ås Musikkorps")
    leader = OrganisationRoleFactory(
        organisation=org, user=UserFactory(email="leder@e2e.example")
    ).user
    schedule = actions.Schedule(
        first_day=timezone.localdate() + timedelta(days=4), start_time=time(11), end_time=time(13)
    )
    return actions.create_event(
        leader, org,
        {"title": "Prøv et instrument", "signup_enabled": True, "capacity": 1,
         "waitlist_capacity": 3, "min_age": 5, "max_age": 12},
        schedule, age_groups=[AgeGroup.objects.get(code="children")],
    )  # fmt: skip


def test_organiser_defines_question_and_price_group(page, axe, login, event):
    login("leder@e2e.example", TEST_PASSWORD)
    page.goto(f"/kalender/arrangement/{event.pk}/rediger/")
    with page.expect_navigation():
        page.get_by_role("link", name="Spørsmål og prisgrupper ved påmelding").click()
    axe(page, "sign-up setup")
    page.locator('[name="questions-0-label"]').fill("Hvordan hørte du om oss?")
    page.locator('[name="questions-0-kind"]').select_option("choice")
    page.locator('[name="questions-0-required"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre").click()
    axe(page, "sign-up setup with errors")
    assert not event.signup_questions.exists()
    assert page.locator('[name="questions-0-label"]').input_value() == "Hvordan hørte du om oss?"
    page.locator('[name="questions-0-choices"]').fill("Venner\nSkolen")
    page.locator('[name="prices-0-name"]').fill("Barn")
    page.locator('[name="prices-0-price_kroner"]').fill("50")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre").click()
    axe(page, "sign-up setup saved")
    question = event.signup_questions.get()
    assert question.required and question.choice_list == ["Venner", "Skolen"]
    assert list(event.price_groups.values_list("name", "price_ore")) == [("Barn", 5000)]
    occurrence = event.occurrences.get()
    page.goto(f"/kalender/arrangement/{event.pk}/dato/{occurrence.pk}/plasser/")
    axe(page, "places on one date")


def test_guardian_signs_up_two_children(page, axe, login, event):
    leader = event.organisation.roles.first().user
    actions.save_signup_setup(
        leader,
        event,
        [{"id": None, "label": "Allergier", "kind": "text"}],
        [
            {"id": None, "name": "Barn", "price_ore": 5000},
            {"id": None, "name": "Søsken", "price_ore": 0},
        ],
    )
    UserFactory(email="forelder@e2e.example")
    login("forelder@e2e.example", TEST_PASSWORD)
    occurrence = event.occurrences.get()
    page.goto(f"/kalender/arrangement/{event.pk}/dato/{occurrence.pk}/pamelding/")
    axe(page, "sign-up form")
    page.get_by_label("Antall deltakere").select_option("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Vis rader").click()
    axe(page, "sign-up form with two rows")
    page.get_by_label("Bare andre, for eksempel barna mine").check()
    page.locator('[name="form-0-participant_name"]').fill("Ada Forelder")
    page.locator('[name="form-0-participant_age"]').fill("7")
    page.locator('[name="form-1-participant_name"]').fill("Bo Forelder")
    page.locator('[name="form-1-participant_age"]').fill("14")  # above the age limit
    with page.expect_navigation():
        page.get_by_role("button", name="Meld på").click()
    axe(page, "sign-up form with an error in row 2")
    assert not SignUp.objects.exists()
    assert page.locator('[name="form-0-participant_name"]').input_value() == "Ada Forelder"
    page.locator('[name="form-1-participant_age"]').fill("5")
    labels = page.locator('[name="form-1-price_group"] option').all_inner_texts()
    page.locator('[name="form-1-price_group"]').select_option(label=labels[1])
    allergies = page.locator(f'[name="form-0-q_{event.signup_questions.get().pk}"]')
    allergies.fill("Nøtter")
    with page.expect_navigation():
        page.get_by_role("button", name="Meld på").click()
    axe(page, "event page after sign-up")
    signups = list(SignUp.objects.order_by("id"))
    assert [(s.participant_name, s.status, s.price_ore) for s in signups] == [
        ("Ada Forelder", "confirmed", 5000),
        ("Bo Forelder", "waiting", 0),
    ]
    assert signups[0].answers.get().value == "Nøtter"
