"""Applications, the waiting list's order by rules and lottery, offers of places and expiry."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.culture_school import actions, queries, waiting
from dugnad.culture_school.models import Application, Place, PlaceOffer, RuleKind
from tests.factories import UserFactory

from .conftest import add_child

pytestmark = pytest.mark.django_db


def test_apply_for_up_to_three_offers_in_order(guardian, child, offer, dance_offer):
    created = actions.apply(guardian, child, [dance_offer, offer])
    assert [(a.offer, a.preference) for a in created] == [(dance_offer, 1), (offer, 2)]
    assert all(a.status == Application.Status.WAITING for a in created)


def test_applying_twice_for_the_same_offer_is_refused(guardian, child, offer):
    actions.apply(guardian, child, [offer])
    with pytest.raises(Conflict, match="already applied"):
        actions.apply(guardian, child, [offer])
    assert Application.objects.count() == 1


def test_same_offer_twice_in_one_application_is_refused(guardian, child, offer):
    with pytest.raises(DomainError, match="only once"):
        actions.apply(guardian, child, [offer, offer])


def test_child_outside_the_age_range_is_refused(guardian, school, year, piano, fee_plan):
    from .conftest import make_offer

    teens = make_offer(year, piano, fee_plan, min_age=13, max_age=19)
    small = add_child(guardian, school, "Liten", age=7)
    with pytest.raises(DomainError, match="ages 13 to 19"):
        actions.apply(guardian, small, [teens])


def test_applications_after_the_year_closed_are_refused(guardian, child, offer, year):
    year.applications_open = False
    year.save()
    with pytest.raises(DomainError, match="closed"):
        actions.apply(guardian, child, [offer])


def test_only_the_guardian_applies_for_a_child(child, offer):
    with pytest.raises(NotAllowed):
        actions.apply(UserFactory(), child, [offer])


def test_an_adult_applies_for_themself_a_child_cannot(school, offer):
    adult = UserFactory()
    me = actions.add_pupil(
        adult, school, first_name="Ola", last_name="Voksen",
        birth_date=dt.date(1980, 5, 1), myself=True,
    )  # fmt: skip
    assert me.account == adult
    offer.max_age = 99
    offer.save()
    actions.apply(adult, me, [offer])
    with pytest.raises(DomainError, match="18 or older"):
        actions.add_pupil(
            UserFactory(), school, first_name="Ung", last_name="X",
            birth_date=timezone.localdate() - dt.timedelta(days=365 * 12), myself=True,
        )  # fmt: skip


def _waiting_list_fixture(school, offer, year):
    """Five applicants: an adult, a child with a place elsewhere, and three new children on two
    days (two on the same day, for the lottery)."""
    people = {}
    base = timezone.now() - dt.timedelta(days=10)
    specs = [
        ("adult", 30, 0, False),
        ("has_place", 9, 0, True),
        ("late", 9, 3, False),
        ("tie_a", 9, 1, False),
        ("tie_b", 10, 1, False),
    ]
    from .conftest import make_offer

    other = make_offer(year, offer.subject, offer.fee_plan, min_age=6, max_age=99, places=50)
    offer.max_age = 99
    offer.save()
    for name, age, day, has_place in specs:
        guardian = UserFactory()
        pupil = add_child(guardian, school, name, age=min(age, 17))
        if age >= 18:
            pupil.birth_date = dt.date(timezone.localdate().year - age, 1, 1)
            pupil.save()
        if has_place:
            Place.objects.create(pupil=pupil, offer=other, started_on=year.starts_on)
        with time_machine.travel(base + dt.timedelta(days=day)):
            actions.apply(guardian, pupil, [offer])
        people[name] = pupil
    return people


def test_waiting_list_order_follows_the_rules_with_reasons(school, offer, year):
    people = _waiting_list_fixture(school, offer, year)
    ranked = queries.waiting_list(offer)
    names = [r.application.pupil.first_name for r in ranked]
    # children before adults; new pupils before those with a place; earlier date first; the
    # two on the same day in lottery order
    assert names[2:] == ["late", "has_place", "adult"]
    assert set(names[:2]) == {"tie_a", "tie_b"}
    assert ranked[-1].reasons[0] == "adult"
    assert "already has a place" in ranked[-2].reasons
    a, b = (people["tie_a"], people["tie_b"])
    ids = {p.first_name: p.applications.get().pk for p in (a, b)}
    expected = sorted(ids, key=lambda n: waiting.lottery_number("fixed-seed", ids[n]))
    assert names[:2] == expected


def test_lottery_is_reproducible_from_the_recorded_seed(school, offer, year, admin):
    _waiting_list_fixture(school, offer, year)
    first = [r.application.pk for r in queries.waiting_list(offer)]
    assert [r.application.pk for r in queries.waiting_list(offer)] == first
    actions.draw_lottery(admin, year, seed="another")
    year.refresh_from_db()
    assert year.lottery_seed == "another" and year.lottery_drawn_by == admin
    actions.draw_lottery(admin, year, seed="fixed-seed")
    offer.refresh_from_db()
    assert [r.application.pk for r in queries.waiting_list(offer)] == first


def test_rules_are_data_per_year(school, offer, year, admin):
    _waiting_list_fixture(school, offer, year)
    actions.set_rules(admin, year, [RuleKind.EARLIER_APPLICATION])
    ranked = queries.waiting_list(offer)
    # by date only: the adult and the pupil with a place applied first
    assert {r.application.pupil.first_name for r in ranked[:2]} == {"adult", "has_place"}
    with pytest.raises(DomainError):
        actions.set_rules(admin, year, ["children_first", "children_first"])


def test_only_admins_set_rules_and_make_offers(offer, year, teacher, guardian):
    for person in (teacher, guardian):
        with pytest.raises(NotAllowed):
            actions.set_rules(person, year, [])
        with pytest.raises(NotAllowed):
            actions.make_offers(person, offer)


def _applicants(school, offer, count):
    pupils = []
    for n in range(count):
        guardian = UserFactory()
        pupil = add_child(guardian, school, f"Barn{n}", age=9)
        with time_machine.travel(timezone.now() + dt.timedelta(days=n)):
            actions.apply(guardian, pupil, [offer])
        pupils.append((guardian, pupil))
    return pupils


def test_offers_go_down_the_list_and_never_beyond_the_free_places(school, offer, admin):
    people = _applicants(school, offer, 4)
    with pytest.raises(DomainError):
        actions.make_offers(admin, offer, count=0)
    made = actions.make_offers(admin, offer)
    assert [o.application.pupil for o in made] == [people[0][1], people[1][1]]
    with pytest.raises(Conflict, match="no free places"):
        actions.make_offers(admin, offer)
    assert PlaceOffer.objects.open().count() == 2


def test_accept_makes_a_place_and_decline_passes_on(school, offer, admin):
    people = _applicants(school, offer, 3)
    first, second = actions.make_offers(admin, offer)
    place = actions.accept_offer(people[0][0], first)
    assert place.pupil == people[0][1]
    assert Application.objects.get(pk=first.application_id).status == Application.Status.PLACED
    actions.decline_offer(people[1][0], second)
    third = PlaceOffer.objects.open().get()
    assert third.application.pupil == people[2][1]
    with pytest.raises(Conflict, match="already been answered"):
        actions.accept_offer(people[0][0], PlaceOffer.objects.get(pk=first.pk))


def test_only_the_family_answers_an_offer(school, offer, admin):
    _applicants(school, offer, 1)
    (made,) = actions.make_offers(admin, offer, count=1)
    with pytest.raises(NotAllowed):
        actions.accept_offer(UserFactory(), made)


def test_expired_offer_passes_to_the_next_by_the_task(
    school, offer, admin, django_capture_on_commit_callbacks
):
    people = _applicants(school, offer, 3)
    offer.places = 1
    offer.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        (made,) = actions.make_offers(admin, offer)
    assert made.deadline == start + dt.timedelta(days=14)
    with time_machine.travel(start + dt.timedelta(days=13)):
        assert actions.expire_offers() == 0
    with time_machine.travel(start + dt.timedelta(days=15)):
        with django_capture_on_commit_callbacks(execute=True):
            assert actions.expire_offers() == 1
        assert actions.expire_offers() == 0  # claimed once
        with pytest.raises(Conflict, match="deadline to answer passed"):
            actions.accept_offer(people[0][0], PlaceOffer.objects.get(pk=made.pk))
    assert Application.objects.get(pk=made.application_id).status == Application.Status.EXPIRED
    nxt = PlaceOffer.objects.open().get()
    assert nxt.application.pupil == people[1][1]
    assert any("expired" in m.subject for m in mail.outbox)
    assert any("offered a place" in m.subject for m in mail.outbox)


def test_accept_after_deadline_before_the_task_ran_is_refused(school, offer, admin):
    people = _applicants(school, offer, 1)
    (made,) = actions.make_offers(admin, offer)
    later = timezone.now() + dt.timedelta(days=15)
    with time_machine.travel(later), pytest.raises(Conflict, match="deadline"):
        actions.accept_offer(people[0][0], made)


def test_guardian_invites_the_other_guardian(guardian, child, django_capture_on_commit_callbacks):
    other = UserFactory(email="mor@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite_guardian(guardian, child, "mor@test.example", "http://as.test")
    assert invitation.token in mail.outbox[-1].body
    with pytest.raises(DomainError, match="another email"):
        actions.accept_invitation(UserFactory(), invitation)
    actions.accept_invitation(other, invitation)
    assert child.guardianships.filter(user=other).exists()
    with pytest.raises(Conflict):
        actions.accept_invitation(other, invitation)
    assert queries.family(other, child.school.municipality) == [child]


def test_places_cannot_shrink_below_those_taken(school, offer, admin, year):
    people = _applicants(school, offer, 2)
    actions.make_offers(admin, offer)
    data = {f: getattr(offer, f) for f in actions.OFFER_FIELDS}
    data["places"] = 1
    with pytest.raises(DomainError, match="2 places are taken"):
        actions.save_offer(admin, year, data, offer)
    assert people
