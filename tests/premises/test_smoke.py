from dugnad.premises.models import Room


def test_room_table(db):
    assert Room.objects.count() == 0
