"""The demo loads UngMusikk's region and is idempotent."""

import io

import pytest

from dugnad.core.demo import load as load_core
from dugnad.talent.demo import load
from dugnad.talent.models import Coordinator, Nomination, Programme

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_changes():
    load_core(io.StringIO())
    load(io.StringIO())
    music = Programme.objects.get(slug="ungmusikk")
    assert music.memberships.count() == 36 and music.subregions.count() == 6
    assert Programme.objects.get(slug="ungkunst").memberships.count() == 15
    assert Coordinator.objects.filter(subregion__programme=music).count() == 6
    before = Nomination.objects.count()
    accepted = Nomination.objects.filter(offer="accepted").count()
    assert accepted == 42
    load(io.StringIO())
    assert Nomination.objects.count() == before
    assert Nomination.objects.filter(offer="accepted").count() == accepted
