"""Parallel staff offers and family answers on PostgreSQL: a place is never offered twice."""

import pytest

from dugnad.culture_school import actions
from dugnad.culture_school.models import Place, PlaceOffer
from tests.factories import UserFactory
from tests.race import race, race_each

from .conftest import add_child

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _waiting(school, offer, count):
    people = []
    for n in range(count):
        guardian = UserFactory()
        pupil = add_child(guardian, school, f"Barn{n}", age=9)
        actions.apply(guardian, pupil, [offer])
        people.append(guardian)
    return people


def test_two_staff_pressing_at_once_offer_each_place_once(school, offer, admin):
    other_admin = UserFactory()
    from dugnad.accounts.models import UnitRole

    UnitRole.objects.create(
        user=other_admin, unit=school.unit, role=UnitRole.Role.CULTURE_SCHOOL_ADMIN
    )
    _waiting(school, offer, 6)
    staff = [admin, other_admin] * 3
    results = race(lambda i: actions.make_offers(staff[i], offer), 6)
    made = [r for r in results if isinstance(r, list)]
    assert sum(len(r) for r in made) == offer.places
    assert PlaceOffer.objects.open().count() == offer.places
    assert PlaceOffer.objects.values("application").distinct().count() == offer.places


def test_accept_and_expiry_at_the_same_moment_one_wins(school, offer, admin):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    guardians = _waiting(school, offer, 3)
    offer.places = 1
    offer.save()
    (made,) = actions.make_offers(admin, offer)
    later = timezone.now() + dt.timedelta(days=14, seconds=-1)
    # Just before the deadline the family accepts while a (misconfigured) early expiry runs
    # with a clock past it: one of them wins, never both.
    with time_machine.travel(later):
        results = race_each(
            [
                lambda: actions.accept_offer(guardians[0], made),
                lambda: actions.expire_offer(made, now=later + dt.timedelta(seconds=2)),
            ]
        )
    accepted = isinstance(results[0], Place)
    expired = results[1] is True
    assert accepted != expired, results
    total = Place.objects.filter(offer=offer).count() + PlaceOffer.objects.open().count()
    assert total == 1
