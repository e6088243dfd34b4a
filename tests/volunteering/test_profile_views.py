"""Staff views of a volunteer's personal data are in the access log, and the volunteer sees
them (the log itself: tests/core/test_privacy.py)."""

import pytest
from django.urls import reverse

from dugnad.core.models import PersonalDataAccess
from dugnad.volunteering import actions

from .conftest import make_shift, person

pytestmark = pytest.mark.django_db


def views_of(volunteer):
    return list(PersonalDataAccess.objects.filter(person=volunteer))


@pytest.mark.parametrize("role", ["coordinator", "leader"])
def test_opening_a_profile_is_logged(client, request, role, volunteer, assignment):
    actions.express_interest(volunteer, assignment)
    viewer = request.getfixturevalue(role)
    client.force_login(viewer)
    assert client.get(reverse("volunteering:volunteer", args=[volunteer.pk])).status_code == 200
    (entry,) = views_of(volunteer)
    assert entry.viewer == viewer and entry.viewer_label == str(viewer)
    assert entry.view_name == "volunteering:volunteer" and entry.description == ""


def test_volunteer_contact_view_is_logged(client, volunteer_contact, unit_assignment, volunteer):
    actions.express_interest(volunteer, unit_assignment)
    client.force_login(volunteer_contact)
    assert client.get(reverse("volunteering:volunteer", args=[volunteer.pk])).status_code == 200
    assert [e.viewer for e in views_of(volunteer)] == [volunteer_contact]


def test_refused_and_own_views_are_not_logged(client, volunteer, citizen):
    client.force_login(citizen)
    assert client.get(reverse("volunteering:volunteer", args=[volunteer.pk])).status_code == 403
    client.force_login(volunteer)
    assert client.get(reverse("volunteering:volunteer", args=[volunteer.pk])).status_code == 200
    assert views_of(volunteer) == []


def test_phone_shown_on_shift_day_is_logged_once_per_volunteer(
    client, assignment, volunteer, leader, shift_day_morning
):
    actions.sign_up(volunteer, make_shift(assignment, days=0, hour=23, hours=1))
    # Someone without a phone number: nothing of theirs is shown, so nothing is logged.
    actions.sign_up(person(phone=""), make_shift(assignment, days=0, hour=23, hours=1, needed=3))
    client.force_login(leader)
    client.get(assignment.get_absolute_url())
    (entry,) = PersonalDataAccess.objects.all()
    assert entry.person == volunteer and entry.viewer == leader
    assert entry.view_name == "volunteering:assignment" and assignment.title in entry.what


def test_phone_not_shown_for_later_shifts_is_not_logged(client, assignment, volunteer, leader):
    actions.sign_up(volunteer, make_shift(assignment, days=3))
    client.force_login(leader)
    client.get(assignment.get_absolute_url())
    assert views_of(volunteer) == []


def test_public_view_of_an_assignment_is_not_logged(
    client, assignment, volunteer, citizen, shift_day_morning
):
    actions.sign_up(volunteer, make_shift(assignment, days=0, hour=23, hours=1))
    client.force_login(citizen)
    assert client.get(assignment.get_absolute_url()).status_code == 200
    assert not PersonalDataAccess.objects.exists()


def test_volunteer_sees_who_viewed_on_own_page(client, volunteer, coordinator, assignment):
    actions.express_interest(volunteer, assignment)
    client.force_login(coordinator)
    client.get(reverse("volunteering:volunteer", args=[volunteer.pk]))
    client.force_login(volunteer)
    html = client.get(reverse("volunteering:mine")).content.decode()
    assert str(coordinator) in html


def test_nobody_viewed_message(client, volunteer):
    client.force_login(volunteer)
    html = client.get(reverse("volunteering:mine")).content.decode()
    assert 'id="views-heading"' in html
