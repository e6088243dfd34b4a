"""An editor's role in a unit covers its sub-units to any depth, in the calendar too."""

import pytest
from django.urls import reverse

from dugnad.accounts.models import UnitRole
from dugnad.activities.rules import can_edit_event, can_publish_for
from dugnad.core.errors import NotAllowed
from tests.factories import TEST_PASSWORD
from tests.unit_tree import build_unit_tree, person_with_role

pytestmark = pytest.mark.django_db

EDITOR = UnitRole.Role.EDITOR


@pytest.fixture
def tree(municipality):
    return build_unit_tree(municipality)


def offered_units(client, user) -> set[str]:
    """The units the event form's organiser picker offers `user`, by name."""
    client.login(email=user.email, password=TEST_PASSWORD)
    response = client.get(reverse("activities:event_create"))
    assert response.status_code == 200
    labels = dict(response.context["form"].fields["organiser"].choices)
    return {label for key, label in labels.items() if key.startswith("unit:")}


def test_editor_at_the_top_publishes_for_every_unit_below(tree):
    editor = person_with_role(tree.a, EDITOR)
    for unit in (tree.a, *tree.below_a):
        assert can_publish_for(editor, unit), unit.name


def test_editor_lower_down_does_not_publish_for_the_units_above(tree):
    editor = person_with_role(tree.c, EDITOR)
    assert can_publish_for(editor, tree.c)
    assert can_publish_for(editor, tree.d)
    for unit in tree.above_c:
        verdict = can_publish_for(editor, unit)
        assert not verdict, unit.name
        assert verdict.reason


def test_organiser_picker_offers_the_whole_subtree(client, tree):
    editor = person_with_role(tree.a, EDITOR)
    assert offered_units(client, editor) == {u.name for u in (tree.a, tree.b, tree.c, tree.d)}


def test_organiser_picker_offers_nothing_above_the_role(client, tree):
    editor = person_with_role(tree.c, EDITOR)
    assert offered_units(client, editor) == {tree.c.name, tree.d.name}


def test_editor_at_the_top_edits_an_event_of_the_lowest_unit(tree, make_event):
    top_editor = person_with_role(tree.a, EDITOR)
    event = make_event(user=top_editor, organiser=tree.d, title="Dansefest")
    assert event.unit == tree.d
    assert can_edit_event(top_editor, event)
    assert can_edit_event(person_with_role(tree.c, EDITOR), event)


def test_editor_lower_down_neither_creates_nor_edits_events_of_a_unit_above(tree, make_event):
    editor = person_with_role(tree.c, EDITOR)
    with pytest.raises(NotAllowed):
        make_event(user=editor, organiser=tree.b)
    event_of_b = make_event(user=person_with_role(tree.a, EDITOR), organiser=tree.b)
    assert not can_edit_event(editor, event_of_b)
