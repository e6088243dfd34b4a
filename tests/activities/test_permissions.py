"""Role x action matrix for every write in the calendar."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from dugnad.activities import actions
from dugnad.core.errors import NotAllowed

ROLES = [
    "anonymous",
    "citizen",
    "leader",
    "org_editor",
    "unit_editor",
    "coordinator",
    "unit_viewer",
    "site_admin",
]

# role -> allowed? for each action
MATRIX = {
    "publish_for_org": {"leader", "org_editor"},
    "publish_for_unit": {"unit_editor", "site_admin"},
    "edit_event": {"leader", "org_editor", "coordinator", "site_admin"},
    "approve": {"coordinator", "site_admin"},
    "unpublish": {"coordinator", "site_admin"},
    "cancel_occurrence": {"leader", "org_editor", "coordinator", "site_admin"},
    "mark_attendance": {"leader", "org_editor", "coordinator", "site_admin"},
    "signup_setup": {"leader", "org_editor", "coordinator", "site_admin"},
    "occurrence_capacity": {"leader", "org_editor", "coordinator", "site_admin"},
    "sign_up": {
        "citizen",
        "leader",
        "org_editor",
        "unit_editor",
        "coordinator",
        "unit_viewer",
        "site_admin",
    },
}


@pytest.fixture
def person(request):
    def get(role):
        if role == "anonymous":
            from django.contrib.auth.models import AnonymousUser

            return AnonymousUser()
        return request.getfixturevalue(role)

    return get


def _schedule():
    return actions.Schedule(
        first_day=timezone.localdate() + timedelta(days=2), start_time=time(18), end_time=time(19)
    )


def _run(action, user, event, organisation, unit):
    occurrence = event.occurrences.first()
    if action == "publish_for_org":
        actions.create_event(user, organisation, {"title": "X"}, _schedule())
    elif action == "publish_for_unit":
        actions.create_event(user, unit, {"title": "X"}, _schedule())
    elif action == "edit_event":
        actions.update_event(user, event, {"title": "Ny tittel"})
    elif action == "approve":
        actions.approve_event(user, event)
    elif action == "unpublish":
        actions.unpublish_event(user, event, "Grunn")
    elif action == "cancel_occurrence":
        actions.cancel_occurrence(user, occurrence, "")
    elif action == "mark_attendance":
        from tests.factories import UserFactory

        signup = actions.sign_up(UserFactory(), occurrence, participant_name="P")
        actions.mark_attendance(user, signup, True)
    elif action == "sign_up":
        actions.sign_up(user, occurrence, participant_name="P")
    elif action == "signup_setup":
        actions.save_signup_setup(
            user,
            event,
            [{"id": None, "label": "Allergier", "kind": "text"}],
            [{"id": None, "name": "Barn", "price_ore": 0}],
        )
    elif action == "occurrence_capacity":
        actions.set_occurrence_capacity(user, occurrence, 5)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(action, role, person, make_event, organisation, unit, leader):
    user = person(role)
    event = make_event(user=leader, capacity=10)
    allowed = role in MATRIX[action]
    if allowed:
        _run(action, user, event, organisation, unit)
    else:
        with pytest.raises(NotAllowed) as error:
            _run(action, user, event, organisation, unit)
        assert str(error.value.message)
