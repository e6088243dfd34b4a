"""Group messages from an assignment's organiser or a coordinator to its volunteers.

Who gets one is who chose to take part: the volunteers signed up for a shift not yet over
(of the assignment, or of the one shift chosen) and, for the whole assignment, those whose
interest was accepted. Volunteers who only let organisers find them in the register, whose
interest is waiting or was declined, or whose account is closed, are not written to. Each
gets an email of their own (no one sees the others' addresses), sent after commit by core's
email task; the message is kept and listed on the assignment page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import DomainError
from dugnad.core.notify import notify, render_email
from dugnad.core.tasks import send_email

from . import rules
from .models import Assignment, GroupMessage, Interest, Shift, ShiftSignUp

SUBJECT_MAX = 150
BODY_MAX = 5000


def recipients(assignment: Assignment, shift: Shift | None = None):
    """The volunteers a group message goes to (see the module's docstring), with an email."""
    signed_up = ShiftSignUp.objects.filter(
        shift__assignment=assignment, shift__ends_at__gte=timezone.now()
    )
    if shift is not None:
        signed_up = signed_up.filter(shift=shift)
    ids = set(signed_up.values_list("volunteer_id", flat=True))
    if shift is None:
        ids |= set(
            Interest.objects.filter(
                assignment=assignment, status=Interest.Status.ACCEPTED
            ).values_list("volunteer_id", flat=True)
        )
    return (
        get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="").order_by("pk")
    )


@transaction.atomic
def send_group_message(
    user, assignment: Assignment, subject: str, body: str, shift: Shift | None = None
) -> GroupMessage:
    rules.can_message_volunteers(user, assignment).enforce()
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject:
        raise DomainError(_("Give the message a subject."), field="subject")
    if len(subject) > SUBJECT_MAX:
        raise DomainError(
            _("The subject can be at most %(max)s characters.") % {"max": SUBJECT_MAX},
            field="subject",
        )
    if not body:
        raise DomainError(_("Write the message."), field="body")
    if len(body) > BODY_MAX:
        raise DomainError(
            _("The message can be at most %(max)s characters.") % {"max": BODY_MAX},
            field="body",
        )
    if shift is not None and shift.assignment_id != assignment.pk:
        raise DomainError(_("The shift belongs to another assignment."), field="shift")
    people = list(recipients(assignment, shift))
    if not people:
        raise DomainError(
            _("Nobody is signed up or accepted yet, so there is nobody to send to."),
            field="shift" if shift else None,
        )
    message = GroupMessage.objects.create(
        assignment=assignment,
        shift=shift,
        sender=user,
        subject=subject,
        body=body,
        recipient_count=len(people),
    )
    notify(
        "volunteering.group_message_sent",
        actor=user,
        target=assignment,
        data={"message": message.pk, "recipients": len(people)},
    )
    mail_subject, mail_body = render_email(
        "volunteering/email/group_message.txt",
        {"message": message, "assignment": assignment, "shift": shift},
    )
    addresses = [person.email for person in people]

    def send():
        for address in addresses:
            send_email.enqueue(to=[address], subject=mail_subject, body=mail_body)

    transaction.on_commit(send)
    return message
