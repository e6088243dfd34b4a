"""Role x action matrix for every write in volunteering."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from dugnad.volunteering import rules

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "volunteer",
    "leader",
    "org_editor",
    "volunteer_contact",
    "coordinator",
    "unit_editor",
    "site_admin",
]


@pytest.fixture
def who(request):
    def get(role):
        if role == "anonymous":
            return AnonymousUser()
        return request.getfixturevalue(role)

    return get


MATRIX = {
    # action: set of roles allowed
    "manage_org_assignment": {"leader", "org_editor", "coordinator", "site_admin"},
    "manage_unit_assignment": {"volunteer_contact", "coordinator", "site_admin"},
    "post_for_organisation": {"leader", "org_editor"},
    "post_for_unit": {"volunteer_contact", "coordinator", "site_admin"},
    "express_interest": set(ROLES) - {"anonymous"},
    "sign_up": set(ROLES) - {"anonymous"},
    "view_overview": {"volunteer_contact", "coordinator", "site_admin"},
    "log_hours_unengaged": set(),
}


def check(action, user, ctx):
    if action == "manage_org_assignment":
        return rules.can_manage(user, ctx["assignment"])
    if action == "manage_unit_assignment":
        return rules.can_manage(user, ctx["unit_assignment"])
    if action == "post_for_organisation":
        return rules.can_post_for(user, ctx["organisation"])
    if action == "post_for_unit":
        return rules.can_post_for(user, ctx["moertunet"])
    if action == "express_interest":
        return rules.can_express_interest(user, ctx["assignment"])
    if action == "sign_up":
        return rules.can_sign_up(user, ctx["shift"])
    if action == "view_overview":
        return rules.can_view_overview(user)
    if action == "log_hours_unengaged":
        return rules.can_log_hours(user, ctx["assignment"])
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(MATRIX))
def test_matrix(action, role, who, assignment, unit_assignment, organisation, moertunet, shift):
    ctx = {
        "assignment": assignment,
        "unit_assignment": unit_assignment,
        "organisation": organisation,
        "moertunet": moertunet,
        "shift": shift,
    }
    verdict = check(action, who(role), ctx)
    assert bool(verdict) is (role in MATRIX[action]), verdict.reason
    if not verdict:
        assert str(verdict.reason)


def test_closed_assignment_refuses_interest(assignment, volunteer):
    assignment.status = assignment.Status.CLOSED
    assignment.save()
    verdict = rules.can_express_interest(volunteer, assignment)
    with translation.override("en"):
        assert not verdict and "closed" in str(verdict.reason)


def test_profile_visible_to_self_coordinator_and_own_organiser(
    volunteer, leader, coordinator, volunteer_contact, assignment
):
    from dugnad.volunteering.actions import express_interest

    assert rules.can_view_profile(volunteer, volunteer)
    assert rules.can_view_profile(coordinator, volunteer)
    assert not rules.can_view_profile(leader, volunteer)
    assert not rules.can_view_profile(volunteer_contact, volunteer)
    express_interest(volunteer, assignment)
    leader = type(leader).objects.get(pk=leader.pk)  # a fresh request: no cached scope
    assert rules.can_view_profile(leader, volunteer)
