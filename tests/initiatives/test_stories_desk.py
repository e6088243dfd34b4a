"""Stories (photos with alt text and consent, review, the Atom feed) and the citizens' desk."""

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from dugnad.activities.models import SignUp
from dugnad.core.errors import DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.initiatives import actions, desk, queries, rules
from dugnad.initiatives.models import DeskRegistration, Story
from dugnad.organisations.models import Organisation
from dugnad.volunteering.models import VolunteerProfile

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def story(municipality, org_editor, organisation, initiative):
    return actions.save_story(
        org_editor,
        municipality,
        {"title": "Gode dager", "body": "<p>Hei <script>alert(1)</script></p>",
         "organisation": organisation, "initiative": initiative},
    )  # fmt: skip


def test_story_body_sanitised_and_byline(story, org_editor):
    assert "<script>" not in story.body
    assert story.author_name == org_editor.get_full_name()
    assert story.state == Story.State.DRAFT


def test_citizen_without_role_cannot_write(municipality, citizen):
    with pytest.raises(NotAllowed):
        actions.save_story(citizen, municipality, {"title": "X", "body": "<p>Y</p>"})


def test_photo_needs_alt_text_and_consent(story, org_editor):
    with pytest.raises(DomainError) as error:
        actions.add_photo(org_editor, story, image=png(), alt_text="", shows_people=False)
    assert error.value.field == "alt_text"
    with pytest.raises(DomainError) as error:
        actions.add_photo(org_editor, story, image=png(), alt_text="Barn maler", shows_people=True)
    assert error.value.field == "consent_from"
    with pytest.raises(DomainError) as error:
        actions.add_photo(
            org_editor, story, image=png(), alt_text="Barn maler", shows_people=True,
            consent_from="Foreldrene til Ida",
        )  # fmt: skip
    assert error.value.field == "consent_on"
    photo = actions.add_photo(
        org_editor, story, image=png(), alt_text="Barn maler", shows_people=True,
        consent_from="Foreldrene til Ida", consent_on=dt.date.today(),
    )  # fmt: skip
    assert photo.recorded_by == org_editor and photo.consent_on == dt.date.today()


def test_review_flow(story, org_editor, coordinator, other_staff):
    actions.submit_story(org_editor, story)
    with pytest.raises(NotAllowed):
        actions.save_story(
            org_editor, story.municipality, {"title": "Ny", "body": "<p>x</p>"}, story
        )
    with pytest.raises(NotAllowed):
        actions.review_story(org_editor, story, publish=True)
    with pytest.raises(DomainError):
        actions.review_story(coordinator, story, publish=False, note="")
    actions.review_story(coordinator, story, publish=False, note="Legg til et bilde.")
    assert story.state == Story.State.RETURNED
    assert rules.can_edit_story(org_editor, story)
    actions.submit_story(org_editor, story)
    actions.review_story(coordinator, story, publish=True)
    assert story.state == Story.State.PUBLISHED and story.published_at
    assert list(queries.stories(story.municipality)) == [story]


def test_atom_feed_parses(client, story, coordinator):
    actions.review_story(coordinator, story, publish=True)
    response = client.get(reverse("initiatives:stories_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text
    assert root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(f"{ATOM}title").text == "Gode dager"
    assert entry.find(f"{ATOM}link").get("href").endswith(story.get_absolute_url())
    assert entry.find(f"{ATOM}author/{ATOM}name").text == story.author_name
    assert entry.find(f"{ATOM}published") is not None


def test_feed_linked_in_head_of_stories_and_home(client, story, coordinator):
    actions.review_story(coordinator, story, publish=True)
    feed = reverse("initiatives:stories_feed")
    for url in (reverse("initiatives:stories"), reverse("core:home")):
        html = client.get(url).content.decode()
        head = html.split("</head>")[0]
        assert 'type="application/atom+xml"' in head and feed in head, url


def test_story_page_has_article_jsonld(client, story, coordinator):
    actions.review_story(coordinator, story, publish=True)
    html = client.get(story.get_absolute_url()).content.decode()
    assert '"@type": "Article"' in html


def test_unpublished_story_hidden(client, story):
    assert client.get(story.get_absolute_url()).status_code == 403


# --- the citizens' desk ---------------------------------------------------------------------


def test_desk_requires_role_and_consent(municipality, citizen, desk_staff):
    with pytest.raises(NotAllowed):
        desk.register_volunteer(
            citizen, municipality, profile={}, consent=True, email="ny@test.example",
            first_name="Nora",
        )  # fmt: skip
    with pytest.raises(DomainError) as error:
        desk.register_volunteer(
            desk_staff, municipality, profile={}, consent=False, email="ny@test.example",
            first_name="Nora",
        )  # fmt: skip
    assert error.value.field == "consent"
    assert not VolunteerProfile.objects.exists()


def test_desk_registers_volunteer_for_new_citizen(
    municipality, desk_staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = desk.register_volunteer(
            desk_staff, municipality, profile={"wants_to_try": "Lese for eldre"}, consent=True,
            email="Nora@Test.example", first_name="Nora", last_name="Nilsen",
        )  # fmt: skip
    citizen = registration.citizen
    assert citizen.email == "nora@test.example" and not citizen.has_usable_password()
    assert VolunteerProfile.objects.get(user=citizen).wants_to_try == "Lese for eldre"
    log = ActivityLog.objects.get(event="desk.volunteer")
    assert log.actor == desk_staff and log.data["on_behalf_of"] == citizen.pk
    assert registration.consent_at
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "/konto/password/reset/key/" in body


def test_desk_signup_uses_calendar_signup(municipality, desk_staff, make_event, citizen):
    event = make_event(capacity=1, waitlist=1)
    occurrence = event.occurrences.get()
    desk.register_signup(
        desk_staff, municipality, occurrence=occurrence, consent=True, email=citizen.email
    )
    signup = SignUp.objects.get()
    assert signup.booked_by == citizen and signup.status == SignUp.Status.CONFIRMED
    second = desk.register_signup(
        desk_staff, municipality, occurrence=occurrence, consent=True, email="b@test.example",
        first_name="Berit",
    )  # fmt: skip
    assert SignUp.objects.get(booked_by=second.citizen).status == SignUp.Status.WAITING


def test_desk_registers_organisation(municipality, desk_staff):
    registration = desk.register_organisation(
        desk_staff, municipality, name="Ås Strikkeklubb", consent=True,
        email="strikk@test.example", first_name="Siri",
    )  # fmt: skip
    organisation = Organisation.objects.get(name="Ås Strikkeklubb")
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.roles.get().user == registration.citizen
    assert DeskRegistration.objects.count() == 1


def test_desk_failure_in_owning_app_rolls_back(municipality, desk_staff):
    with pytest.raises(DomainError):
        desk.register_organisation(
            desk_staff, municipality, name=" ", consent=True, email="tom@test.example",
            first_name="Tom",
        )  # fmt: skip
    assert not DeskRegistration.objects.exists()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="tom@test.example").exists()


def test_desk_page_logs_the_citizens_shown(client, municipality, desk_staff):
    from dugnad.core.models import PersonalDataAccess

    registration = desk.register_volunteer(
        desk_staff, municipality, profile={}, consent=True, email="vis@test.example",
        first_name="Vera",
    )  # fmt: skip
    client.force_login(desk_staff)
    assert client.get(reverse("initiatives:desk")).status_code == 200
    entry = PersonalDataAccess.objects.get()
    assert entry.viewer == desk_staff and entry.person == registration.citizen
