"""A room's family (its wholes and parts) is what a booking of it clashes with."""

import pytest
from django.core.exceptions import ValidationError

from dugnad.premises.models import Building, Room
from dugnad.premises.schedule import family_ids

pytestmark = pytest.mark.django_db


def test_family_spans_wholes_and_parts_at_any_depth_and_leaves_siblings_out(
    gym, room, django_assert_num_queries
):
    part = gym.part_list[0]
    corner = Room.objects.create(
        building=gym.building, parent=part, name="Hjørne", kind="gym", capacity=10
    )
    with django_assert_num_queries(1):
        assert set(family_ids(gym)) == {gym.pk, *(p.pk for p in gym.part_list), corner.pk}
    assert set(family_ids(part)) == {part.pk, gym.pk, corner.pk}
    assert set(family_ids(corner)) == {corner.pk, part.pk, gym.pk}
    assert set(family_ids(room)) == {room.pk}


def test_a_part_cannot_be_in_another_building(gym, building):
    other = Building.objects.create(
        municipality=building.municipality,
        unit=building.unit,
        name="Nordby skole",
        slug="nordby",
        kind="school",
    )
    stray = Room(building=other, parent=gym, name="Del 4", kind="gym", capacity=40)
    with pytest.raises(ValidationError) as caught:
        stray.full_clean()
    assert "parent" in caught.value.message_dict
