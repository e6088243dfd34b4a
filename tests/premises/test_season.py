"""Season allocation against the whole calendar: wholes and parts, existing bookings, blocks,
opening hours; the preview, the confirmation, the report and the email."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dugnad.core.submit import FIELD, new_token
from dugnad.premises import actions, season
from dugnad.premises.models import AllocationRound, BlockedPeriod, OpeningException, SeriesSkip

from .conftest import slot
from .test_allocation import _wish

pytestmark = pytest.mark.django_db

TUESDAY = 1
# The season (21 September - 15 December 2026) has 13 Tuesdays, 22 September to 15 December.
FIRST_TUESDAY = dt.date(2026, 9, 22)


@pytest.fixture
def allocation_round(municipality):
    return AllocationRound.objects.create(
        municipality=municipality,
        name="Høst 2026",
        season_start=dt.date(2026, 9, 21),
        season_end=dt.date(2026, 12, 15),
        deadline=timezone.now() + dt.timedelta(days=3),
    )


def _rooms_of(gym):
    return [gym, *gym.part_list]


def test_a_wish_for_a_part_conflicts_with_the_allocated_whole(
    allocation_round, leader, organisation, gym, premises_manager
):
    from tests.factories import OrganisationFactory, OrganisationRoleFactory

    other = OrganisationFactory(municipality=organisation.municipality, name="Ås IL Håndball")
    other_leader = OrganisationRoleFactory(organisation=other, role="leader").user
    whole = _wish(
        other_leader, allocation_round, other, gym, weekday=TUESDAY, start="17:00", minutes=120
    )
    part = _wish(leader, allocation_round, organisation, gym.part_list[0], weekday=TUESDAY)
    state = season.round_state(allocation_round, _rooms_of(gym))
    wish = next(w for w in state["wishes"] if w.pk == part.pk)
    assert any("Ås IL Håndball" in text for text in wish.conflicts)  # a wish on the whole
    actions.allocate(premises_manager, whole)
    state = season.round_state(allocation_round, _rooms_of(gym))
    wish = next(w for w in state["wishes"] if w.pk == part.pk)
    assert any(gym.name in text and "Ås IL Håndball" in text for text in wish.conflicts)
    with pytest.raises(Exception):  # noqa: B017 - a Conflict, in the user's language
        actions.allocate(premises_manager, part)


def test_the_season_counts_dates_lost_to_bookings_blocks_and_closed_days(
    allocation_round, leader, citizen, organisation, gym, premises_manager
):
    part = gym.part_list[0]
    # A booking of the whole hall on the first Tuesday, a block of the part on the second,
    # the building closed on the third, and a wish that runs past closing on none.
    actions.book_room(citizen, gym, *slot(FIRST_TUESDAY, "18:00", "19:00"), title="Bursdag")
    second = FIRST_TUESDAY + dt.timedelta(days=7)
    BlockedPeriod.objects.create(
        room=part, start=slot(second, "08:00")[0], end=slot(second, "22:00")[0], reason="Nytt gulv"
    )
    OpeningException.objects.create(
        building=gym.building, date=second + dt.timedelta(days=7), note="Høstferie"
    )
    wish = _wish(leader, allocation_round, organisation, part, weekday=TUESDAY)
    state = season.round_state(allocation_round, _rooms_of(gym))
    check = next(w for w in state["wishes"] if w.pk == wish.pk).season
    assert len(check.dates) == 13 and len(check.got) == 10
    reasons = [lost.reason for lost in check.lost]
    assert "Bursdag" not in reasons[0] and gym.name in reasons[0]  # the renter is not named here
    assert "Nytt gulv" in reasons[1] and "Høstferie" in reasons[2]
    late = _wish(
        leader, allocation_round, organisation, part, weekday=TUESDAY, start="21:30", minutes=60
    )
    state = season.round_state(allocation_round, _rooms_of(gym))
    check = next(w for w in state["wishes"] if w.pk == late.pk).season
    assert not check.got


def test_preview_publish_and_report_say_the_same(
    client, allocation_round, leader, citizen, organisation, gym, premises_manager,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    part = gym.part_list[0]
    actions.book_room(citizen, gym, *slot(FIRST_TUESDAY, "18:00", "19:00"), title="Bursdag")
    wish = _wish(leader, allocation_round, organisation, part, weekday=TUESDAY)
    closing = _wish(
        leader, allocation_round, organisation, part, weekday=3, start="21:30", minutes=60
    )
    actions.allocate(premises_manager, wish)
    actions.allocate(premises_manager, closing)
    client.force_login(premises_manager)
    url = reverse("premises:allocation_publish", args=[allocation_round.pk])
    preview = client.get(url)
    assert preview.status_code == 200
    clubs = preview.context["clubs"]
    checks = {item["slot"].weekday: item["check"] for item in clubs[0]["slots"]}
    assert len(checks[TUESDAY].got) == 12 and len(checks[3].got) == 0
    refused = client.post(url, {FIELD: new_token()})
    assert refused.status_code == 400
    allocation_round.refresh_from_db()
    assert allocation_round.status != "published"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"confirm": "1", FIELD: new_token()})
    assert done.status_code == 302
    assert done["Location"] == reverse("premises:allocation_report", args=[allocation_round.pk])
    report = client.get(done["Location"])
    rows = {item["slot"].weekday: item for item in report.context["clubs"][0]["slots"]}
    assert rows[TUESDAY]["booked"] == 12 and len(rows[TUESDAY]["skipped"]) == 1
    assert rows[3]["booked"] == 0 and len(rows[3]["skipped"]) == 12  # 12 Thursdays
    # Publishing skipped what the preview said it would, with the same reasons.
    assert SeriesSkip.objects.filter(series__slot__weekday=3).count() == 12
    body = next(m.body for m in mail.outbox if leader.email in m.to)
    assert "0 " not in body.split("21:30", 1)[1].split("\n", 2)[1]  # no "0 dates" line


def test_allocating_returns_to_the_same_place(
    client, allocation_round, leader, organisation, gym, premises_manager
):
    wish = _wish(leader, allocation_round, organisation, gym.part_list[1], weekday=TUESDAY)
    client.force_login(premises_manager)
    page = client.get(
        reverse("premises:allocation", args=[allocation_round.pk]),
        {"bygg": gym.building_id, "dag": TUESDAY},
    )
    assert page.status_code == 200 and page.context["grid"]["rooms"]
    response = client.post(
        reverse("premises:allocate", args=[wish.pk]),
        {
            "room": wish.room_id,
            "weekday": TUESDAY,
            "start_time": "18:00",
            "bygg": gym.building_id,
            "dag": TUESDAY,
        },
    )
    assert response["Location"].endswith(f"?bygg={gym.building_id}&dag={TUESDAY}#wish-{wish.pk}")


@pytest.mark.parametrize(
    ("role", "allowed"), [("citizen", False), ("leader", False), ("premises_manager", True)]
)
def test_permission_matrix_for_allocation_writes(
    request, client, allocation_round, leader, organisation, gym, role, allowed
):
    wish = _wish(leader, allocation_round, organisation, gym.part_list[0], weekday=TUESDAY)
    client.force_login(request.getfixturevalue(role))
    client.post(
        reverse("premises:allocate", args=[wish.pk]),
        {"room": wish.room_id, "weekday": TUESDAY, "start_time": "18:00"},
    )
    wish.refresh_from_db()
    assert hasattr(wish, "allocation") is allowed
    response = client.post(
        reverse("premises:allocation_publish", args=[allocation_round.pk]), {"confirm": "1"}
    )
    assert response.status_code == (302 if allowed else 403)
