"""Re-registration: one page for a family's places, changeable until the deadline; silence
handled by the year's rule; the deadline's job applies the answers once."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import DomainError, NotAllowed
from dugnad.culture_school import continuation
from dugnad.culture_school.models import Application, Place, SchoolYear
from tests.factories import UserFactory

from .conftest import add_child, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(school, year, offer, dance_offer, guardian, admin):
    following = SchoolYear.objects.create(
        school=school, name="2027/28", starts_on=year.ends_on + dt.timedelta(days=50),
        ends_on=year.ends_on + dt.timedelta(days=350),
    )  # fmt: skip
    next_piano = make_offer(following, offer.subject, offer.fee_plan, places=1)
    next_dance = make_offer(following, dance_offer.subject, offer.fee_plan, places=5)
    continuation.set_deadline(admin, year, timezone.localdate() + dt.timedelta(days=10), "quit")
    year.refresh_from_db()
    kids = [add_child(guardian, school, n, age=9) for n in ("Ada", "Bo", "Cy")]
    places = [Place.objects.create(pupil=k, offer=offer, started_on=year.starts_on) for k in kids]
    return year, places, next_piano, next_dance


def test_family_answers_and_deadline_applies_once(setup, guardian):
    year, (ada, bo, cy), next_piano, next_dance = setup
    continuation.answer(guardian, year, [(ada, "continue", None), (bo, "change", next_dance)])
    continuation.answer(guardian, year, [(bo, "change", next_dance)])  # changed again: fine
    with pytest.raises(DomainError):
        continuation.answer(guardian, year, [(ada, "change", None)])
    with pytest.raises(NotAllowed):
        continuation.answer(UserFactory(), year, [(ada, "quit", None)])
    later = timezone.now() + dt.timedelta(days=11)
    with time_machine.travel(later):
        with pytest.raises(DomainError, match="closed"):
            continuation.answer(guardian, year, [(ada, "quit", None)])
        counts = continuation.apply_deadline(year)
        assert continuation.apply_deadline(year) is None  # claimed once
    assert counts["continue"] == 1 and counts["change"] == 1 and counts["quit"] == 1
    assert Place.objects.filter(pupil=ada.pupil, offer=next_piano).exists()
    assert Application.objects.filter(pupil=bo.pupil, offer=next_dance, status="waiting").exists()
    cy.refresh_from_db()
    assert cy.left_on == year.ends_on and cy.continuation.by_rule  # silence: quit


def test_reregistration_page(client, setup, guardian):
    _year, (ada, bo, cy), _next_piano, next_dance = setup
    client.force_login(guardian)
    url = reverse("culture_school:reregister")
    assert client.get(url).status_code == 200
    data = {f"p{p.pk}-answer": "continue" for p in (ada, bo, cy)}
    data[f"p{bo.pk}-answer"] = "change"
    response = client.post(url, data)
    assert response.status_code == 200  # change without an offer: told on Bo's row
    assert "Choose the offer Bo changes to" in response.content.decode()
    data[f"p{bo.pk}-new_offer"] = next_dance.pk
    assert client.post(url, data).status_code == 302
    bo.refresh_from_db()
    assert bo.continuation.new_offer == next_dance
