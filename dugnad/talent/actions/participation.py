"""Participation: sessions (occurrences of events in the calendar), attendance, progress notes,
renewal for next year, and who went on to higher education."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.notify import notify

from .. import rules
from ..models import Attendance, Nomination, ProgressNote, Session


def add_session(user, call, occurrence, subregion=None) -> Session:
    rules.can_administer(user, call.programme).enforce()
    programme = call.programme
    if occurrence.event.unit_id != programme.unit_id:
        raise DomainError(
            _("Choose an event organised by %(unit)s.") % {"unit": programme.unit},
            field="occurrence",
        )
    if subregion is not None and subregion.programme_id != programme.pk:
        raise DomainError(_("Choose one of the programme's sub-regions."), field="subregion")
    try:
        with transaction.atomic():
            session = Session.objects.create(
                programme=programme, call=call, occurrence=occurrence, subregion=subregion
            )
            notify("talent.session.added", actor=user, target=session)
    except IntegrityError as exc:
        raise Conflict(_("This occurrence is already a session of the call.")) from exc
    return session


def mark_attendance(user, session, present_ids: set[int]) -> int:
    """Mark who came: every participant of the session's call (in its sub-region, if any)."""
    rules.can_mark_attendance(user, session).enforce()
    participants = Nomination.objects.filter(call=session.call, offer=Nomination.Offer.ACCEPTED)
    if session.subregion_id:
        participants = participants.filter(subregion_id=session.subregion_id)
    with transaction.atomic():
        count = 0
        for nomination_id in participants.values_list("pk", flat=True):
            Attendance.objects.update_or_create(
                session=session,
                nomination_id=nomination_id,
                defaults={"present": nomination_id in present_ids},
            )
            count += 1
        notify("talent.attendance.marked", actor=user, target=session, data={"count": count})
    return count


def add_note(user, nomination, text: str) -> ProgressNote:
    rules.can_add_note(user, nomination).enforce()
    if not text.strip():
        raise DomainError(_("Write the note."), field="text")
    with transaction.atomic():
        note = ProgressNote.objects.create(nomination=nomination, author=user, text=text.strip())
        notify("talent.note.added", actor=user, target=nomination)
    return note


def record_higher_education(user, nomination, went_on: bool) -> Nomination:
    rules.can_administer(user, nomination.call.programme).enforce()
    with transaction.atomic():
        nomination.higher_education = went_on
        nomination.save(update_fields=["higher_education"])
        notify("talent.higher_education", actor=user, target=nomination, data={"value": went_on})
    return nomination


def renew(user, nomination, next_call) -> Nomination:
    """A pupil in the programme goes on next year: a completed entry in the next call, admitted
    under that call's place count (a renewal holds a place like any offer)."""
    from .decisions import HOLDING

    rules.can_administer(user, nomination.call.programme).enforce()
    if nomination.offer != Nomination.Offer.ACCEPTED:
        raise DomainError(_("Only a pupil in the programme can be renewed."))
    if (
        next_call.programme_id != nomination.call.programme_id
        or next_call.year <= nomination.call.year
    ):
        raise DomainError(_("Choose a later call of the same programme."), field="call")
    from dugnad.core.locking import lock

    with transaction.atomic():
        (next_call,) = lock(next_call)
        held = Nomination.objects.filter(call=next_call, offer__in=HOLDING).count()
        if held >= next_call.places:
            raise Conflict(_("All places of the next call are taken."), code="full")
        try:
            with transaction.atomic():
                renewal = Nomination.objects.create(
                    call=next_call,
                    track=nomination.track,
                    discipline=nomination.discipline,
                    home_municipality=nomination.home_municipality,
                    subregion=nomination.subregion,
                    teacher=nomination.teacher,
                    pupil_name=nomination.pupil_name,
                    birth_date=nomination.birth_date,
                    gender=nomination.gender,
                    pupil_email=nomination.pupil_email,
                    guardian_name=nomination.guardian_name,
                    guardian_email=nomination.guardian_email,
                    pupil_user=nomination.pupil_user,
                    guardian_user=nomination.guardian_user,
                    teacher_statement=nomination.teacher_statement,
                    repertoire=nomination.repertoire,
                    guardian_consent_at=nomination.guardian_consent_at,
                    submitted_at=nomination.submitted_at,
                    outcome=Nomination.Outcome.ADMITTED,
                    offer=Nomination.Offer.ACCEPTED,
                    renewed_from=nomination,
                    is_demo=nomination.is_demo,
                )
        except IntegrityError as exc:
            raise Conflict(_("The pupil is already in the next call.")) from exc
        notify("talent.renewed", actor=user, target=renewal)
    return renewal
