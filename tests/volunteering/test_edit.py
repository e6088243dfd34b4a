"""Editing assignments, editing and deleting shifts: actions, rules and views."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.volunteering import actions
from dugnad.volunteering.models import Shift, ShiftSignUp

from .conftest import make_assignment, make_shift, person

pytestmark = pytest.mark.django_db

ROLES = [
    ("citizen", False),
    ("volunteer", False),
    ("volunteer_contact", False),
    ("leader", True),
    ("coordinator", True),
]


def day(days):
    return timezone.localdate() + dt.timedelta(days=days)


def at(days, hour):
    return timezone.make_aware(dt.datetime.combine(day(days), dt.time(hour)))


# --- Actions ---------------------------------------------------------------------------------


def test_update_assignment_keeps_text_as_typed_and_logs(assignment, leader):
    actions.update_assignment(
        leader, assignment, {"title": "<b>Ny</b> tittel", "people_needed": 5, "organisation": None}
    )
    assignment.refresh_from_db()
    assert assignment.title == "<b>Ny</b> tittel" and assignment.people_needed == 5
    assert assignment.organisation is not None  # not editable


def test_update_assignment_rejects_zero_people(assignment, leader):
    with pytest.raises(DomainError) as error:
        actions.update_assignment(leader, assignment, {"people_needed": 0})
    assert error.value.field in {"people_needed", "__all__"}
    assignment.refresh_from_db()
    assert assignment.people_needed == 2


def test_shift_capacity_cannot_go_below_signed_up(shift, leader, volunteer, other_volunteer):
    actions.sign_up(volunteer, shift)
    actions.sign_up(other_volunteer, shift)
    with pytest.raises(Conflict) as error:
        actions.update_shift(leader, shift, shift.starts_at, shift.ends_at, 1)
    assert error.value.field == "needed"
    shift.refresh_from_db()
    assert shift.needed == 2
    actions.update_shift(leader, shift, shift.starts_at, shift.ends_at, 2)
    actions.update_shift(leader, shift, shift.starts_at, shift.ends_at, 6)
    shift.refresh_from_db()
    assert shift.needed == 6


def test_moving_a_shift_tells_signed_up_volunteers(
    shift, leader, volunteer, django_capture_on_commit_callbacks
):
    actions.sign_up(volunteer, shift)
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_shift(leader, shift, at(5, 10), at(5, 12), shift.needed)
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    shift.refresh_from_db()
    assert shift.starts_at == at(5, 10)


def test_moving_a_shift_into_a_clash_is_refused_naming_the_volunteer(
    assignment, unit_assignment, leader, volunteer, other_volunteer
):
    shift = make_shift(assignment, days=3, hour=17, needed=3)
    elsewhere = make_shift(unit_assignment, days=5, hour=10, hours=2)
    actions.sign_up(volunteer, shift)
    actions.sign_up(other_volunteer, shift)
    actions.sign_up(volunteer, elsewhere)
    mail.outbox.clear()
    with pytest.raises(Conflict) as error:
        actions.update_shift(leader, shift, at(5, 11), at(5, 14), 3)
    assert error.value.code == "clash" and error.value.field == "starts_at"
    assert str(volunteer) in str(error.value.message)
    assert str(other_volunteer) not in str(error.value.message)
    assert unit_assignment.title not in str(error.value.message)  # another organiser's shift
    shift.refresh_from_db()
    assert timezone.localtime(shift.starts_at).hour == 17 and mail.outbox == []
    # Right after the other shift ends is no clash.
    actions.update_shift(leader, shift, at(5, 12), at(5, 14), 3)
    shift.refresh_from_db()
    assert shift.starts_at == at(5, 12)


def test_shift_move_clash_is_shown_on_the_form(client, assignment, moertunet, leader):
    shift = make_shift(assignment, days=3, hour=17)
    elsewhere = make_shift(make_assignment(unit=moertunet), days=6, hour=10)
    someone = person(first_name="Kari", last_name="Nordmann")
    actions.sign_up(someone, shift)
    actions.sign_up(someone, elsewhere)
    client.force_login(leader)
    response = client.post(
        reverse("volunteering:shift_edit", args=[shift.pk]),
        {"date": day(6).isoformat(), "start": "11:00", "end": "12:00", "needed": "2"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Kari Nordmann" in html and 'value="11:00"' in html
    shift.refresh_from_db()
    assert timezone.localtime(shift.starts_at).hour == 17


def test_resizing_a_shift_sends_no_email(shift, leader, volunteer):
    actions.sign_up(volunteer, shift)
    mail.outbox.clear()
    actions.update_shift(leader, shift, shift.starts_at, shift.ends_at, 4)
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("start", "end", "needed", "field"),
    [
        ((5, 12), (5, 10), 2, "ends_at"),
        ((-1, 10), (-1, 12), 2, "starts_at"),
        ((5, 10), (5, 12), 0, "needed"),
    ],
)
def test_update_shift_bad_input(shift, leader, start, end, needed, field):
    with pytest.raises(DomainError) as error:
        actions.update_shift(leader, shift, at(*start), at(*end), needed)
    assert error.value.field == field


def test_delete_shift_tells_signed_up_volunteers(
    assignment, leader, volunteer, other_volunteer, django_capture_on_commit_callbacks
):
    shift = make_shift(assignment, needed=3)
    actions.sign_up(volunteer, shift)
    actions.sign_up(other_volunteer, shift)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.delete_shift(leader, shift) == 2
    assert not Shift.objects.filter(pk=shift.pk).exists() and not ShiftSignUp.objects.exists()
    assert sorted(mail.outbox[0].to) == sorted([volunteer.email, other_volunteer.email])


@pytest.mark.parametrize(("role", "allowed"), ROLES)
def test_edit_permission_matrix_actions(request, assignment, role, allowed):
    user = request.getfixturevalue(role)
    shift = make_shift(assignment)
    calls = [
        lambda: actions.update_assignment(user, assignment, {"title": "Endret"}),
        lambda: actions.update_shift(user, shift, shift.starts_at, shift.ends_at, 4),
        lambda: actions.delete_shift(user, shift),
    ]
    for call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(NotAllowed):
                call()
    assert Shift.objects.filter(pk=shift.pk).exists() is not allowed


# --- Views -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "allowed"), ROLES)
def test_edit_permission_matrix_views(client, request, assignment, role, allowed):
    client.force_login(request.getfixturevalue(role))
    shift = make_shift(assignment)
    expected = 302 if allowed else 403
    response = client.post(
        reverse("volunteering:assignment_edit", args=[assignment.pk]),
        {"title": "Endret", "description": "Ny tekst", "kind": "ongoing", "people_needed": "3"},
    )
    assert response.status_code == expected
    response = client.post(
        reverse("volunteering:shift_edit", args=[shift.pk]),
        {"date": day(6).isoformat(), "start": "10:00", "end": "12:00", "needed": "5"},
    )
    assert response.status_code == expected
    response = client.post(reverse("volunteering:shift_delete", args=[shift.pk]))
    assert response.status_code == 302  # a refusal is shown as a message on the assignment
    assignment.refresh_from_db()
    assert (assignment.title == "Endret") is allowed
    assert Shift.objects.filter(pk=shift.pk).exists() is not allowed


def test_edit_forms_show_current_values(client, assignment, leader):
    shift = make_shift(assignment, hour=17, needed=4)
    client.force_login(leader)
    html = client.get(reverse("volunteering:assignment_edit", args=[assignment.pk])).content
    assert assignment.title in html.decode() and 'name="organiser"' not in html.decode()
    html = client.get(reverse("volunteering:shift_edit", args=[shift.pk])).content.decode()
    assert 'value="17:00"' in html and 'value="4"' in html


def test_shift_edit_below_signed_up_shows_error_next_to_field(client, assignment, leader):
    shift = make_shift(assignment, needed=3)
    for _n in range(2):
        actions.sign_up(person(), shift)
    client.force_login(leader)
    response = client.post(
        reverse("volunteering:shift_edit", args=[shift.pk]),
        {"date": day(3).isoformat(), "start": "17:00", "end": "20:00", "needed": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'aria-invalid="true"' in html and 'value="1"' in html
    shift.refresh_from_db()
    assert shift.needed == 3


def test_assignment_edit_errors_keep_values(client, assignment, leader):
    client.force_login(leader)
    response = client.post(
        reverse("volunteering:assignment_edit", args=[assignment.pk]),
        {"title": "", "description": "Beholdt tekst", "kind": "one_off", "people_needed": "0"},
    )
    assert response.status_code == 200 and "Beholdt tekst" in response.content.decode()
