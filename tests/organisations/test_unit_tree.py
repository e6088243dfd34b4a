"""The volunteer coordinator's role counts in whichever unit of the tree it is held."""

import pytest

from dugnad.accounts.models import UnitRole
from dugnad.accounts.roles import is_volunteer_coordinator
from dugnad.organisations.models import Organisation
from dugnad.organisations.rules import can_edit, can_review, can_view
from tests.factories import OrganisationFactory
from tests.unit_tree import build_unit_tree, person_with_role

pytestmark = pytest.mark.django_db

COORDINATOR = UnitRole.Role.VOLUNTEER_COORDINATOR


@pytest.fixture
def tree(municipality):
    return build_unit_tree(municipality)


@pytest.mark.parametrize("level", ["a", "b", "c", "d"])
def test_coordinator_at_any_level_reviews_and_edits_organisations(tree, municipality, level):
    coordinator = person_with_role(getattr(tree, level), COORDINATOR)
    waiting = OrganisationFactory(municipality=municipality, status=Organisation.Status.PENDING)
    assert is_volunteer_coordinator(coordinator)
    assert can_review(coordinator, waiting)
    assert can_view(coordinator, waiting)
    assert can_edit(coordinator, waiting)


def test_other_roles_in_the_tree_do_not_make_a_coordinator(tree, municipality):
    contact = person_with_role(tree.a, UnitRole.Role.VOLUNTEER_CONTACT)
    waiting = OrganisationFactory(municipality=municipality, status=Organisation.Status.PENDING)
    assert not is_volunteer_coordinator(contact)
    assert not can_review(contact, waiting)
    assert not can_view(contact, waiting)
