"""From nomination to place, with frozen time: nominate, complete, consent, audition, score,
decide, accept or decline, the waiting list; and every failure path the issue names."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from dugnad.core.access import forget_access
from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.core.models import ActivityLog, Municipality
from dugnad.talent import actions
from dugnad.talent.models import AuditionSlot, Nomination, Score

from .conftest import NOW, completed, nomination_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_teacher_nominates_and_the_guardian_completes(
    time, call, teacher, guardian, pupil, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nomination = actions.nominate(teacher, call, nomination_data(call))
    assert nomination.subregion.name == "Follo"
    assert {a for m in mailoutbox for a in m.to} == {"elev@test.example", "forelder@test.example"}
    assert "/talent/nominasjon/" in mailoutbox[0].body

    upload = SimpleUploadedFile("opptak.pdf", PDF, content_type="application/pdf")
    actions.save_application(
        pupil,
        nomination,
        repertoire="Bach: Partita nr. 2",
        answers={"motivasjon": "Musikk"},
        uploads_=[upload],
    )
    nomination.refresh_from_db()
    assert nomination.pupil_user == pupil and nomination.files.count() == 1
    # A pupil under 18 cannot send without the guardian's consent, and cannot give it.
    with pytest.raises(DomainError, match="guardian must give consent"):
        actions.submit_application(pupil, nomination)
    with pytest.raises(NotAllowed):
        actions.give_consent(pupil, nomination)
    actions.give_consent(guardian, nomination)
    actions.submit_application(pupil, nomination)
    nomination.refresh_from_db()
    assert nomination.submitted_at == NOW
    # A second send is refused with the reason, and changes nothing.
    with pytest.raises(NotAllowed, match="already completed"):
        actions.submit_application(pupil, nomination)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"home_municipality": "0301"}, "home_municipality", "not a member"),
        ({"birth_date": dt.date(2016, 1, 1)}, "birth_date", "aged 14 to 19"),
        ({"birth_date": dt.date(2004, 1, 1)}, "birth_date", "aged 14 to 19"),
        ({"guardian_email": ""}, "guardian_email", "under 18"),
    ],
)
def test_bad_nominations_are_refused_with_the_field(time, call, teacher, overrides, field, message):
    if "home_municipality" in overrides:
        overrides["home_municipality"] = Municipality.objects.get(
            number=overrides["home_municipality"]
        )
    with pytest.raises(DomainError, match=message) as error:
        actions.nominate(teacher, call, nomination_data(call, **overrides))
    assert error.value.field == field
    assert not Nomination.objects.exists()


def test_after_the_deadline_and_by_a_stranger(time, call, teacher, pupil):
    with pytest.raises(NotAllowed, match="Only a teacher"):
        actions.nominate(pupil, call, nomination_data(call))
    with pytest.raises(NotAllowed, match="deadline passed"):
        actions.nominate(teacher, call, nomination_data(call), now=call.nomination_deadline)
    nomination = actions.nominate(teacher, call, nomination_data(call))
    with pytest.raises(Conflict, match="already nominated"):
        actions.nominate(teacher, call, nomination_data(call))
    with pytest.raises(NotAllowed, match="deadline passed"):
        actions.save_application(
            pupil, nomination, repertoire="x", answers={}, now=call.completion_deadline
        )


def test_a_wrong_file_is_refused(time, call, teacher, pupil):
    nomination = actions.nominate(teacher, call, nomination_data(call))
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError, match="file type") as error:
        actions.save_application(pupil, nomination, repertoire="x", answers={}, uploads_=[fake])
    assert error.value.field == "files"


def test_panel_scores_and_conflicts(time, call, teacher, guardian, panelist):
    nomination = completed(call, teacher, guardian)
    actions.save_scores(panelist, nomination, {"Teknikk": 4, "Musikalitet": 5})
    with pytest.raises(DomainError, match="1 to 5"):
        actions.save_scores(panelist, nomination, {"Teknikk": 9})
    with pytest.raises(DomainError, match="Unknown criterion"):
        actions.save_scores(panelist, nomination, {"Intonasjon": 3})
    actions.declare_conflict(panelist, nomination, "Min nabo")
    assert not Score.objects.filter(member=panelist).exists()
    with pytest.raises(NotAllowed, match="conflict of interest"):
        actions.save_scores(panelist, nomination, {"Teknikk": 4})
    # A teacher on the panel never scores their own pupil.
    from dugnad.talent.models import PanelMember

    PanelMember.objects.create(call=call, user=teacher)
    forget_access(teacher)
    with pytest.raises(NotAllowed, match="conflict of interest"):
        actions.save_scores(teacher, nomination, {"Teknikk": 4})


def test_slots_are_booked_once(time, call, teacher, guardian, admin, violin):
    first = completed(call, teacher, guardian, name="A")
    second = completed(call, teacher, guardian, name="B")
    (slot, other) = actions.create_slots(
        admin,
        call,
        discipline=violin,
        place="Ås kulturhus",
        starts_at=NOW + dt.timedelta(days=50),
        count=2,
        minutes=20,
    )
    actions.book_slot(guardian, first, slot)
    with pytest.raises(Conflict, match="just taken"):
        actions.book_slot(guardian, second, slot)
    actions.book_slot(admin, first, other)  # assigned by the administration: moves the booking
    assert AuditionSlot.objects.get(pk=slot.pk).nomination is None
    with pytest.raises(NotAllowed):
        actions.create_slots(
            teacher, call, discipline=violin, place="x", starts_at=NOW, count=1, minutes=20
        )


def test_decisions_offers_and_the_waiting_list(
    time, call, teacher, guardian, admin, mailoutbox, django_capture_on_commit_callbacks
):
    a, b, c = (completed(call, teacher, guardian, name=n) for n in ("A", "B", "C"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide(admin, a, "admitted")
    recipients = {r for m in mailoutbox for r in m.to}
    assert recipients == {"elev@test.example", "forelder@test.example", teacher.email}
    actions.decide(admin, b, "admitted")
    # Two places: the third cannot be admitted, only put on the waiting list.
    with pytest.raises(Conflict, match="places are taken"):
        actions.decide(admin, c, "admitted")
    actions.decide(admin, c, "waiting")
    c.refresh_from_db()
    assert c.waiting_position == 1
    a.refresh_from_db()
    assert a.offer == "offered" and a.offer_deadline == NOW + dt.timedelta(days=14)

    actions.answer_offer(guardian, a, accept=True)
    b.refresh_from_db()
    actions.answer_offer(guardian, b, accept=False)
    c.refresh_from_db()
    assert (c.outcome, c.offer) == ("admitted", "offered")
    assert ActivityLog.objects.filter(event="talent.offered_from_waiting_list").count() == 1
    # An offer past its deadline cannot be accepted; expiry frees the place.
    with pytest.raises(NotAllowed, match="deadline passed"):
        actions.answer_offer(guardian, c, accept=True, now=c.offer_deadline)
    # The scheduled command finds the call with the lapsed offer and lets it expire.
    out = io.StringIO()
    with time_machine.travel(c.offer_deadline + dt.timedelta(minutes=1), tick=False):
        call_command("send_talent_offer_expiries", stdout=out)
    assert "1 expired offer(s)" in out.getvalue()
    c.refresh_from_db()
    assert c.offer == "expired"
    with time_machine.travel(c.offer_deadline + dt.timedelta(minutes=2), tick=False):
        assert actions.expire_offers(call) == 0


def test_only_the_administration_decides(
    time, call, teacher, guardian, follo_coordinator, panelist
):
    nomination = completed(call, teacher, guardian)
    for person in (teacher, guardian, follo_coordinator, panelist):
        with pytest.raises(NotAllowed):
            actions.decide(person, nomination, "admitted")


def test_participation_notes_renewal_and_higher_education(time, call, teacher, guardian, admin):
    from dugnad.talent.models import Call

    nomination = completed(call, teacher, guardian)
    with pytest.raises(NotAllowed, match="pupils in the programme"):
        actions.add_note(teacher, nomination, "God framgang")
    actions.decide(admin, nomination, "admitted")
    actions.answer_offer(guardian, nomination, accept=True)
    nomination.refresh_from_db()
    actions.add_note(teacher, nomination, "God framgang")
    actions.record_higher_education(admin, nomination, True)
    following = Call.objects.create(
        programme=call.programme,
        year=2027,
        opens_at=NOW,
        places=1,
        criteria=["Teknikk"],
        nomination_deadline=NOW + dt.timedelta(days=300),
        completion_deadline=NOW + dt.timedelta(days=330),
    )
    renewal = actions.renew(admin, nomination, following)
    assert renewal.offer == "accepted" and renewal.renewed_from == nomination
    with pytest.raises(Conflict):
        actions.renew(admin, nomination, following)
