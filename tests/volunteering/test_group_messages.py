"""Group messages to the volunteers of an assignment or of one shift: one email each, sent
after commit; kept and listed with date, sender and recipient count; only those who chose to
take part get one; only the organisers and coordinators may send."""

import pytest
from django.core import mail
from django.urls import reverse

from dugnad.core.errors import DomainError
from dugnad.core.submit import FIELD, new_token
from dugnad.volunteering import actions, group_messages
from dugnad.volunteering.models import GroupMessage, Interest, VolunteerProfile

from .conftest import make_shift, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(assignment, leader, volunteer, other_volunteer, nordby):
    """Two shifts: the volunteer on the first, the other volunteer accepted (no shift); one
    volunteer waiting for an answer, and one only contactable in the register."""
    first, second = make_shift(assignment, days=3), make_shift(assignment, days=10)
    actions.sign_up(volunteer, first)
    accepted = actions.express_interest(other_volunteer, assignment)
    actions.answer_interest(leader, accepted, True, "")
    waiting = person()
    actions.express_interest(waiting, assignment)
    register_only = person()
    VolunteerProfile.objects.create(user=register_only, area=nordby, contactable=True)
    return {"first": first, "second": second, "waiting": waiting, "register": register_only}


def _url(assignment):
    return reverse("volunteering:group_message", args=[assignment.pk])


def test_message_to_the_assignment_goes_to_who_chose_to_take_part(
    client, leader, assignment, volunteer, other_volunteer, team,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(assignment),
            {"shift": "", "subject": "Oppmøte", "body": "Møt ved inngangen.", FIELD: new_token()},
        )
    assert response.status_code == 302 and response.url.endswith("#messages-heading")
    sent = sorted(address for message in mail.outbox for address in message.to)
    assert sent == sorted([volunteer.email, other_volunteer.email])
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees the others
    assert "Møt ved inngangen." in mail.outbox[0].body
    message = GroupMessage.objects.get()
    assert (message.recipient_count, message.sender, message.shift) == (2, leader, None)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert "Oppmøte" in page and str(leader) in page
    assert team["waiting"].email not in sent and team["register"].email not in sent


def test_message_to_one_shift(
    assignment, leader, volunteer, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = group_messages.send_group_message(
            leader, assignment, "Endret tid", "Vi starter 17:30.", shift=team["first"]
        )
    assert message.recipient_count == 1 and [m.to for m in mail.outbox] == [[volunteer.email]]
    with pytest.raises(DomainError):
        group_messages.send_group_message(leader, assignment, "Tom", "Ingen", shift=team["second"])


def test_declined_and_closed_accounts_get_nothing(assignment, leader, volunteer, team):
    volunteer.is_active = False
    volunteer.save()
    assert volunteer not in group_messages.recipients(assignment)
    Interest.objects.filter(assignment=assignment).update(status=Interest.Status.DECLINED)
    assert list(group_messages.recipients(assignment)) == []


def test_bad_input_keeps_what_was_typed(client, leader, assignment, team):
    client.force_login(leader)
    response = client.post(
        _url(assignment), {"subject": "", "body": "x" * 6000, FIELD: new_token()}
    )
    assert response.status_code == 400
    assert {"subject", "body"} <= set(response.context["form"].errors)
    assert "x" * 100 in response.content.decode()
    assert not GroupMessage.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("volunteer", False), ("other_volunteer", False), ("leader", True), ("coordinator", True)],
)
def test_permission_matrix_for_group_messages(request, client, assignment, team, role, allowed):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url(assignment)).status_code == (200 if allowed else 403)
    response = client.post(_url(assignment), {"subject": "Hei", "body": "Hei alle"})
    assert response.status_code == (302 if allowed else 403)
    assert GroupMessage.objects.exists() is allowed


def test_message_page_query_count(client, leader, assignment, team, django_assert_max_num_queries):
    client.force_login(leader)
    for n in range(3):
        group_messages.send_group_message(leader, assignment, f"Melding {n}", "Tekst")
    with django_assert_max_num_queries(15):
        assert client.get(_url(assignment)).status_code == 200


def test_a_shifts_link_opens_the_form_for_that_shift(client, leader, assignment, team):
    client.force_login(leader)
    page = client.get(assignment.get_absolute_url()).content.decode()
    link = f"{_url(assignment)}?vakt={team['first'].pk}"
    assert link in page
    response = client.get(link)
    assert response.context["chosen"] == team["first"]
    assert response.context["recipient_count"] == 1
    assert response.context["form"]["shift"].value() == str(team["first"].pk)
