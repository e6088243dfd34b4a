"""Allocating without a full reload: with htmx the answer is the wish's card, the cards on the
same room family, the counts and the grid; without JavaScript a redirect to the wish."""

import datetime as dt

import pytest
from django.utils import timezone

from dugnad.core.submit import FIELD, new_token
from dugnad.premises import actions
from dugnad.premises.models import AllocatedSlot, AllocationRound
from tests.factories import OrganisationFactory, OrganisationRoleFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def allocation_round(municipality):
    return AllocationRound.objects.create(
        municipality=municipality,
        name="Høst 2026",
        season_start=dt.date(2026, 9, 21),
        season_end=dt.date(2026, 12, 15),
        deadline=timezone.now() + dt.timedelta(days=3),
    )


def _wish(user, allocation_round, organisation, room, weekday=1, start="18:00"):
    return actions.submit_wish(
        user, allocation_round, organisation, room=room, weekday=weekday,
        start_time=dt.time.fromisoformat(start), minutes=90, priority=1, participants=20,
    )  # fmt: skip


@pytest.fixture
def two_wishes(allocation_round, leader, organisation, gym, municipality):
    other = OrganisationFactory(municipality=municipality, name="Ås IL håndball")
    other_leader = OrganisationRoleFactory(organisation=other, role="leader").user
    whole = _wish(leader, allocation_round, organisation, gym)
    part = _wish(other_leader, allocation_round, other, gym.part_list[0])
    return whole, part


def _url(wish):
    return f"/lokaler/tildeling/onske/{wish.pk}/tildel/"


def test_htmx_allocation_answers_with_the_changed_parts_only(
    client, premises_manager, two_wishes, gym, building, django_assert_max_num_queries
):
    whole, part = two_wishes
    client.force_login(premises_manager)
    data = {"room": gym.pk, "weekday": "1", "start_time": "18:00", "bygg": building.pk, "dag": 1}
    with django_assert_max_num_queries(45):
        response = client.post(_url(whole), {**data, FIELD: new_token()}, **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert AllocatedSlot.objects.filter(wish=whole, room=gym).exists()
    assert "<html" not in page  # a fragment, not the page
    assert f'id="wish-{whole.pk}"' in page and "data-focus-after-swap" in page
    # The part's wish now conflicts with the allocated whole: its card comes out of band.
    assert f'id="wish-{part.pk}" aria-labelledby="wish-{part.pk}-name" hx-swap-oob="true"' in page
    assert 'id="season-grid" hx-swap-oob="true"' in page
    assert 'id="round-summary" hx-swap-oob="true"' in page
    assert "Saved for" in page or "Lagret for" in page


def test_htmx_refusal_keeps_what_was_typed_and_says_why(client, premises_manager, two_wishes, gym):
    whole, part = two_wishes
    client.force_login(premises_manager)
    actions.allocate(premises_manager, whole, room=gym)
    response = client.post(
        _url(part), {"room": gym.part_list[0].pk, "weekday": "1", "start_time": "18:30"}, **HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="wish-{part.pk}-error"' in page
    assert 'value="18:30"' in page  # what was typed, not the wish's 18:00
    assert not AllocatedSlot.objects.filter(wish=part).exists()


def test_htmx_remove_answers_with_the_card(client, premises_manager, two_wishes, gym):
    whole, _part = two_wishes
    actions.allocate(premises_manager, whole, room=gym)
    client.force_login(premises_manager)
    response = client.post(_url(whole), {"remove": "1"}, **HTMX)
    assert response.status_code == 200 and not AllocatedSlot.objects.exists()
    assert f'id="remove-{whole.pk}"' not in response.content.decode()


def test_without_javascript_the_page_comes_back_at_the_wish(
    client, premises_manager, two_wishes, gym, building
):
    whole, _part = two_wishes
    client.force_login(premises_manager)
    response = client.post(
        _url(whole), {"room": gym.pk, "bygg": building.pk, "dag": 1, FIELD: new_token()}
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#wish-{whole.pk}") and "dag=1" in response.url


def test_a_second_htmx_sending_does_nothing_twice(client, premises_manager, two_wishes, gym):
    whole, _part = two_wishes
    client.force_login(premises_manager)
    token = new_token()
    first = client.post(_url(whole), {"room": gym.pk, FIELD: token}, **HTMX)
    assert first.status_code == 200
    again = client.post(_url(whole), {"remove": "1", FIELD: token}, **HTMX)
    assert again.status_code == 302  # to the first sending's result, the page at the wish
    assert AllocatedSlot.objects.filter(wish=whole).exists()


def test_htmx_allocation_is_refused_to_others(client, leader, two_wishes, gym):
    whole, _part = two_wishes
    client.force_login(leader)
    response = client.post(_url(whole), {"room": gym.pk}, **HTMX)
    assert response.status_code == 403
    assert "Høst 2026" not in response.content.decode()  # nothing of the round is shown
    assert not AllocatedSlot.objects.exists()
