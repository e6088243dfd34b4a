import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.volunteering import actions
from dugnad.volunteering.models import (
    Assignment,
    HoursEntry,
    Interest,
    ShiftSignUp,
    VolunteerProfile,
)

from .conftest import make_assignment, make_shift, person

pytestmark = pytest.mark.django_db


def test_index_lists_assignments_and_contacts(client, assignment, volunteer_contact):
    volunteer_contact.unit_roles.update(show_publicly=True)
    html = client.get(reverse("volunteering:index")).content.decode()
    assert assignment.title in html
    assert volunteer_contact.email in html


def test_index_query_count_does_not_grow(
    client, volunteer, moertunet, django_assert_max_num_queries
):
    client.force_login(volunteer)
    make_assignment(unit=moertunet)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("volunteering:index"))
    for n in range(15):
        make_assignment(unit=moertunet, title=f"Oppdrag {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("volunteering:index"))


def test_detail_query_count_for_organiser_does_not_grow(
    client, assignment, leader, django_assert_max_num_queries
):
    client.force_login(leader)
    shift = make_shift(assignment, needed=20)
    first = person()
    actions.express_interest(first, assignment)
    with django_assert_max_num_queries(40) as few:
        assert client.get(assignment.get_absolute_url()).status_code == 200
    for _n in range(8):
        someone = person(phone="900 00 000")
        VolunteerProfile.objects.create(user=someone, interests=["culture"], contactable=True)
        actions.express_interest(someone, assignment)
        actions.sign_up(someone, shift)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(assignment.get_absolute_url())


def test_sign_up_full_shift_shows_message_not_500(client, assignment, volunteer, other_volunteer):
    shift = make_shift(assignment, needed=1)
    actions.sign_up(other_volunteer, shift)
    client.force_login(volunteer)
    response = client.post(reverse("volunteering:sign_up", args=[shift.pk]), follow=True)
    assert response.status_code == 200
    assert "full" in response.content.decode() or "full" in response.content.decode().lower()
    assert not ShiftSignUp.objects.filter(volunteer=volunteer).exists()


def test_interest_and_answer_through_views(client, assignment, volunteer, leader):
    client.force_login(volunteer)
    client.post(reverse("volunteering:interest", args=[assignment.pk]), {"message": "Hei!"})
    interest = Interest.objects.get()
    client.force_login(leader)
    html = client.get(assignment.get_absolute_url()).content.decode()
    assert "Hei!" in html
    client.post(
        reverse("volunteering:answer", args=[interest.pk]),
        {"decision": "accept", "answer": "Velkommen"},
    )
    interest.refresh_from_db()
    assert interest.status == "accepted" and interest.answer == "Velkommen"


@pytest.mark.parametrize(
    ("role", "status"), [("citizen", 403), ("volunteer_contact", 403), ("leader", 302)]
)
def test_add_shift_permission(client, request, assignment, role, status):
    client.force_login(request.getfixturevalue(role))
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = client.post(
        reverse("volunteering:shift_create", args=[assignment.pk]),
        {"date": day, "start": "17:00", "end": "20:00", "needed": "2"},
    )
    assert response.status_code == status
    assert assignment.shifts.count() == (1 if status == 302 else 0)


def test_hours_form_errors_keep_values(client, assignment, volunteer, leader):
    interest = actions.express_interest(volunteer, assignment)
    actions.answer_interest(leader, interest, accept=True)
    client.force_login(volunteer)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("volunteering:mine"),
        {"assignment": assignment.pk, "date": tomorrow, "hours": "3", "note": "Rigg"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Rigg"' in html and 'aria-invalid="true"' in html
    response = client.post(
        reverse("volunteering:mine"), {"assignment": assignment.pk, "date": tomorrow, "hours": "30"}
    )
    assert response.status_code == 200 and not HoursEntry.objects.exists()
    response = client.post(
        reverse("volunteering:mine"), {"assignment": assignment.pk, "date": "tull", "hours": "x"}
    )
    assert response.status_code == 200


def test_profile_form_saves_and_validates(client, volunteer, nordby):
    client.force_login(volunteer)
    response = client.post(
        reverse("volunteering:profile"),
        {"birth_year": "12", "commitment": "both", "wants_to_try": "Korps"},
    )
    assert response.status_code == 200 and 'value="Korps"' in response.content.decode()
    response = client.post(
        reverse("volunteering:profile"),
        {
            "interests": ["tech"],
            "languages": ["uk"],
            "availability": ["weekend"],
            "commitment": "one_off",
            "area": nordby.pk,
            "birth_year": "2001",
            "phone": "40000000",
            "contactable": "on",
            "first_name": "Olga",
            "last_name": "Kovalenko",
        },
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert profile.languages == ["uk"] and profile.birth_year == 2001
    volunteer.refresh_from_db()
    # Stored in international form (core.validators.normalise_phone), with the name given.
    assert volunteer.phone == "+4740000000" and volunteer.get_full_name() == "Olga Kovalenko"


def test_create_assignment_view(client, leader, organisation):
    client.force_login(leader)
    assert client.get(reverse("volunteering:assignment_create")).status_code == 200
    response = client.post(
        reverse("volunteering:assignment_create"), {"organiser": f"o{organisation.pk}"}
    )
    assert response.status_code == 200 and not Assignment.objects.exists()
    response = client.post(
        reverse("volunteering:assignment_create"),
        {
            "organiser": f"o{organisation.pk}",
            "title": "Kulturhack-mentor",
            "description": "Hjelp unge",
            "kind": "one_off",
            "people_needed": "4",
            "topics": ["tech"],
        },
    )
    assignment = Assignment.objects.get()
    assert response.status_code == 302 and assignment.organisation == organisation


def test_create_assignment_without_role_is_403(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("volunteering:assignment_create")).status_code == 403


def test_overview_for_coordinator_and_contact(
    client, coordinator, volunteer_contact, citizen, assignment, unit_assignment, volunteer
):
    actions.express_interest(volunteer, assignment)
    client.force_login(coordinator)
    html = client.get(reverse("volunteering:overview")).content.decode()
    assert assignment.title in html and unit_assignment.title in html
    client.force_login(volunteer_contact)
    html = client.get(reverse("volunteering:overview")).content.decode()
    assert unit_assignment.title in html and assignment.title not in html
    client.force_login(citizen)
    assert client.get(reverse("volunteering:overview")).status_code == 403


def test_phone_shown_to_organiser_on_shift_day(
    client, assignment, volunteer, leader, shift_day_morning
):
    shift = make_shift(assignment, days=0, hour=23, hours=1)
    actions.sign_up(volunteer, shift)
    client.force_login(leader)
    html = client.get(assignment.get_absolute_url()).content.decode()
    assert 'href="tel:91234567"' in html


def test_volunteer_profile_page_permissions(client, volunteer, leader, coordinator, assignment):
    url = reverse("volunteering:volunteer", args=[volunteer.pk])
    client.force_login(leader)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_my_page_query_count_does_not_grow(
    client, assignment, volunteer, leader, django_assert_max_num_queries
):
    interest = actions.express_interest(volunteer, assignment)
    actions.answer_interest(leader, interest, accept=True)
    actions.sign_up(volunteer, make_shift(assignment, days=2))
    make_shift(assignment, days=9)
    client.force_login(volunteer)
    with django_assert_max_num_queries(30) as few:
        assert client.get(reverse("volunteering:mine")).status_code == 200
    for days in (3, 4, 5, 6):
        actions.sign_up(volunteer, make_shift(assignment, days=days))
        actions.log_hours(volunteer, assignment, timezone.localdate(), 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("volunteering:mine")).content.decode()
    assert html.count('name="swap_to"') == 5


def test_swap_with_garbage_is_a_message_not_500(client, assignment, volunteer):
    signup = actions.sign_up(volunteer, make_shift(assignment))
    client.force_login(volunteer)
    response = client.post(reverse("volunteering:drop", args=[signup.pk]), {"swap_to": "x"})
    assert response.status_code == 302 and ShiftSignUp.objects.filter(pk=signup.pk).exists()


@pytest.mark.parametrize(
    ("role", "closed"),
    [("citizen", False), ("volunteer", False), ("leader", True), ("coordinator", True)],
)
def test_close_assignment_permission(client, request, assignment, role, closed):
    client.force_login(request.getfixturevalue(role))
    client.post(reverse("volunteering:close", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert (assignment.status == Assignment.Status.CLOSED) is closed
    html = client.get(reverse("volunteering:index")).content.decode()
    assert (assignment.title in html) is not closed


def test_hours_typed_with_a_comma_or_a_point_are_two_and_a_half(client, volunteer):
    from dugnad.volunteering.forms import HoursForm

    for typed in ("2,5", "2.5", " 2,50 "):
        form = HoursForm({"hours": typed})
        form.is_valid()
        assert form.cleaned_data.get("hours") == 2.5, typed
    form = HoursForm({"hours": "25"})
    assert not form.is_valid() and "hours" in form.errors
