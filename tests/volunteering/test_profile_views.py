"""Staff views of a volunteer's personal data are logged, and the volunteer sees them."""

import pytest
from django.urls import reverse

from dugnad.core.models import ActivityLog
from dugnad.volunteering import actions
from dugnad.volunteering.models import VolunteerProfile

from .conftest import make_shift, person

pytestmark = pytest.mark.django_db

VIEWED = "volunteer_profile.viewed"


def views_of(volunteer):
    return list(ActivityLog.objects.filter(event=VIEWED, data__volunteer=volunteer.pk))


@pytest.mark.parametrize("role", ["coordinator", "leader"])
def test_opening_a_profile_is_logged_against_the_profile(
    client, request, role, volunteer, assignment
):
    actions.express_interest(volunteer, assignment)
    viewer = request.getfixturevalue(role)
    client.force_login(viewer)
    assert client.get(reverse("volunteering:volunteer", args=[volunteer.pk])).status_code == 200
    (entry,) = views_of(volunteer)
    assert entry.actor == viewer
    assert entry.target == VolunteerProfile.objects.get(user=volunteer)
    assert entry.data["what"] == "profile"


def test_volunteer_contact_view_is_logged(client, volunteer_contact, unit_assignment, volunteer):
    actions.express_interest(volunteer, unit_assignment)
    client.force_login(volunteer_contact)
    assert client.get(reverse("volunteering:volunteer", args=[volunteer.pk])).status_code == 200
    assert [e.actor for e in views_of(volunteer)] == [volunteer_contact]


def test_refused_and_own_views_are_not_logged(client, volunteer, citizen):
    client.force_login(citizen)
    assert client.get(reverse("volunteering:volunteer", args=[volunteer.pk])).status_code == 403
    client.force_login(volunteer)
    assert client.get(reverse("volunteering:volunteer", args=[volunteer.pk])).status_code == 200
    assert views_of(volunteer) == []


def test_phone_shown_on_shift_day_is_logged_once_per_volunteer(
    client, assignment, volunteer, leader
):
    actions.sign_up(volunteer, make_shift(assignment, days=0, hour=23, hours=1))
    # Someone without a phone number: nothing of theirs is shown, so nothing is logged.
    actions.sign_up(person(phone=""), make_shift(assignment, days=0, hour=23, hours=1, needed=3))
    client.force_login(leader)
    client.get(assignment.get_absolute_url())
    (entry,) = ActivityLog.objects.filter(event=VIEWED)
    assert entry.data == {"what": "phone", "volunteer": volunteer.pk} and entry.actor == leader


def test_phone_not_shown_for_later_shifts_is_not_logged(client, assignment, volunteer, leader):
    actions.sign_up(volunteer, make_shift(assignment, days=3))
    client.force_login(leader)
    client.get(assignment.get_absolute_url())
    assert views_of(volunteer) == []


def test_volunteer_without_profile_is_logged_against_the_user(coordinator):
    someone = person()
    actions.log_profile_views(coordinator, [someone])
    (entry,) = views_of(someone)
    assert entry.target == someone


def test_volunteer_sees_who_viewed_on_own_page_and_in_export(client, volunteer, coordinator):
    actions.log_profile_views(coordinator, [volunteer], what="phone")
    client.force_login(volunteer)
    html = client.get(reverse("volunteering:mine")).content.decode()
    assert str(coordinator) in html
    export = client.get(reverse("volunteering:export")).json()
    assert export["profile_views"][0]["by"] == str(coordinator)
    assert export["profile_views"][0]["what"] == "phone"


def test_nobody_viewed_message(client, volunteer):
    client.force_login(volunteer)
    html = client.get(reverse("volunteering:mine")).content.decode()
    assert 'id="views-heading"' in html
