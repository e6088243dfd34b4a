"""The home page as a starting point, the site search, an organisation's page and the how-to
page: what they show, the one "Bli frivillig" entry, and query counts flat in the data."""

import io
import re
from datetime import time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from dugnad.activities import actions as event_actions
from dugnad.core.models import InfoPage
from dugnad.organisations.actions import build_search_document
from dugnad.organisations.models import Organisation
from dugnad.volunteering.models import Assignment, Interest
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_event(organiser, user, title, days=1, rule="", **values):
    values.setdefault("venue_name", "Ås bibliotek")
    schedule = event_actions.Schedule(
        first_day=timezone.localdate() + timedelta(days=days),
        start_time=time(18),
        end_time=time(20),
        rule=rule,
    )
    return event_actions.create_event(user, organiser, {"title": title, **values}, schedule)


def make_assignment(organisation, title, **fields):
    fields.setdefault("description", "Hjelp til med kaffe og vafler.")
    fields.setdefault("people_needed", 2)
    return Assignment.objects.create(organisation=organisation, title=title, **fields)


def searchable(organisation):
    organisation.search_document = build_search_document(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(
        search_document=organisation.search_document
    )
    return organisation


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#0b5394").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def cafe(municipality, leader, organisation):
    """An organisation, an event and an assignment, each spelt with accents."""
    club = searchable(
        OrganisationFactory(municipality=municipality, name="Språkkafé Ås", purpose="Øv på norsk.")
    )
    event = make_event(organisation, leader, "Språkkafé på biblioteket", days=2)
    assignment = make_assignment(organisation, "Vert for språkkafé", place="Ås bibliotek")
    page = InfoPage.objects.create(
        municipality=municipality,
        slug="sprak",
        title="Språkkafeer i kommunen",
        summary="Hvor du øver på norsk.",
        body="<p>Kafé hver uke.</p>",
    )
    return club, event, assignment, page


# --- the site search ------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["sprakkafe", "SPRÅKKAFÉ", "Språkkafé"])
def test_search_finds_every_kind_whatever_the_accents(client, cafe, typed):
    club, event, assignment, page = cafe
    html = client.get(reverse("core:search"), {"q": typed}).content.decode()
    assert club.get_absolute_url() in html
    assert event.get_absolute_url() in html
    assert assignment.get_absolute_url() in html
    assert reverse("core:page_detail", args=[page.slug]) in html
    headings = re.findall(r'<h2 class="ds-heading"[^>]*id="search-group-\d+">([^<]+)</h2>', html)
    assert headings == [
        "Organisasjoner",
        "Arrangementer",
        "Frivillige oppdrag",
        "Informasjonssider",
    ]


def test_search_leaves_out_what_the_public_does_not_see(client, cafe, municipality, coordinator):
    club, event, assignment, page = cafe
    hidden = searchable(
        OrganisationFactory(municipality=municipality, name="Språkkafé Skjult", status="pending")
    )
    Assignment.objects.filter(pk=assignment.pk).update(status=Assignment.Status.CLOSED)
    event_actions.unpublish_event(coordinator, event, "Feil")
    InfoPage.objects.filter(pk=page.pk).update(published=False)
    html = client.get(reverse("core:search"), {"q": "sprakkafe"}).content.decode()
    assert club.get_absolute_url() in html
    assert hidden.get_absolute_url() not in html
    assert event.get_absolute_url() not in html
    assert assignment.get_absolute_url() not in html
    assert reverse("core:page_detail", args=[page.slug]) not in html


def test_search_without_match_or_words_says_so(client, cafe):
    html = client.get(reverse("core:search"), {"q": "zzyzx"}).content.decode()
    assert "Ingenting passer med «zzyzx»" in html
    empty = client.get(reverse("core:search"), {"q": "   "})
    assert empty.status_code == 200
    assert "Skriv et ord" in empty.content.decode()


def test_search_takes_hostile_input_without_error(client, cafe):
    for typed in ["%", "_", "' OR 1=1 --", "x" * 5000, "<script>alert(1)</script>", "\x00"]:
        response = client.get(reverse("core:search"), {"q": typed})
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


def test_search_query_count_is_flat(
    client, cafe, municipality, organisation, leader, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("core:search"), {"q": "sprakkafe"})
    for n in range(8):
        searchable(OrganisationFactory(municipality=municipality, name=f"Språkkafé {n}"))
        make_event(organisation, leader, f"Språkkafé {n}", days=n + 1, rule="FREQ=WEEKLY;COUNT=4")
        make_assignment(organisation, f"Språkkafé-vert {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("core:search"), {"q": "sprakkafe"})


# --- the home page --------------------------------------------------------------------------


def test_home_page_has_search_cards_and_one_volunteer_entry(client, cafe, organisation, leader):
    _club, event, assignment, _page = cafe
    pictured = make_event(
        organisation,
        leader,
        "Kulturfesten",
        days=3,
        image=SimpleUploadedFile("fest.png", png_bytes(), content_type="image/png"),
        image_alt="Barn som danser på torget",
    )
    Interest.objects.create(
        assignment=make_assignment(organisation, "Fullt oppdrag", people_needed=1),
        volunteer=UserFactory(),
        status=Interest.Status.ACCEPTED,
    )
    html = client.get("/").content.decode()
    assert f'action="{reverse("core:search")}"' in html
    assert event.get_absolute_url() in html and pictured.get_absolute_url() in html
    assert 'alt="Barn som danser på torget"' in html
    assert assignment.get_absolute_url() in html
    assert "Fullt oppdrag" not in html  # has the people it needs
    assert html.count(">Bli frivillig<") == 1
    assert f'href="{reverse("volunteering:how_to")}"' in html
    assert html.count("<h1") == 1


def test_home_page_shows_an_event_once_and_only_this_week(client, organisation, leader):
    weekly = make_event(organisation, leader, "Strikkekafé", days=0, rule="FREQ=DAILY;COUNT=10")
    later = make_event(organisation, leader, "Vårkonsert", days=30)
    html = client.get("/").content.decode()
    assert html.count(f'href="{weekly.get_absolute_url()}"') == 1
    assert later.get_absolute_url() not in html


def test_home_page_query_count_is_flat(
    client, municipality, organisation, leader, django_assert_max_num_queries
):
    make_event(organisation, leader, "Første", days=1)
    make_assignment(organisation, "Første oppdrag")
    with django_assert_max_num_queries(30) as few:
        client.get("/")
    for n in range(10):
        make_event(organisation, leader, f"Arrangement {n}", days=n % 6, rule="FREQ=DAILY;COUNT=5")
        make_assignment(organisation, f"Oppdrag {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_home_page_is_cached_and_changes_with_assignments(
    client, organisation, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    client.get("/")
    assert client.get("/")["X-Dugnad-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make_assignment(organisation, "Nytt oppdrag på torget")
    response = client.get("/")
    assert response["X-Dugnad-Cache"] != "hit"
    assert "Nytt oppdrag på torget" in response.content.decode()


# --- an organisation's page -----------------------------------------------------------------


def test_organisation_page_shows_events_feed_and_assignments(client, organisation, leader):
    weekly = make_event(organisation, leader, "Trening", days=1, rule="FREQ=WEEKLY;COUNT=8")
    assignment = make_assignment(organisation, "Kampvert")
    closed = make_assignment(organisation, "Gammelt oppdrag", status=Assignment.Status.CLOSED)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert html.count(f'href="{weekly.get_absolute_url()}"') == 1
    feed = reverse("activities:organisation_ics", args=[organisation.slug])
    assert f'href="webcal://testserver{feed}"' in html
    assert f'href="{feed}"' in html
    assert f"{reverse('activities:calendar')}?organisation={organisation.slug}" in html
    assert assignment.get_absolute_url() in html
    assert closed.get_absolute_url() not in html


def test_organisation_page_logo_has_its_description(client, organisation):
    organisation.logo.save("laget.png", SimpleUploadedFile("laget.png", png_bytes()), save=False)
    Organisation.objects.filter(pk=organisation.pk).update(
        logo=organisation.logo.name, logo_alt="Lagets skjold i blått"
    )
    logo = reverse("organisations:logo", args=[organisation.slug])
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert f'src="{logo}" alt="Lagets skjold i blått"' in page
    directory = client.get(reverse("organisations:list")).content.decode()
    assert f'src="{logo}" alt="Lagets skjold i blått"' in directory
    assert client.get(logo).status_code == 200


def test_organisation_page_query_count_is_flat(
    client, organisation, leader, django_assert_max_num_queries
):
    make_event(organisation, leader, "Trening", days=1)
    make_assignment(organisation, "Kampvert")
    with django_assert_max_num_queries(25) as few:
        client.get(organisation.get_absolute_url())
    for n in range(8):
        make_event(organisation, leader, f"Kamp {n}", days=n + 1, rule="FREQ=WEEKLY;COUNT=6")
        make_assignment(organisation, f"Oppdrag {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(organisation.get_absolute_url())


def test_pending_organisation_shows_no_events_to_its_leader(client, organisation, leader):
    event = make_event(organisation, leader, "Trening", days=1)
    Organisation.objects.filter(pk=organisation.pk).update(status="pending")
    client.force_login(leader)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert event.get_absolute_url() not in html


# --- how to volunteer -----------------------------------------------------------------------


def test_how_to_page_leads_to_assignments_and_contacts(client, organisation):
    assignment = make_assignment(organisation, "Leksehjelper")
    response = client.get(reverse("volunteering:how_to"))
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert reverse("volunteering:index") in html
    assert assignment.get_absolute_url() in html
    assert f'href="{reverse("initiatives:volunteering")}#contacts-heading"' in html
    assert reverse("organisations:list") in html


def test_initiatives_landing_page_links_the_how_to_page(client, municipality):
    html = client.get(reverse("initiatives:volunteering")).content.decode()
    assert f'href="{reverse("volunteering:how_to")}"' in html


def test_how_to_page_in_nynorsk(client, organisation):
    client.cookies["django_language"] = "nn"
    html = client.get(reverse("volunteering:how_to")).content.decode()
    assert "Finn noko som passar deg" in html


def test_search_page_is_cached_and_sees_a_new_assignment(
    client, cafe, organisation, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    client.get(reverse("core:search"), {"q": "vafler"})
    assert client.get(reverse("core:search"), {"q": "vafler"})["X-Dugnad-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_assignment(organisation, "Vaffelsteker", description="Steik vafler.")
    response = client.get(reverse("core:search"), {"q": "vafler"})
    assert fresh.get_absolute_url() in response.content.decode()
