"""A guardian's export and erasure, the retention of pupils who left, key figures, Min side
and the staff work queue."""

import datetime as dt

import pytest
from django.utils import timezone

from dugnad.core.privacy import erase_person, export_person
from dugnad.culture_school import actions, figures, privacy, queries
from dugnad.culture_school.models import Guardianship, Place, Pupil
from tests.factories import UserFactory

from .conftest import add_child

pytestmark = pytest.mark.django_db


def test_export_holds_the_children_and_their_applications(guardian, child, offer):
    actions.apply(guardian, child, [offer])
    part = next(p for p in export_person(guardian) if p["app"] == "culture_school")
    (pupil,) = part["data"]["pupils"]
    assert pupil["first_name"] == "Emma" and pupil["applications"][0]["status"] == "waiting"


def test_erasure_deletes_a_child_with_one_guardian_and_keeps_a_shared_one(guardian, school):
    alone = add_child(guardian, school, "Alene")
    shared = add_child(guardian, school, "Delt")
    other = UserFactory()
    Guardianship.objects.create(pupil=shared, user=other)
    result = erase_person(guardian)
    assert not Pupil.objects.filter(pk=alone.pk).exists()
    assert Pupil.objects.filter(pk=shared.pk).exists()
    assert shared.guardianships.get().user == other
    assert shared.guardianships.get().is_payer
    assert any("another guardian" in str(k.what) for k in result.kept)


def test_pupils_who_left_are_anonymised_after_the_retention_period(
    guardian, child, offer, settings
):
    settings.CULTURE_SCHOOL_RETENTION_DAYS = 30
    today = timezone.localdate()
    Place.objects.create(
        pupil=child, offer=offer, started_on=today - dt.timedelta(days=200),
        left_on=today - dt.timedelta(days=31),
    )  # fmt: skip
    still = add_child(guardian, child.school, "Aktiv")
    Place.objects.create(pupil=still, offer=offer, started_on=today)
    assert privacy.anonymise_departed_pupils() == 1
    child.refresh_from_db()
    assert child.first_name == "–" and child.anonymised_at and child.birth_date.day == 1
    assert not child.guardianships.exists()
    assert privacy.anonymise_departed_pupils() == 0


def test_key_figures(municipality, school, year, offer, dance_offer, guardian, admin):
    year.population_6_15 = 10
    year.save()
    kids = [add_child(guardian, school, n, age=9) for n in ("A", "B")]
    Place.objects.create(pupil=kids[0], offer=offer, started_on=year.starts_on)
    Place.objects.create(pupil=kids[0], offer=dance_offer, started_on=year.starts_on)
    Place.objects.create(pupil=kids[1], offer=offer, started_on=year.starts_on)
    actions.apply(guardian, add_child(guardian, school, "C"), [offer])
    found = {f.key: f for f in figures.key_figures(municipality, year.starts_on, year.ends_on)}
    assert found["culture_school.pupils"].value == 2
    assert found["culture_school.places"].value == 3
    assert found["culture_school.share_6_15"].value == 20.0
    assert found["culture_school.waiting"].value == 1
    assert dict(found["culture_school.places"].table)["Core programme (kjerneprogram)"] == 1


def test_my_page_and_work_queue(municipality, guardian, child, offer, admin, teacher):
    actions.apply(guardian, child, [offer])
    section = queries.my_page(guardian)
    assert section["pupils"] == [child]
    assert queries.my_page(UserFactory()) is None
    (item,) = queries.work_queue(admin, municipality)
    assert item.count == 1
    assert queries.work_queue(teacher, municipality) == []
    actions.make_offers(admin, offer)
    assert len(queries.my_page(guardian)["open_offers"]) == 1
