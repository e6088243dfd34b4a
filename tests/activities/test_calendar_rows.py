"""The calendar page's rows, read as plain values (queries.calendar_rows), show what the event
page shows: places left, waiting list, full, cancelled, price, place and organiser; the filter
form reads its short lists once; a selection that fits on one page needs no COUNT query."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.activities import actions
from dugnad.activities.forms import CalendarFilterForm
from dugnad.activities.models import Occurrence, SignUp
from dugnad.core.models import Area
from dugnad.premises.models import Building, Room

pytestmark = pytest.mark.django_db


def _rows(html: str) -> dict[str, str]:
    """Each list row's HTML by the event's title."""
    rows = re.findall(r'<li class="event-item.*?</li>', html, flags=re.S)
    return {re.search(r'class="ds-link" href="[^"]+">([^<]+)</a>', row)[1]: row for row in rows}


def _sign_up(occurrence, status, n=1):
    for i in range(n):
        SignUp.objects.create(occurrence=occurrence, participant_name=f"P{i}", status=status)


def test_rows_show_places_waiting_list_full_price_place_and_organiser(
    client, make_event, unit, culture_school, school_editor, municipality
):
    free_places = make_event(title="Plasser", capacity=3)
    _sign_up(free_places.occurrences.get(), SignUp.Status.CONFIRMED)
    waiting = make_event(title="Venter", capacity=1, waitlist=2)
    _sign_up(waiting.occurrences.get(), SignUp.Status.CONFIRMED)
    full = make_event(title="Fullt opp", capacity=1, waitlist=1)
    _sign_up(full.occurrences.get(), SignUp.Status.CONFIRMED)
    _sign_up(full.occurrences.get(), SignUp.Status.WAITING)
    # A date's own capacity wins over the event's.
    own = make_event(title="Egen kapasitet", capacity=1)
    Occurrence.objects.filter(event=own).update(capacity=4)
    make_event(title="Uten påmelding", price_ore=12500)
    building = Building.objects.create(
        municipality=municipality,
        unit=unit,
        name="Rådhuset",
        slug="radhuset",
        kind="school",
        address="Skoleveien 1",
    )
    room = Room.objects.create(building=building, name="Sal 2", kind="classroom", capacity=30)
    make_event(title="I rommet", room=room, venue_name="")
    by_unit = make_event(title="Kommunalt", organiser=culture_school, user=school_editor)
    actions.cancel_occurrence(school_editor, by_unit.occurrences.get())

    rows = _rows(client.get(reverse("activities:calendar")).content.decode())

    assert '<span class="ds-tag" data-color="info">2 plasser igjen</span>' in rows["Plasser"]
    assert '<span class="ds-tag" data-color="warning">Venteliste</span>' in rows["Venter"]
    assert '<span class="ds-tag" data-color="danger">Fullt</span>' in rows["Fullt opp"]
    assert "4 plasser igjen" in rows["Egen kapasitet"]
    no_signup = rows["Uten påmelding"]
    assert "plass" not in no_signup and "Venteliste" not in no_signup
    assert '<span class="ds-tag" data-color="neutral">125\xa0kr</span>' in no_signup
    assert '<span class="ds-tag" data-color="success">Gratis</span>' in rows["Plasser"]
    assert "<span>Rådhuset, Sal 2</span>" in rows["I rommet"]
    assert "<span>18:00–20:00</span>" in rows["I rommet"]
    assert "<span>Kulturskolen</span>" in rows["Kommunalt"]
    assert "Avlyst" in rows["Kommunalt"] and "Avlyst" not in rows["I rommet"]
    assert f'href="/kalender/arrangement/{by_unit.pk}/"' in rows["Kommunalt"]


def test_week_view_rows_match_the_list(client, make_event):
    event = make_event(title="Ukevisning", capacity=2)
    html = client.get(reverse("activities:calendar"), {"view": "week"}).content.decode()
    row = _rows(html)["Ukevisning"]
    assert "2 plasser igjen" in row and f'href="/kalender/arrangement/{event.pk}/"' in row


def test_a_selection_on_one_page_is_counted_without_a_count_query(
    client, make_event, django_assert_max_num_queries
):
    make_event(title="Én", rule="FREQ=WEEKLY;COUNT=3")
    client.get(reverse("activities:calendar"))
    with django_assert_max_num_queries(20) as queries:
        html = client.get(reverse("activities:calendar")).content.decode()
    assert "3 arrangementer" in html
    assert not any(q["sql"].startswith("SELECT COUNT(") for q in queries.captured_queries)
    # Page 2 of a longer selection still counts.
    make_event(title="Mange", rule="FREQ=DAILY;COUNT=45")
    with django_assert_max_num_queries(20) as queries:
        html = client.get(reverse("activities:calendar"), {"page": "2"}).content.decode()
    assert "48 arrangementer" in html
    assert any(q["sql"].startswith("SELECT COUNT(") for q in queries.captured_queries)


def test_filter_form_reads_areas_and_age_groups_once_and_only_when_needed(
    municipality, age_groups, django_assert_num_queries
):
    area = Area.objects.create(municipality=municipality, name="Nordby", slug="nordby")
    # The feeds and the API only validate: nothing read without a value.
    with django_assert_num_queries(0):
        form = CalendarFilterForm({"free": "on"}, municipality=municipality)
        assert form.is_valid()
    # The page renders the options and checks the choices: one read of the areas; the age
    # groups come from their choices (core.queries.age_groups).
    with django_assert_num_queries(1):
        form = CalendarFilterForm(
            {"area": str(area.pk), "age_group": "youth"}, municipality=municipality
        )
        assert form.is_valid()
        assert form.cleaned_data["area"] == area
        assert form.cleaned_data["age_group"] == age_groups["youth"]
        html = "".join(str(field["widget"]) for field in form.panel_fields() if "widget" in field)
    assert f'<option value="{area.pk}" selected>Nordby</option>' in html
    assert '<option value="youth" selected>' in html


@pytest.mark.parametrize("value", ["999999", "abc", "99999999999999999999999", "1\x00"])
def test_filter_form_refuses_an_unknown_area(municipality, value):
    Area.objects.create(municipality=municipality, name="Nordby", slug="nordby")
    form = CalendarFilterForm({"area": value}, municipality=municipality)
    assert not form.is_valid()
    assert "area" in form.errors


def test_home_cards_show_each_event_once_at_its_next_date(
    client, make_event, culture_school, school_editor
):
    weekly = make_event(title="Hver dag", rule="FREQ=DAILY;COUNT=5")
    make_event(title="Kommunens", organiser=culture_school, user=school_editor, days=2)
    html = client.get(reverse("core:home")).content.decode()
    cards = re.findall(r'<li class="event-card">.*?</li>', html, flags=re.S)
    titles = [re.search(r'class="ds-link" href="[^"]+">([^<]+)</a>', card)[1] for card in cards]
    assert titles == ["Hver dag", "Kommunens"]
    first = weekly.occurrences.order_by("start").first()
    start = timezone.localtime(first.start)
    assert f'<time datetime="{start.isoformat()}">' in cards[0]
    assert f'href="/kalender/arrangement/{weekly.pk}/"' in cards[0]
    assert "· Kulturskolen" in cards[1]
    assert start.date() == timezone.localdate() + timedelta(days=1)


def test_the_event_filters_compiled_once_pick_what_the_orm_picks(
    make_event, organisation, school_editor, culture_school, municipality, monkeypatch
):
    from itertools import combinations

    from django.db.models.sql.compiler import SQLCompiler

    from dugnad.activities import queries
    from dugnad.activities.models import Event
    from tests.factories import OrganisationFactory

    area = Area.objects.create(municipality=municipality, name="Nordby", slug="nordby")
    partner = OrganisationFactory(municipality=municipality, name="Partner")
    music = make_event(title="Musikk", category="music")
    Event.objects.filter(pk=music.pk).update(min_age=6, max_age=12, area=area, price_ore=0)
    paid = make_event(title="Betalt", category="sport")
    Event.objects.filter(pk=paid.pk).update(price_ore=5000, wheelchair_access=True, min_age=0)
    shared = make_event(title="Delt")
    shared.co_organisers.add(partner)
    by_unit = make_event(title="Kommunen", user=school_editor, organiser=culture_school)
    Event.objects.filter(pk=by_unit.pk).update(hearing_loop=True, wheelchair_access=True)
    titles = dict(Event.objects.values_list("pk", "title"))

    def picked(filters):
        return sorted(titles[pk] for pk in queries._event_ids(filters, municipality))

    assert picked({"category": "music"}) == ["Musikk"]
    assert picked({"age": 0}) == ["Betalt", "Delt", "Kommunen"]  # 0 is an age, not "no age"
    assert picked({"age": 7, "free": True}) == ["Delt", "Kommunen", "Musikk"]
    assert picked({"area": area}) == ["Musikk"]
    assert picked({"organisation": partner}) == ["Delt"]
    assert picked({"unit": culture_school}) == ["Kommunen"]
    assert picked({"accessibility": ["wheelchair_access", "hearing_loop"]}) == ["Kommunen"]
    assert picked({"accessibility": ["wheelchair_access", "no-such"]}) == ["Betalt", "Kommunen"]

    every = {
        "category": "sport",
        "age": 3,
        "area": area,
        "organisation": organisation,
        "unit": culture_school,
        "free": True,
        "accessibility": ["wheelchair_access"],
    }
    for size in range(len(every) + 1):
        for names in combinations(every, size):
            filters = {name: every[name] for name in names}
            expected = queries._matching_events(filters, municipality).values_list("pk", flat=True)
            assert sorted(queries._event_ids(filters, municipality)) == sorted(expected), names
    # Each combination's query was compiled once: asked again, none is compiled.
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
    )
    queries._event_ids(every, municipality)
    queries._event_ids({"age": 40}, municipality)
    assert compiled == []
    # Features repeated or reordered in the address are the same query, not a new one each.
    shapes = len(queries._EVENT_IDS)
    for asked in (
        ["hearing_loop", "wheelchair_access"],
        ["wheelchair_access"] * 3 + ["hearing_loop"],
    ):
        assert picked({"accessibility": asked}) == ["Kommunen"]
    assert len(queries._EVENT_IDS) == shapes  # the two features were asked for above


def test_a_date_selection_counts_and_slices_as_its_queryset_would(make_event, municipality):
    from dugnad.activities import queries

    make_event(title="Daglig", rule="FREQ=DAILY;COUNT=12")
    make_event(title="Ukentlig", rule="FREQ=WEEKLY;COUNT=3", days=2)
    selection = queries.ordered_dates({}, municipality)
    expected = list(
        queries._matching_dates({}, municipality)
        .order_by("start", "id")
        .values_list("id", flat=True)
    )
    assert selection.count() == len(expected) == 15
    for low, high in ((0, 5), (5, 10), (10, 40), (0, 0), (15, 20), (3, None)):
        assert selection[low:high] == expected[low:high], (low, high)
    rows = queries.calendar_item_rows(selection[2:6])
    assert [row["id"] for row in rows] == expected[2:6]
    nothing = queries.ordered_dates({"category": "no-such"}, municipality)
    assert nothing.count() == 0 and nothing[0:40] == [] and nothing[0:0] == []
    with pytest.raises(TypeError):
        selection[3]
