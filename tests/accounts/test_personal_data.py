"""A person's whole data: one export (JSON and a readable page) and one erasure across every
app, keeping what the law requires with the person removed."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils import translation

from dugnad.accounts.models import ApiToken, UnitRole
from dugnad.activities.models import SignUp, SignUpAnswer
from dugnad.core import privacy
from dugnad.grants.models import Application, Decision
from dugnad.organisations.models import OrganisationRole
from dugnad.premises.models import Booking
from dugnad.volunteering.models import HoursEntry, Interest, ShiftSignUp, VolunteerProfile
from tests import personal_data
from tests.personal_data import CHILDREN, EMAIL, SURNAME

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(municipality, unit, organisation):
    return personal_data.build(municipality, unit, organisation)


def test_every_app_with_personal_data_declares_it():
    labels = [config.label for config, _module in privacy.personal_data_modules()]
    assert labels == [
        "core",
        "accounts",
        "organisations",
        "activities",
        "premises",
        "grants",
        "volunteering",
        "culture_school",
        "initiatives",
        "plans",
        "talent",
        "participation",
    ]


def test_json_export_has_every_part(client, world):
    client.force_login(world.person)
    response = client.get(reverse("accounts:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    parts = json.loads(response.content)["parts"]

    account = parts["accounts"]
    assert account["email"] == EMAIL and account["last_name"] == SURNAME
    assert account["email_addresses"][0]["email"] == EMAIL
    assert account["api_tokens"][0]["name"] == "Kari sitt skript"
    assert account["api_tokens"][0]["starts_with"] == world.token.prefix

    (role,) = parts["organisations"]["roles"]
    assert role["organisation"] == world.organisation.name and role["title"] == "Kasserer"

    signups = parts["activities"]["signups"]
    assert [(s["participant"], s["age"]) for s in signups] == [(CHILDREN[0], 9), (CHILDREN[1], 7)]
    assert signups[0]["answers"] == {"Allergier": "Nøtter"}
    assert signups[0]["event"] == "Breakdance for barn"

    (booking,) = parts["premises"]["bookings"]
    assert booking["title"] == f"Bursdag for {CHILDREN[0]}" and booking["price_nok"] == 450

    applications = parts["grants"]["applications"]
    decided = next(a for a in applications if a["reference"] == world.application.reference)
    assert decided["contact_email"] == EMAIL
    assert decided["decision"]["amount_awarded_nok"] == 12_500
    assert decided["attachments"] == ["budsjett.pdf"]
    assert any(a["reference"] == world.draft.reference for a in applications)

    volunteering = parts["volunteering"]
    assert volunteering["profile"]["wants_to_try"] == "Leksehjelp"
    assert volunteering["shifts"][0]["assignment"] == world.assignment.title
    assert volunteering["hours"][0]["minutes"] == 90
    assert volunteering["police_certificates"][0]["role"] == "Leksehjelper"


def test_readable_page_shows_every_part(client, world):
    client.force_login(world.person)
    response = client.get(reverse("accounts:my_data"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        EMAIL,
        CHILDREN[0],
        CHILDREN[1],
        "Nøtter",
        "Kasserer",
        "Klasserom 1",
        world.application.reference,
        "Vert på Kulturfesten",
        "Leksehjelper",
        "Kari sitt skript",
    ):
        assert text in html, text
    assert html.count("<h1") == 1


def test_readable_page_escapes_what_people_typed(client, world):
    world.person.first_name = "<script>alert(1)</script>"
    world.person.save()
    client.force_login(world.person)
    html = client.get(reverse("accounts:my_data")).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_confirmation_page_lists_deleted_and_kept_and_changes_nothing(client, world):
    client.force_login(world.person)
    with translation.override("en"):
        response = client.get(reverse("accounts:delete_account"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Event sign-ups" in html and "Sign-ups (2)" in html
    assert "Grant applications you sent for an organisation" in html
    assert "archive act" in html
    # The preview ran the erasure and rolled it back.
    assert SignUp.objects.filter(participant_name=CHILDREN[0]).exists()
    assert Application.objects.filter(pk=world.draft.pk).exists()
    world.person.refresh_from_db()
    assert world.person.email == EMAIL and world.person.is_active


def test_deletion_needs_the_box_ticked(client, world):
    client.force_login(world.person)
    response = client.post(reverse("accounts:delete_account"))
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert get_user_model().objects.filter(email=EMAIL).exists()


def test_erasure_removes_or_anonymises_every_part(client, world):
    person = world.person
    client.force_login(person)
    response = client.post(
        reverse("accounts:delete_account"), {"confirm": "yes"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Grant applications you sent for an organisation" in html and "archive act" in html
    assert "Your private room bookings" in html and "accounting act" in html
    assert "Records the law requires us to keep still refer to an account number" in html

    # Logged out.
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    # Bookings and the access log refer to the account with PROTECT: the row stays, empty.
    account = get_user_model().objects.get(pk=person.pk)
    assert not account.is_active and not account.has_usable_password()
    assert account.email != EMAIL and account.first_name == account.last_name == ""
    assert account.phone == ""

    assert not ApiToken.objects.filter(user=person).exists()
    assert not OrganisationRole.objects.filter(user=person).exists()
    assert not UnitRole.objects.filter(user=person).exists()

    signups = SignUp.objects.filter(occurrence=world.occurrence)
    assert signups.count() == 2
    assert all(s.participant_name == "–" and s.participant_age is None for s in signups)
    assert all(s.booked_by_id is None and s.email == "" for s in signups)
    assert not SignUpAnswer.objects.exists()
    # The places to come were given up, so the waiting list can move on.
    assert set(signups.values_list("status", flat=True)) == {SignUp.Status.CANCELLED}

    booking = Booking.objects.get(pk=world.booking.pk)
    assert booking.price_ore == 45000 and CHILDREN[0] not in booking.title

    assert not Application.objects.filter(pk=world.draft.pk).exists()
    application = Application.objects.get(pk=world.application.pk)
    assert application.created_by is None and application.contact_email == ""
    assert SURNAME not in json.dumps(application.answers)
    decision = Decision.objects.get(application=application)
    assert decision.amount == 12_500_00 and decision.outcome == "approved"

    assert not VolunteerProfile.objects.filter(user=person).exists()
    assert not Interest.objects.exists() and not ShiftSignUp.objects.exists()
    hours = HoursEntry.objects.get()
    assert hours.volunteer is None and hours.minutes == 90


def test_erasure_reports_what_was_kept(world):
    with translation.override("en"):
        result = privacy.erase_person(world.person)
        kept = [str(item.what) for item in result.kept]
        why = " ".join(str(item.why) for item in result.kept)
    assert result.account == "anonymised"
    assert any(k.startswith("Grant applications you sent") for k in kept)
    assert any(k.startswith("Your private room bookings") for k in kept)
    assert any(k.startswith("The hours you gave") for k in kept)
    assert "archive act" in why and "accounting act" in why


def _text_fields(model):
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]


def _rows_naming(needles) -> list[tuple[str, str, str]]:
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for name in _text_fields(model):
            is_json = isinstance(model._meta.get_field(name), models.JSONField)
            for needle in needles:
                if is_json:
                    values = model.objects.values_list(name, flat=True)
                    hit = any(
                        needle.lower() in json.dumps(v, ensure_ascii=False).lower() for v in values
                    )
                else:
                    hit = model.objects.filter(**{f"{name}__icontains": needle}).exists()
                if hit:
                    found.append((model._meta.label, name, needle))
    return found


def test_after_erasure_no_row_names_the_person(world):
    needles = [EMAIL, "kari.persondata", SURNAME, "912 34 567", *CHILDREN]
    before = {label for label, _field, _needle in _rows_naming(needles)}
    # The search finds the person where they are, so its empty answer afterwards means something.
    assert {
        "accounts.User",
        "account.EmailAddress",
        "activities.SignUp",
        "grants.Application",
        "grants.HistoricalApplication",
        "premises.Booking",
        "premises.HistoricalBooking",
        "core.ActivityLog",
    } <= before
    privacy.erase_person(world.person)
    assert _rows_naming(needles) == []


def test_a_person_without_kept_records_is_deleted(client, municipality):
    from tests.factories import UserFactory

    person = UserFactory(email="bare.konto@test.example")
    client.force_login(person)
    response = client.post(reverse("accounts:delete_account"), {"confirm": "yes"})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(pk=person.pk).exists()


def test_a_failing_app_leaves_everything_as_it_was(world, monkeypatch):
    from dugnad.volunteering import privacy as volunteering_privacy

    def broken(user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(volunteering_privacy, "erase", broken)
    with pytest.raises(RuntimeError):
        privacy.erase_person(world.person)
    assert SignUp.objects.filter(participant_name=CHILDREN[0]).exists()
    assert ApiToken.objects.filter(user=world.person).exists()


def test_kernel_part_holds_feed_links_and_what_the_person_did(client, world):
    from dugnad.core import feed_tokens
    from dugnad.core.models import ActivityLog, FeedToken

    token, _raw = feed_tokens.issue(world.person, "premises.room", world.booking.room_id)
    # The person's own submissions (through the apps' actions) are in the activity log.
    acted = ActivityLog.objects.filter(actor=world.person)
    assert acted.exists()

    client.force_login(world.person)
    parts = json.loads(client.get(reverse("accounts:my_data_json")).content)["parts"]
    (link,) = parts["core"]["calendar_feed_links"]
    assert link["feed"] == "premises.room" and link["starts_with"] == token.prefix
    assert {entry["event"] for entry in parts["core"]["activity_log"]} == set(
        acted.values_list("event", flat=True)
    )

    with translation.override("en"):
        result = privacy.erase_person(world.person)
        kept = [str(k.what) for k in result.kept]
    # The account row is kept (anonymised), so CASCADE alone would have kept the link working.
    assert result.account == "anonymised"
    assert not FeedToken.objects.filter(pk=token.pk).exists()
    assert any(what.startswith("What you did on the platform") for what in kept)
