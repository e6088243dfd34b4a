"""Role x action matrix for every write on the directory: allowed roles succeed, others are
refused with a reason and nothing changes."""

import pytest
from django.contrib.auth.models import AnonymousUser

from dugnad.core.errors import NotAllowed
from dugnad.organisations import actions
from dugnad.organisations.models import Organisation, OrganisationRole

from .conftest import make_organisation, make_user, org_number

pytestmark = pytest.mark.django_db
Role = OrganisationRole.Role

ROLES = ["anonymous", "citizen", "other_leader", "org_editor", "contact", "leader",
         "coordinator", "case_handler", "site_admin"]  # fmt: skip


def _person(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


def _do_register(user, org, municipality):
    return actions.register_organisation(
        user, municipality, name="Nytt lag", org_number=org_number()
    )


def _do_edit(user, org, municipality):
    return actions.update_profile(user, org, {"purpose": "Endret formål"})


def _do_invite(user, org, municipality):
    return actions.invite(user, org, email="invitert@test.example")


def _do_change_role(user, org, municipality):
    target = OrganisationRole.objects.create(organisation=org, user=make_user(), role=Role.EDITOR)
    return actions.change_role(user, target, new_role=Role.CONTACT)


def _do_remove_role(user, org, municipality):
    target = OrganisationRole.objects.create(organisation=org, user=make_user(), role=Role.EDITOR)
    return actions.remove_role(user, target)


def _do_hand_over(user, org, municipality):
    successor = make_user()
    OrganisationRole.objects.create(organisation=org, user=successor, role=Role.EDITOR)
    return actions.hand_over_leadership(user, org, to_user=successor)


def _do_approve(user, org, municipality):
    return actions.approve(user, org)


def _do_hide(user, org, municipality):
    return actions.hide(user, org, reason="Test")


def _do_merge(user, org, municipality):
    return actions.merge(
        user, org, into=make_organisation(municipality=municipality, name="Mål"), reason="Duplikat"
    )


EVERYONE_LOGGED_IN = set(ROLES) - {"anonymous"}
REPRESENTATIVES_AND_COORDINATOR = {"org_editor", "contact", "leader", "coordinator", "site_admin"}
LEADER_AND_COORDINATOR = {"leader", "coordinator", "site_admin"}
COORDINATOR = {"coordinator", "site_admin"}

MATRIX = [
    ("register", _do_register, EVERYONE_LOGGED_IN),
    ("edit", _do_edit, REPRESENTATIVES_AND_COORDINATOR),
    ("invite", _do_invite, LEADER_AND_COORDINATOR),
    ("change_role", _do_change_role, LEADER_AND_COORDINATOR),
    ("remove_role", _do_remove_role, LEADER_AND_COORDINATOR),
    ("hand_over", _do_hand_over, LEADER_AND_COORDINATOR),
    ("approve", _do_approve, COORDINATOR),
    ("hide", _do_hide, COORDINATOR),
    ("merge", _do_merge, COORDINATOR),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action_name,action,allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_permission_matrix(
    request, organisation, municipality, leader, role, action_name, action, allowed
):
    user = _person(request, role)
    before = Organisation.objects.count(), OrganisationRole.objects.count()
    if role in allowed:
        action(user, organisation, municipality)
        return
    with pytest.raises(NotAllowed) as caught:
        action(user, organisation, municipality)
    assert str(caught.value.message)
    organisation.refresh_from_db()
    assert organisation.purpose != "Endret formål"
    assert organisation.status == Organisation.Status.APPROVED
    # The helpers may create their own fixtures (a target, a member) before the refusal.
    assert Organisation.objects.count() <= before[0] + 1
    assert not organisation.invitations.exists()
