"""A new year's volunteer conference is set up in the site's own pages, by the coordinator."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.activities.models import Event, Occurrence
from dugnad.core.errors import DomainError, NotAllowed
from dugnad.initiatives import gatherings
from dugnad.initiatives.models import Conference
from tests.factories import MunicipalityFactory, UnitFactory

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:conference_create")


def make_event(municipality, unit, title="Frivilligkonferansen 2027", signup=True, days=120):
    event = Event.objects.create(
        municipality=municipality,
        unit=unit,
        title=title,
        status=Event.Status.PUBLISHED,
        signup_enabled=signup,
        capacity=100,
    )
    start = timezone.now() + dt.timedelta(days=days)
    Occurrence.objects.create(
        event=event, start=start, end=start + dt.timedelta(hours=4), original_start=start
    )
    return event


def form_data(event):
    return {"year": "2027", "title": "Frivilligkonferansen 2027", "summary": "", "event": event.pk}


def test_coordinator_creates_a_conference_and_lands_on_its_programme(
    client, coordinator, municipality, unit
):
    event = make_event(municipality, unit)
    client.force_login(coordinator)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Frivilligkonferansen 2027" in page.content.decode()  # the event is offered
    response = client.post(URL, form_data(event))
    conference = Conference.objects.get()
    assert (conference.year, conference.event, conference.municipality) == (
        2027,
        event,
        municipality,
    )
    assert response["Location"] == reverse("initiatives:conference_manage", args=[2027])


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("citizen", 403), ("case_handler", 403), ("coordinator", 200)],
)
def test_who_may_set_up_a_conference(client, request, who, status, municipality, unit):
    event = make_event(municipality, unit)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == status
    response = client.post(URL, form_data(event))
    assert response.status_code == (status if status != 200 else 302)
    assert Conference.objects.exists() == (who == "coordinator")


def test_a_second_conference_the_same_year_is_refused_keeping_what_was_typed(
    client, coordinator, municipality, unit
):
    first = make_event(municipality, unit, title="Første")
    gatherings.create_conference(
        coordinator, municipality, year=2027, title="Første", summary="", event=first
    )
    second = make_event(municipality, unit, title="Andre")
    client.force_login(coordinator)
    data = form_data(second) | {"title": "Min nye tittel"}
    page = client.post(URL, data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Det finnes allerede en konferanse i 2027." in html
    assert 'value="Min nye tittel"' in html
    assert Conference.objects.count() == 1


def test_the_event_must_be_the_municipalitys_with_sign_up_and_not_taken(
    coordinator, municipality, unit
):
    other_place = MunicipalityFactory(number="3207", name="Nordre Follo")
    foreign = make_event(other_place, UnitFactory(municipality=other_place), title="Annen kommune")
    without_signup = make_event(municipality, unit, signup=False)
    for event in (foreign, without_signup):
        with pytest.raises(DomainError) as caught:
            gatherings.create_conference(
                coordinator, municipality, year=2028, title="X", summary="", event=event
            )
        assert caught.value.field == "event"
    taken = make_event(municipality, unit)
    gatherings.create_conference(
        coordinator, municipality, year=2027, title="X", summary="", event=taken
    )
    with pytest.raises(DomainError) as caught:
        gatherings.create_conference(
            coordinator, municipality, year=2028, title="Y", summary="", event=taken
        )
    assert caught.value.code == "event_taken"


def test_only_fitting_events_are_offered(client, coordinator, municipality, unit):
    make_event(municipality, unit, title="Passer")
    make_event(municipality, unit, title="Uten påmelding", signup=False)
    make_event(municipality, unit, title="Holdt i fjor", days=-300)
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    assert "Passer" in html
    assert "Uten påmelding" not in html and "Holdt i fjor" not in html


def test_a_citizen_cannot_create_one_through_the_action(citizen, municipality, unit):
    with pytest.raises(NotAllowed):
        gatherings.create_conference(
            citizen,
            municipality,
            year=2027,
            title="X",
            summary="",
            event=make_event(municipality, unit),
        )


def test_the_conference_page_links_the_set_up_for_the_coordinator_only(
    client, coordinator, citizen
):
    client.force_login(coordinator)
    assert URL in client.get(reverse("initiatives:conference")).content.decode()
    client.force_login(citizen)
    assert URL not in client.get(reverse("initiatives:conference")).content.decode()
