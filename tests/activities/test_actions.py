from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dugnad.activities import actions
from dugnad.activities.models import Event, Occurrence, OrganiserPolicy, SignUp
from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from tests.factories import OrganisationFactory, UserFactory


def _sign_up(occurrence, user=None, **kwargs):
    kwargs.setdefault("participant_name", "Ola Nordmann")
    return actions.sign_up(user or UserFactory(), occurrence, **kwargs)


def test_create_event_materialises_occurrences(make_event):
    event = make_event(
        rule="FREQ=WEEKLY;COUNT=5", description="<p>Hei</p><script>alert(1)</script>"
    )
    assert event.status == Event.Status.PUBLISHED
    assert event.occurrences.count() == 5
    assert "<script>" not in event.description
    assert ActivityLog.objects.filter(event="event.created").exists()


def test_bad_recurrence_saves_nothing(make_event):
    with pytest.raises(DomainError):
        make_event(rule="FREQ=DAILY;COUNT=5000")
    assert not Event.objects.exists() and not Occurrence.objects.exists()


def test_organisation_that_requires_approval_waits(make_event, organisation, coordinator):
    actions.set_requires_approval(coordinator, organisation, True, "Nye i kalenderen")
    event = make_event()
    assert event.status == Event.Status.PENDING
    actions.approve_event(coordinator, event)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED and event.sequence == 1
    assert OrganiserPolicy.objects.get(organisation=organisation).requires_approval


def test_unpublish_needs_a_reason(make_event, coordinator, django_capture_on_commit_callbacks):
    event = make_event(contact_email="kontakt@test.example")
    with pytest.raises(DomainError):
        actions.unpublish_event(coordinator, event, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        actions.unpublish_event(coordinator, event, "Feil dato")
    event.refresh_from_db()
    assert event.status == Event.Status.UNPUBLISHED and event.status_reason == "Feil dato"
    assert any("kontakt@test.example" in m.to for m in mail.outbox)


def test_sign_up_fills_places_then_waiting_list_then_refuses(event_with_signup):
    occurrence = event_with_signup.occurrences.get()
    first, second = _sign_up(occurrence), _sign_up(occurrence)
    third = _sign_up(occurrence)
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waiting"]
    with pytest.raises(Conflict) as error:
        _sign_up(occurrence)
    assert error.value.code == "full"
    assert SignUp.objects.count() == 3


def test_confirmation_email_has_ics_and_cancel_link(
    event_with_signup, django_capture_on_commit_callbacks
):
    occurrence = event_with_signup.occurrences.get()
    with django_capture_on_commit_callbacks(execute=True):
        signup = _sign_up(occurrence, email="ola@test.example")
    message = mail.outbox[-1]
    assert message.to == ["ola@test.example"]
    assert signup.cancel_token in message.body
    _filename, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in content


def test_cancellation_promotes_first_on_waiting_list(
    event_with_signup, django_capture_on_commit_callbacks
):
    occurrence = event_with_signup.occurrences.get()
    first = _sign_up(occurrence)
    _sign_up(occurrence)
    waiting = _sign_up(occurrence, email="venter@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_signup(None, first, token=first.cancel_token)
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED and waiting.promoted_at
    assert mail.outbox[0].to == ["venter@test.example"]
    assert occurrence.signups.filter(status="confirmed").count() == 2


def test_cancel_with_wrong_token_is_refused(event_with_signup):
    signup = _sign_up(event_with_signup.occurrences.get())
    with pytest.raises(NotAllowed):
        actions.cancel_signup(UserFactory(), signup, token="wrong")


def test_raising_capacity_promotes_and_lowering_below_signups_is_refused(event_with_signup, leader):
    occurrence = event_with_signup.occurrences.get()
    for _ in range(3):
        _sign_up(occurrence)
    with pytest.raises(Conflict) as error:
        actions.update_event(leader, event_with_signup, {"signup_enabled": True, "capacity": 1})
    assert error.value.code == "capacity_below_signups"
    actions.update_event(
        leader, Event.objects.get(pk=event_with_signup.pk), {"signup_enabled": True, "capacity": 3}
    )
    assert occurrence.signups.filter(status="confirmed").count() == 3


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"participant_age": 9, "for_self": True}, "guardian_required"),
        ({"participant_age": 5, "for_self": False}, "too_young"),
        ({"participant_age": 40, "for_self": True}, "too_old"),
        ({}, "age_required"),
        ({"participant_name": "  "}, "name_required"),
    ],
)
def test_age_rules(make_event, kwargs, code):
    occurrence = make_event(capacity=5, min_age=8, max_age=30).occurrences.get()
    kwargs.setdefault("participant_name", "Kari")
    with pytest.raises(DomainError) as error:
        actions.sign_up(UserFactory(), occurrence, **kwargs)
    assert error.value.code == code
    assert not SignUp.objects.exists()


def test_guardian_signs_up_a_child(make_event):
    occurrence = make_event(capacity=5, min_age=8, max_age=30).occurrences.get()
    signup = actions.sign_up(
        UserFactory(), occurrence, participant_name="Lille Per", participant_age=9, for_self=False
    )
    assert signup.status == "confirmed"


def test_sign_up_after_closing_is_refused(make_event):
    occurrence = make_event(
        capacity=5, signup_closes_at=timezone.now() - timedelta(hours=1)
    ).occurrences.get()
    with pytest.raises(NotAllowed):
        _sign_up(occurrence)


def test_cancelled_occurrence_refuses_sign_up_and_tells_participants(
    event_with_signup, leader, django_capture_on_commit_callbacks
):
    occurrence = event_with_signup.occurrences.get()
    _sign_up(occurrence, email="deltaker@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_occurrence(leader, occurrence, "Sykdom")
    occurrence.refresh_from_db()
    assert occurrence.is_cancelled and occurrence.sequence == 1
    assert mail.outbox[0].to == ["deltaker@test.example"]
    with pytest.raises(NotAllowed):
        _sign_up(occurrence)
    with pytest.raises(Conflict):
        actions.cancel_occurrence(leader, occurrence)


def test_move_one_occurrence_leaves_the_rest(make_event, leader):
    event = make_event(rule="FREQ=WEEKLY;COUNT=3")
    _first, second, third = event.occurrences.order_by("start")
    new_start = second.start + timedelta(days=1)
    actions.move_occurrence(leader, second, new_start, new_start + timedelta(hours=1))
    second.refresh_from_db()
    assert second.is_moved and second.start == new_start
    assert Occurrence.objects.get(pk=third.pk).start == third.start
    with pytest.raises(DomainError):
        actions.move_occurrence(leader, second, new_start, new_start - timedelta(hours=1))


def test_this_and_following_across_dst(organisation, leader, age_groups):
    from datetime import date

    schedule = actions.Schedule(
        first_day=date(2030, 3, 18),
        start_time=time(18),
        end_time=time(19),
        rule="FREQ=WEEKLY;COUNT=4",
    )
    event = actions.create_event(leader, organisation, {"title": "Kor"}, schedule)
    occurrences = list(event.occurrences.order_by("start"))
    count = actions.reschedule_following(leader, occurrences[1], time(19, 30), time(21))
    assert count == 3
    local = [timezone.localtime(o.start) for o in event.occurrences.order_by("start")]
    assert [(t.hour, t.minute) for t in local] == [(18, 0), (19, 30), (19, 30), (19, 30)]
    # 2030-03-31 is after the spring change; the wall-clock time is still 19:30.
    assert local[2].date() == date(2030, 4, 1) and local[2].utcoffset() == timedelta(hours=2)


def test_reminders_go_once(event_with_signup, django_capture_on_commit_callbacks):
    occurrence = event_with_signup.occurrences.get()
    _sign_up(occurrence, email="minne@test.example")
    now = occurrence.start - timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_reminders(now) == 1
        assert actions.send_reminders(now) == 0
    assert [m.to for m in mail.outbox] == [["minne@test.example"]]


def test_anonymise_after_retention(event_with_signup):
    occurrence = event_with_signup.occurrences.get()
    question = event_with_signup.signup_questions.create(label="Allergier")
    signup = _sign_up(occurrence, email="gammel@test.example", answers={question.pk: "nøtter"})
    assert signup.answers.get().value == "nøtter"
    assert actions.anonymise_participants(30, now=occurrence.end + timedelta(days=10)) == 0
    assert actions.anonymise_participants(30, now=occurrence.end + timedelta(days=31)) == 1
    signup.refresh_from_db()
    assert signup.email == "" and signup.anonymised_at
    assert not signup.answers.exists()


def test_mark_attendance(event_with_signup, leader):
    signup = _sign_up(event_with_signup.occurrences.get())
    actions.mark_attendance(leader, signup, True)
    signup.refresh_from_db()
    assert signup.attended is True
    with pytest.raises(NotAllowed):
        actions.mark_attendance(UserFactory(), signup, False)


def test_image_needs_alt_text(make_event):
    with pytest.raises(DomainError) as error:
        make_event(image="events/x.png", image_alt="")
    assert error.value.code == "image_alt_required"


def test_unit_event(culture_school, school_editor, age_groups):
    schedule = actions.Schedule(
        first_day=timezone.localdate() + timedelta(days=3), start_time=time(18), end_time=time(19)
    )
    event = actions.create_event(school_editor, culture_school, {"title": "Konsert"}, schedule)
    assert event.unit == culture_school and event.status == Event.Status.PUBLISHED


def test_pending_organisation_cannot_publish(municipality, age_groups):
    from dugnad.organisations.models import Organisation, OrganisationRole
    from tests.factories import OrganisationRoleFactory

    org = OrganisationFactory(municipality=municipality, status=Organisation.Status.PENDING)
    user = OrganisationRoleFactory(organisation=org, role=OrganisationRole.Role.LEADER).user
    schedule = actions.Schedule(
        first_day=timezone.localdate(), start_time=time(18), end_time=time(19)
    )
    with pytest.raises(NotAllowed):
        actions.create_event(user, org, {"title": "X"}, schedule)
