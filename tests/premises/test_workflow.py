import datetime as dt

import pytest
import time_machine
from django.core import mail

from dugnad.core.errors import DomainError, NotAllowed
from dugnad.premises import actions
from dugnad.premises.models import BookingState
from dugnad.premises.workflow import MANAGER, RENTER, TRANSITIONS, transitions_from

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_booking(leader, organisation, room):
    room.confirm_automatically = False
    room.save()
    return actions.book_room(
        leader, room, *slot(next_weekday(2)), title="Styremøte", organisation=organisation
    )


def test_table_shape():
    assert set(TRANSITIONS) == {"approve", "deny", "cancel", "revoke"}
    assert TRANSITIONS["deny"].reason_required and TRANSITIONS["revoke"].reason_required
    assert TRANSITIONS["approve"].actor == MANAGER and TRANSITIONS["cancel"].actor == RENTER
    assert {t.name for t in transitions_from(BookingState.REQUESTED)} == set(TRANSITIONS)
    assert {t.name for t in transitions_from(BookingState.CONFIRMED)} == {"cancel", "revoke"}
    assert transitions_from(BookingState.DENIED) == []


def test_manager_approves(request_booking, premises_manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = actions.transition(premises_manager, request_booking, "approve")
    assert booking.state == BookingState.CONFIRMED
    assert booking.history.count() == 2
    assert mail.outbox and request_booking.booked_by.email in mail.outbox[-1].to


def test_deny_needs_a_reason(request_booking, premises_manager):
    with pytest.raises(DomainError) as exc:
        actions.transition(premises_manager, request_booking, "deny", "  ")
    assert exc.value.code == "reason_required"
    booking = actions.transition(premises_manager, request_booking, "deny", "Skolen bruker salen")
    assert (booking.state, booking.state_reason) == ("denied", "Skolen bruker salen")


def test_no_step_from_a_final_state(request_booking, premises_manager):
    actions.transition(premises_manager, request_booking, "deny", "Nei")
    with pytest.raises(NotAllowed):
        actions.transition(premises_manager, request_booking, "approve")


def test_renter_cancels_before_deadline_but_not_after(request_booking, leader):
    deadline = request_booking.start - dt.timedelta(hours=24)
    with time_machine.travel(deadline + dt.timedelta(minutes=1)), pytest.raises(NotAllowed) as exc:
        actions.transition(leader, request_booking, "cancel")
    assert "deadline" in str(exc.value.message) or "frist" in str(exc.value.message)
    booking = actions.transition(leader, request_booking, "cancel")
    assert booking.state == BookingState.CANCELLED


def test_unknown_step(request_booking, premises_manager):
    with pytest.raises(NotAllowed):
        actions.transition(premises_manager, request_booking, "explode")


# Role x action matrix: who may take each step on a requested booking, and who may book for
# the organisation.
ROLES = [
    "anonymous",
    "citizen",
    "leader",
    "org_editor",
    "premises_manager",
    "coordinator",
    "case_handler",
    "site_admin",
]
MATRIX = {
    "approve": {"premises_manager", "site_admin"},
    "deny": {"premises_manager", "site_admin"},
    "revoke": {"premises_manager", "site_admin"},
    "cancel": {"leader", "org_editor"},
    "book_for_organisation": {"leader", "org_editor"},
    "block": {"premises_manager", "site_admin"},
}


def _user(request, role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(MATRIX))
def test_permission_matrix(request, role, action, request_booking, organisation, room):
    user = _user(request, role)
    allowed = role in MATRIX[action]
    other_day = next_weekday(3)

    def run():
        if action == "book_for_organisation":
            actions.book_room(user, room, *slot(other_day), title="X", organisation=organisation)
        elif action == "block":
            actions.block_room(user, room, *slot(other_day), "Vedlikehold")
        else:
            actions.transition(user, request_booking, action, "Grunn")

    if allowed:
        run()
    else:
        with pytest.raises(NotAllowed):
            run()
