import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.volunteering import actions, privacy
from dugnad.volunteering.models import (
    HoursEntry,
    Interest,
    PoliceCertificateRecord,
    ShiftSignUp,
    VolunteerProfile,
)

from .conftest import make_shift, person

pytestmark = pytest.mark.django_db


def test_interest_notifies_organiser_and_is_logged(
    assignment, volunteer, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interest = actions.express_interest(volunteer, assignment, "Jeg kan <b>kaffe</b>")
    assert interest.status == Interest.Status.PENDING
    assert interest.message == "Jeg kan <b>kaffe</b>"  # as typed; escaped on output
    assert ActivityLog.objects.filter(event="volunteering.interest").exists()
    assert mail.outbox[-1].to == [leader.email]


def test_no_mail_from_a_rolled_back_interest(
    assignment, volunteer, other_volunteer, leader, django_capture_on_commit_callbacks
):
    """The email waits for the commit: when the transaction around the action rolls back, the
    interest, its log entry and its email are all gone."""
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            actions.express_interest(volunteer, assignment, "Jeg kan bake")
            raise RuntimeError("a later step in the same transaction failed")
        actions.express_interest(other_volunteer, assignment, "Jeg kan rydde")
    assert list(Interest.objects.values_list("volunteer", flat=True)) == [other_volunteer.pk]
    assert ActivityLog.objects.filter(event="volunteering.interest").count() == 1
    assert [m.to for m in mail.outbox] == [[leader.email]]
    assert "Jeg kan rydde" in mail.outbox[0].body and "bake" not in mail.outbox[0].body


def test_interest_twice_is_a_conflict(assignment, volunteer):
    actions.express_interest(volunteer, assignment)
    with pytest.raises(Conflict):
        actions.express_interest(volunteer, assignment)
    assert Interest.objects.count() == 1


def test_interest_below_minimum_age_is_refused(unit_assignment, db):
    young = person()
    VolunteerProfile.objects.create(user=young, birth_year=timezone.localdate().year - 15)
    with pytest.raises(DomainError) as error:
        actions.express_interest(young, unit_assignment)
    assert error.value.code == "too_young"


def test_accept_interest_tells_volunteer(
    assignment, volunteer, leader, django_capture_on_commit_callbacks
):
    interest = actions.express_interest(volunteer, assignment)
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer_interest(leader, interest, accept=True, answer="Velkommen!")
    interest.refresh_from_db()
    assert interest.status == Interest.Status.ACCEPTED
    assert interest.answered_by == leader
    assert mail.outbox[-1].to == [volunteer.email]
    assert "Velkommen!" in mail.outbox[-1].body


def test_answer_twice_is_refused(assignment, volunteer, leader):
    interest = actions.express_interest(volunteer, assignment)
    actions.answer_interest(leader, interest, accept=False)
    with pytest.raises(NotAllowed):
        actions.answer_interest(leader, interest, accept=True)


def test_stranger_cannot_answer(assignment, volunteer, citizen):
    interest = actions.express_interest(volunteer, assignment)
    with pytest.raises(NotAllowed):
        actions.answer_interest(citizen, interest, accept=True)


def test_sign_up_and_full_shift(
    assignment, volunteer, other_volunteer, leader, django_capture_on_commit_callbacks
):
    shift = make_shift(assignment, needed=1)
    with django_capture_on_commit_callbacks(execute=True):
        actions.sign_up(volunteer, shift)
    with pytest.raises(Conflict) as error:
        actions.sign_up(other_volunteer, shift)
    assert error.value.code == "full"
    assert shift.signups.count() == 1
    assert mail.outbox[-1].to == [leader.email]


def test_sign_up_twice_is_refused(shift, volunteer):
    actions.sign_up(volunteer, shift)
    with pytest.raises(Conflict) as error:
        actions.sign_up(volunteer, shift)
    assert error.value.code == "duplicate"


def test_clashing_shift_is_refused(assignment, unit_assignment, volunteer):
    first = make_shift(assignment, hour=17, hours=3)
    overlapping = make_shift(unit_assignment, hour=19, hours=2)
    after = make_shift(unit_assignment, hour=20, hours=2)
    actions.sign_up(volunteer, first)
    with pytest.raises(Conflict) as error:
        actions.sign_up(volunteer, overlapping)
    assert error.value.code == "clash"
    actions.sign_up(volunteer, after)  # starts when the first ends: no clash


def test_minimum_age_needs_a_birth_year(unit_assignment, db):
    unknown_age = person()
    with pytest.raises(DomainError) as error:
        actions.sign_up(unknown_age, make_shift(unit_assignment))
    assert error.value.code == "age_unknown"


def test_certificate_required_then_recorded(assignment, volunteer, leader):
    assignment.requires_police_certificate = True
    assignment.save()
    shift = make_shift(assignment)
    with pytest.raises(DomainError) as error:
        actions.sign_up(volunteer, shift)
    assert error.value.code == "certificate_required"
    actions.express_interest(volunteer, assignment)
    record = actions.record_certificate(leader, assignment, volunteer, "Vert", timezone.localdate())
    assert record.expires_on > record.shown_on
    actions.sign_up(volunteer, shift)


def test_expired_certificate_does_not_count(assignment, volunteer, leader, settings):
    settings.VOLUNTEERING_CERTIFICATE_VALID_DAYS = 2
    assignment.requires_police_certificate = True
    assignment.save()
    actions.express_interest(volunteer, assignment)
    actions.record_certificate(leader, assignment, volunteer, "Vert", timezone.localdate())
    with pytest.raises(DomainError):
        actions.sign_up(volunteer, make_shift(assignment, days=5))


def test_certificate_only_for_engaged_volunteers_and_not_future(assignment, volunteer, leader):
    with pytest.raises(DomainError):
        actions.record_certificate(leader, assignment, volunteer, "Vert", timezone.localdate())
    actions.express_interest(volunteer, assignment)
    with pytest.raises(DomainError) as error:
        actions.record_certificate(
            leader, assignment, volunteer, "Vert", timezone.localdate() + dt.timedelta(days=1)
        )
    assert error.value.field == "shown_on"
    assert not PoliceCertificateRecord.objects.exists()


def test_drop_before_deadline_tells_organiser(
    shift, volunteer, leader, django_capture_on_commit_callbacks
):
    signup = actions.sign_up(volunteer, shift)
    with django_capture_on_commit_callbacks(execute=True):
        actions.drop_shift(volunteer, signup)
    assert not ShiftSignUp.objects.exists()
    assert mail.outbox[-1].to == [leader.email]


def test_drop_after_deadline_is_refused(assignment, volunteer):
    shift = make_shift(assignment, days=1)
    signup = actions.sign_up(volunteer, shift)
    with time_machine.travel(shift.starts_at - dt.timedelta(hours=2)), pytest.raises(NotAllowed):
        actions.drop_shift(volunteer, signup)
    assert ShiftSignUp.objects.count() == 1


def test_swap_keeps_old_shift_when_new_is_full(assignment, volunteer, other_volunteer):
    first = make_shift(assignment, days=3)
    full = make_shift(assignment, days=4, needed=1)
    actions.sign_up(other_volunteer, full)
    signup = actions.sign_up(volunteer, first)
    with pytest.raises(Conflict):
        actions.swap_shift(volunteer, signup, full)
    assert ShiftSignUp.objects.filter(volunteer=volunteer, shift=first).exists()
    free = make_shift(assignment, days=5)
    actions.swap_shift(volunteer, ShiftSignUp.objects.get(volunteer=volunteer), free)
    assert list(
        ShiftSignUp.objects.filter(volunteer=volunteer).values_list("shift", flat=True)
    ) == [free.pk]


def test_shift_across_dst_change_keeps_local_times(assignment, leader):
    # Last Sunday of October 2027: clocks go back at 03:00 in Oslo.
    tz = timezone.get_current_timezone()
    with time_machine.travel(dt.datetime(2027, 10, 1, tzinfo=dt.UTC)):
        start = timezone.make_aware(dt.datetime(2027, 10, 31, 1, 0), tz)
        end = timezone.make_aware(dt.datetime(2027, 10, 31, 5, 0), tz)
        shift = actions.add_shift(leader, assignment, start, end, 2)
    shift.refresh_from_db()
    # 01:00 to 05:00 local on the night the clocks go back is five real hours.
    assert (shift.ends_at - shift.starts_at) == dt.timedelta(hours=5)
    assert timezone.localtime(shift.ends_at).hour == 5


def test_add_shift_rejects_bad_times(assignment, leader, citizen):
    now = timezone.now()
    with pytest.raises(DomainError):
        actions.add_shift(
            leader, assignment, now + dt.timedelta(hours=3), now + dt.timedelta(hours=2), 1
        )
    with pytest.raises(DomainError):
        actions.add_shift(leader, assignment, now - dt.timedelta(hours=3), now, 1)
    with pytest.raises(NotAllowed):
        actions.add_shift(
            citizen, assignment, now + dt.timedelta(hours=1), now + dt.timedelta(hours=2), 1
        )


def test_hours_logged_and_approved(assignment, volunteer, leader):
    interest = actions.express_interest(volunteer, assignment)
    actions.answer_interest(leader, interest, accept=True)
    entry = actions.log_hours(volunteer, assignment, timezone.localdate(), 150)
    assert entry.status == HoursEntry.Status.PENDING
    actions.decide_hours(leader, entry, approve=True)
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.APPROVED


def test_hours_bad_input(assignment, volunteer, leader, citizen):
    with pytest.raises(NotAllowed):
        actions.log_hours(citizen, assignment, timezone.localdate(), 60)
    interest = actions.express_interest(volunteer, assignment)
    actions.answer_interest(leader, interest, accept=True)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as error:
        actions.log_hours(volunteer, assignment, tomorrow, 60)
    assert error.value.field == "date"
    with pytest.raises(DomainError):
        actions.log_hours(volunteer, assignment, timezone.localdate(), 25 * 60)
    actions.log_hours(volunteer, assignment, timezone.localdate(), 20 * 60)
    with pytest.raises(DomainError) as error:
        actions.log_hours(volunteer, assignment, timezone.localdate(), 5 * 60)
    assert error.value.field == "minutes"
    assert HoursEntry.objects.count() == 1


def test_own_hours_cannot_be_approved_by_self(assignment, leader):
    interest = actions.express_interest(leader, assignment)
    actions.answer_interest(leader, interest, accept=True)
    entry = actions.log_hours(leader, assignment, timezone.localdate(), 60)
    with pytest.raises(NotAllowed):
        actions.decide_hours(leader, entry, approve=True)


def test_export_and_delete_keep_anonymous_hours(assignment, volunteer, leader, shift):
    interest = actions.express_interest(volunteer, assignment, "Hei")
    actions.answer_interest(leader, interest, accept=True)
    actions.sign_up(volunteer, shift)
    actions.log_hours(volunteer, assignment, timezone.localdate(), 90, note="Rigging")
    data = privacy.export(volunteer)
    assert data["profile"]["languages"] == ["nb", "ar"]
    assert data["interests"][0]["message"] == "Hei"
    assert len(data["shifts"]) == 1 and data["hours"][0]["minutes"] == 90

    (kept,) = privacy.erase(volunteer)
    with translation.override("en"):
        assert (
            str(kept.what) == "The hours you gave: date, assignment and length, without your name"
        )
    assert not VolunteerProfile.objects.filter(user=volunteer).exists()
    assert not Interest.objects.exists() and not ShiftSignUp.objects.exists()
    entry = HoursEntry.objects.get()
    assert entry.volunteer is None and entry.minutes == 90 and entry.note == ""
    assert privacy.export(volunteer) == {
        "profile": None,
        "interests": [],
        "shifts": [],
        "hours": [],
        "police_certificates": [],
    }


def test_confidentiality_signed_once(volunteer):
    first = actions.sign_confidentiality(volunteer).confidentiality_signed_at
    assert first is not None
    assert actions.sign_confidentiality(volunteer).confidentiality_signed_at == first


def test_create_assignment_for_unit_needs_unit_role(moertunet, volunteer_contact, leader):
    data = {"title": "Kulturvert", "description": "Vert på konsert.", "people_needed": 3}
    assignment = actions.create_assignment(volunteer_contact, moertunet, data)
    assert assignment.unit == moertunet and assignment.organisation is None
    with pytest.raises(NotAllowed):
        actions.create_assignment(leader, moertunet, data)


def test_hours_totals_for_the_annual_report(
    assignment, unit_assignment, volunteer, leader, volunteer_contact, settings, municipality
):
    from dugnad.volunteering.queries import hours_totals

    settings.VOLUNTEERING_HOURLY_VALUE_ORE = 60_000
    for target, organiser in ((assignment, leader), (unit_assignment, volunteer_contact)):
        interest = actions.express_interest(volunteer, target)
        actions.answer_interest(organiser, interest, accept=True)
        entry = actions.log_hours(volunteer, target, timezone.localdate(), 90)
        actions.decide_hours(organiser, entry, approve=True)
    actions.log_hours(volunteer, assignment, timezone.localdate(), 60)  # pending: not counted
    year = timezone.localdate().year
    assert hours_totals(year, municipality, by="year") == [
        {"key": year, "hours": 3.0, "value_ore": 180_000}
    ]
    by_unit = {row["key"]: row["hours"] for row in hours_totals(year, municipality, by="unit")}
    assert by_unit == {None: 1.5, "Moertunet demenssenter": 1.5}
    assert hours_totals(year, municipality, by="person")[0]["key"] == volunteer.pk
