"""Case handlers of a unit handle, and list, the cases of its sub-units to any depth."""

import pytest
from django.urls import reverse

from dugnad.accounts.models import UnitRole
from dugnad.grants import queries
from dugnad.grants.models import GrantScheme
from dugnad.grants.rules import can_handle, can_view_case
from tests.factories import TEST_PASSWORD
from tests.unit_tree import build_unit_tree, person_with_role

pytestmark = pytest.mark.django_db

HANDLER = UnitRole.Role.CASE_HANDLER


@pytest.fixture
def tree(municipality):
    return build_unit_tree(municipality)


@pytest.fixture
def unit(tree):
    # The grant fixtures' scheme belongs to `unit`: here the lowest unit of the tree.
    return tree.d


def listed_cases(client, user) -> list:
    client.login(email=user.email, password=TEST_PASSWORD)
    response = client.get(reverse("grants:cases"))
    assert response.status_code == 200
    return list(response.context["cases"])


def opens_case(client, user, application) -> int:
    client.login(email=user.email, password=TEST_PASSWORD)
    return client.get(reverse("grants:case", args=[application.pk])).status_code


def test_handler_at_the_top_opens_and_lists_a_case_of_the_lowest_unit(client, tree, submitted):
    assert submitted.scheme.unit == tree.d
    for unit in (tree.a, *tree.below_a):
        handler = person_with_role(unit, HANDLER)
        assert can_view_case(handler, submitted), unit.name
        assert can_handle(handler, submitted), unit.name
        assert submitted in queries.case_list(handler, tree.a.municipality), unit.name
        assert opens_case(client, handler, submitted) == 200, unit.name
        assert listed_cases(client, handler) == [submitted], unit.name


def test_handler_lower_down_neither_opens_nor_lists_a_case_above(client, tree, submitted):
    GrantScheme.objects.filter(pk=submitted.scheme_id).update(unit=tree.b)
    submitted.refresh_from_db()
    lower = person_with_role(tree.c, HANDLER)
    verdict = can_view_case(lower, submitted)
    assert not verdict
    assert not can_handle(lower, submitted)
    assert submitted not in queries.case_list(lower, tree.a.municipality)
    assert opens_case(client, lower, submitted) == 403
    assert listed_cases(client, lower) == []
    # The handler above still has it.
    assert listed_cases(client, person_with_role(tree.a, HANDLER)) == [submitted]


def test_handlers_from_units_above_can_be_assigned_the_case(client, tree, submitted):
    top = person_with_role(tree.a, HANDLER)
    lower = person_with_role(tree.c, HANDLER)
    beside = person_with_role(tree.b, UnitRole.Role.VIEWER)
    client.login(email=top.email, password=TEST_PASSWORD)
    response = client.get(reverse("grants:case", args=[submitted.pk]))
    offered = set(response.context["assign_form"].fields["handler"].queryset)
    assert {top, lower} <= offered
    assert beside not in offered
