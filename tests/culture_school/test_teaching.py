"""Groups book their room through premises (a club's booking clashes), attendance on the day,
cancelled lessons told to families, absence notices and level history; who may do what."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.culture_school import teaching_actions
from dugnad.culture_school.models import Attendance, Lesson, Place
from dugnad.premises import actions as premises_actions
from dugnad.premises.models import Booking, Building, OpeningHours, Room
from tests.factories import UserFactory
from tests.premises.conftest import _prices

from .conftest import add_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(municipality, unit):
    building = Building.objects.create(
        municipality=municipality, unit=unit, name="Ås kulturhus", slug="kulturhus",
        kind="culture_house", address="Kulturhusveien 1",
    )  # fmt: skip
    for weekday in range(7):
        OpeningHours.objects.create(
            building=building, weekday=weekday, opens=dt.time(8), closes=dt.time(22)
        )
    room = Room.objects.create(
        building=building, name="Øvingsrom 1", kind="music_room", capacity=12
    )
    _prices(room)
    return room


def next_weekday(weekday, weeks=0):
    today = timezone.localdate()
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7, weeks=weeks)


def make_group(admin, offer, teacher, room=None, weeks=4, name="Gruppe A"):
    first = next_weekday(2)
    return teaching_actions.create_group(
        admin, offer, name=name, teacher=teacher, room=room, weekday=2,
        start_time=dt.time(17), end_time=dt.time(18), first_date=first,
        last_date=first + dt.timedelta(weeks=weeks - 1),
    )  # fmt: skip


def test_group_books_its_room_through_premises_and_a_clubs_booking_clashes(
    admin, offer, teacher, room, leader, organisation
):
    club_day = next_weekday(2, weeks=1)
    premises_actions.book_room(
        leader, room, teaching_actions.local(club_day, dt.time(16, 30)),
        teaching_actions.local(club_day, dt.time(18)), title="Korpsøving",
        organisation=organisation,
    )  # fmt: skip
    result = make_group(admin, offer, teacher, room)
    assert result.lessons == 3
    assert [d for d, _reason in result.skipped] == [club_day]
    assert "already booked" in result.skipped[0][1]
    series = result.group.booking_series
    assert Booking.objects.filter(series=series).count() == 3
    assert not Lesson.objects.filter(group=result.group, date=club_day).exists()
    # and the other way round: the club cannot take the culture school's slot
    taken = next_weekday(2, weeks=2)
    with pytest.raises(Conflict):
        premises_actions.book_room(
            leader, room, teaching_actions.local(taken, dt.time(17)),
            teaching_actions.local(taken, dt.time(18)), title="Korps", organisation=organisation,
        )  # fmt: skip


def test_group_slot_on_a_fully_taken_room_is_refused_and_nothing_saved(
    admin, offer, teacher, room, leader, organisation
):
    first = next_weekday(2)
    premises_actions.book_series(
        leader, room, first_date=first, last_date=first + dt.timedelta(weeks=1),
        start_time=dt.time(16), end_time=dt.time(19), title="Korps", organisation=organisation,
    )  # fmt: skip
    with pytest.raises(DomainError, match="None of the dates"):
        make_group(admin, offer, teacher, room, weeks=2)
    from dugnad.culture_school.models import Group

    assert not Group.objects.exists()


def test_only_a_teacher_teaches_and_only_admins_make_groups(admin, offer, teacher, guardian):
    with pytest.raises(DomainError, match="teacher"):
        make_group(admin, offer, guardian)
    with pytest.raises(NotAllowed):
        make_group(teacher, offer, teacher)


@pytest.fixture
def taught(admin, offer, teacher, school, guardian):
    pupil = add_child(guardian, school)
    place = Place.objects.create(pupil=pupil, offer=offer, started_on=offer.school_year.starts_on)
    group = make_group(admin, offer, teacher).group
    teaching_actions.add_members(admin, group, [place])
    return group, place, group.lessons.first()


def test_attendance_for_a_future_lesson_is_refused_then_recorded_on_the_day(taught, teacher):
    _group, place, lesson = taught
    with pytest.raises(DomainError) as refused:
        teaching_actions.record_attendance(teacher, lesson, {place.pk: "present"})
    assert refused.value.code == "future"
    with time_machine.travel(lesson.starts_at + dt.timedelta(minutes=5)):
        teaching_actions.record_attendance(teacher, lesson, {place.pk: "present"})
    assert Attendance.objects.get(lesson=lesson, place=place).status == "present"
    with pytest.raises(NotAllowed):
        teaching_actions.record_attendance(UserFactory(), lesson, {place.pk: "present"})


def test_cancelled_lesson_is_told_to_the_families(taught, teacher, guardian,
                                                  django_capture_on_commit_callbacks):  # fmt: skip
    _group, place, lesson = taught
    with pytest.raises(DomainError):
        teaching_actions.cancel_lesson(teacher, lesson, "")
    with django_capture_on_commit_callbacks(execute=True):
        teaching_actions.cancel_lesson(teacher, lesson, "Læreren er syk")
    assert mail.outbox[-1].to == [guardian.email]
    assert "Læreren er syk" in mail.outbox[-1].body
    assert Attendance.objects.get(lesson=lesson, place=place).status == "cancelled"


def test_family_notifies_absence(taught, guardian, teacher, django_capture_on_commit_callbacks):
    _group, place, lesson = taught
    with pytest.raises(NotAllowed):
        teaching_actions.notify_absence(UserFactory(), place, lesson)
    with django_capture_on_commit_callbacks(execute=True):
        teaching_actions.notify_absence(guardian, place, lesson, "Tannlege")
    assert mail.outbox[-1].to == [teacher.email]
    assert Attendance.objects.get(lesson=lesson, place=place).status == "notified"


def test_level_history(taught, teacher, guardian):
    group, place, _lesson = taught
    teaching_actions.record_level(teacher, group, place, "Trinn 2", "Spiller med begge hender")
    assert place.pupil.levels.get().programme == place.offer.programme
    with pytest.raises(NotAllowed):
        teaching_actions.record_level(guardian, group, place, "Trinn 3")


def test_teacher_pages(client, taught, teacher, guardian, admin, django_assert_max_num_queries):
    group, place, lesson = taught
    client.force_login(teacher)
    week = f"{lesson.date:%G-W%V}"
    with django_assert_max_num_queries(15):
        response = client.get(reverse("culture_school:teacher_week"), {"week": week})
    assert response.status_code == 200
    assert str(group) in response.content.decode()
    assert (
        client.get(reverse("culture_school:teacher_week"), {"week": "9999-W99"}).status_code == 200
    )
    url = reverse("culture_school:lesson", kwargs={"pk": lesson.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {f"place-{place.pk}": "present"})
    assert response.status_code == 200  # not started yet: the reason is shown, nothing saved
    assert not Attendance.objects.exists()
    for person, status in ((guardian, 403), (UserFactory(), 403), (admin, 200)):
        client.force_login(person)
        assert client.get(url).status_code == status
    client.force_login(guardian)
    assert client.get(reverse("culture_school:teacher_week")).status_code == 403
    response = client.post(
        reverse("culture_school:absence", kwargs={"place_pk": place.pk, "lesson_pk": lesson.pk})
    )
    assert response.status_code == 302
    assert Attendance.objects.get().status == "notified"
    page = client.get(reverse("culture_school:family")).content.decode()
    assert "absence notified" in page


def test_group_page_creates_a_group(client, admin, offer, teacher, room):
    client.force_login(admin)
    url = reverse("culture_school:groups", kwargs={"pk": offer.pk})
    first = next_weekday(1)
    data = {
        "name": "Tirsdag", "teacher": teacher.pk, "room": room.pk, "weekday": "1",
        "start_time": "18:00", "end_time": "17:00", "first_date": first.isoformat(),
        "last_date": (first + dt.timedelta(weeks=3)).isoformat(),
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and 'value="Tirsdag"' in response.content.decode()
    data["end_time"] = "19:00"
    assert client.post(url, data).status_code == 302
    assert offer.groups.get().lessons.count() == 4
    client.force_login(teacher)
    assert client.get(url).status_code == 403
