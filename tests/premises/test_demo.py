import io

import pytest

from dugnad.premises.models import Booking, Building, Room, SlotWish


@pytest.mark.django_db
def test_demo_loads_and_is_idempotent():
    from dugnad.accounts import demo as accounts_demo
    from dugnad.core import demo as core_demo
    from dugnad.organisations import demo as organisations_demo
    from dugnad.premises import demo

    out = io.StringIO()
    for module in (core_demo, accounts_demo, organisations_demo, demo):
        module.load(out)
    counts = (
        Building.objects.count(),
        Room.objects.count(),
        Booking.objects.count(),
        SlotWish.objects.count(),
    )
    demo.load(out)
    assert (
        Building.objects.count(),
        Room.objects.count(),
        Booking.objects.count(),
        SlotWish.objects.count(),
    ) == counts
    assert counts[2] >= 200
    assert Room.objects.filter(building__slug="solberg-skole", parent__isnull=False).count() == 3
