"""Volunteering's part of a person's data (protocol: core.privacy) and its views in the
access log: a volunteer's profile, and their phone number on the day of a shift."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept, Shown, Subject, forget_in_activity_log, people_shown

from . import queries, rules
from .models import (
    Assignment,
    HoursEntry,
    Interest,
    PoliceCertificateRecord,
    ShiftSignUp,
    VolunteerProfile,
)

PERSONAL_DATA_LABEL = _("Volunteering")
LABELS = {
    "profile": _("Volunteer profile"),
    "interests": _("Interests"),
    "skills": _("Skills"),
    "languages": _("Languages"),
    "availability": _("When you are free"),
    "commitment": _("One-off or regular"),
    "area": _("Part of the municipality"),
    "age_group": _("Age group"),
    "birth_year": _("Year of birth"),
    "wants_to_try": _("What you would like to try"),
    "contactable": _("Organisers may contact me"),
    "confidentiality_signed_at": _("Confidentiality declaration signed"),
    "created_at": _("Created"),
    "assignment": _("Assignment"),
    "status": _("Status"),
    "message": _("Message"),
    "answer": _("Answer"),
    "shifts": _("Shifts"),
    "starts_at": _("Starts"),
    "ends_at": _("Ends"),
    "hours": _("Hours"),
    "date": _("Date"),
    "minutes": _("Minutes"),
    "note": _("Note"),
    "police_certificates": _("Police certificates"),
    "role": _("Role"),
    "shown_on": _("Shown on"),
    "expires_on": _("Valid until"),
}


def export(user) -> dict:
    profile = VolunteerProfile.objects.filter(user=user).select_related("area", "age_group").first()
    return {
        "profile": None
        if profile is None
        else {
            "interests": profile.interests,
            "skills": profile.skills,
            "languages": profile.languages,
            "availability": profile.availability,
            "commitment": profile.commitment,
            "area": profile.area.name if profile.area else None,
            "age_group": profile.age_group_id,
            "birth_year": profile.birth_year,
            "wants_to_try": profile.wants_to_try,
            "contactable": profile.contactable,
            "confidentiality_signed_at": profile.confidentiality_signed_at,
            "created_at": profile.created_at,
        },
        "interests": [
            {
                "assignment": i.assignment.title,
                "status": i.status,
                "message": i.message,
                "answer": i.answer,
                "created_at": i.created_at,
            }
            for i in Interest.objects.filter(volunteer=user).select_related("assignment")
        ],
        "shifts": [
            {
                "assignment": s.shift.assignment.title,
                "starts_at": s.shift.starts_at,
                "ends_at": s.shift.ends_at,
            }
            for s in ShiftSignUp.objects.filter(volunteer=user).select_related("shift__assignment")
        ],
        "hours": [
            {
                "assignment": h.assignment.title,
                "date": h.date,
                "minutes": h.minutes,
                "status": h.status,
                "note": h.note,
            }
            for h in HoursEntry.objects.filter(volunteer=user).select_related("assignment")
        ],
        "police_certificates": [
            {"role": c.role, "shown_on": c.shown_on, "expires_on": c.expires_on}
            for c in PoliceCertificateRecord.objects.filter(volunteer=user)
        ],
    }


def erase(user) -> list[Kept]:
    profile = VolunteerProfile.objects.filter(user=user).first()
    interests = list(Interest.objects.filter(volunteer=user))
    forget_in_activity_log(targets=[*interests, *([profile] if profile else [])])
    hours = HoursEntry.objects.filter(volunteer=user).update(volunteer=None, note="")
    Interest.objects.filter(volunteer=user).delete()
    ShiftSignUp.objects.filter(volunteer=user).delete()
    PoliceCertificateRecord.objects.filter(volunteer=user).delete()
    VolunteerProfile.objects.filter(user=user).delete()
    if not hours:
        return []
    return [
        Kept(
            _("The hours you gave: date, assignment and length, without your name"),
            _("They count in the municipality's volunteering statistics and annual report."),
        )
    ]


# --- Access log ----------------------------------------------------------------------------


def profile_shown(request, user_id, **kwargs) -> Shown:
    volunteer = get_user_model().objects.filter(pk=user_id).first()
    return Shown(
        what=_g("Volunteer profile"), subjects=[Subject(user=volunteer)] if volunteer else []
    )


def phones_shown(request, pk, **kwargs) -> Shown | None:
    """The organiser's panel shows the phone numbers of volunteers on today's shifts."""
    assignment = Assignment.objects.filter(pk=pk).first()
    if assignment is None or not rules.can_manage(request.user, assignment):
        return None
    today = timezone.localdate()
    signups = ShiftSignUp.objects.filter(
        shift__assignment=assignment, shift__ends_at__gte=timezone.now()
    ).select_related("volunteer", "shift")
    people = {
        s.volunteer
        for s in signups
        if timezone.localtime(s.shift.starts_at).date() == today and s.volunteer.phone
    }
    what = _g("Phone numbers on today's shifts of %(assignment)s") % {"assignment": assignment}
    return Shown(what=what, subjects=[Subject(user=person) for person in people])


def hours_report_shown(request, **kwargs) -> Shown:
    """The hours report lists each volunteer by name with their hours in the year."""
    year = queries.report_year(request.GET)
    ids = (
        HoursEntry.objects.filter(
            status=HoursEntry.Status.APPROVED, date__year=year, volunteer__isnull=False
        )
        .values_list("volunteer_id", flat=True)
        .distinct()
    )
    people = get_user_model().objects.filter(pk__in=ids)
    what = _g("Volunteer hours %(year)s") % {"year": year}
    return Shown(what=what, subjects=[Subject(user=person) for person in people])


def overview_shown(request, **kwargs) -> Shown:
    """The coordinator's overview names the volunteers whose interest waits for an answer."""
    return Shown(
        what=_g("Coordinator overview: unanswered interests"),
        subjects=[Subject(user=person) for person in people_shown(request)],
    )


def register_shown(request, **kwargs) -> Shown:
    """The volunteer register names the volunteers it found."""
    return Shown(
        what=_g("Volunteer register"),
        subjects=[Subject(user=person) for person in people_shown(request)],
    )
