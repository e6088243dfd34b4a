"""Reads for talent's pages and API, each with its related rows fetched up front."""

from collections import defaultdict
from statistics import mean

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.plugins import QueueItem

from . import rules
from .models import (
    AuditionSlot,
    Call,
    Coordinator,
    Membership,
    Nomination,
    NominationFile,
    PanelMember,
    Programme,
    ProgrammeAdmin,
    Score,
    Session,
    SubRegion,
    Teacher,
)

NOMINATION_RELATED = (
    "call__programme__municipality",
    "track",
    "discipline",
    "home_municipality",
    "subregion",
    "teacher",
)


def public_programmes(municipality):
    return (
        Programme.objects.in_municipality(municipality)
        .filter(published=True)
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def all_programmes(municipality):
    return Programme.objects.in_municipality(municipality)


def programme_details(municipality):
    """Programmes with tracks, disciplines, calls, partners and members by sub-region."""
    return (
        Programme.objects.in_municipality(municipality)
        .select_related("municipality", "unit")
        .prefetch_related(
            "tracks",
            "disciplines",
            "partners",
            "calls",
            Prefetch(
                "subregions",
                queryset=SubRegion.objects.prefetch_related(
                    Prefetch(
                        "memberships",
                        queryset=Membership.objects.select_related("municipality"),
                    ),
                    "coordinators__user",
                ),
            ),
        )
    )


def published_programme_details(municipality):
    return programme_details(municipality).filter(published=True)


def my_scores(nomination, member) -> dict:
    return dict(
        Score.objects.filter(nomination=nomination, member=member).values_list("criterion", "value")
    )


def calls(municipality):
    return Call.objects.in_municipality(municipality).select_related(
        "programme__municipality", "programme__unit"
    )


def current_call(programme, now=None):
    """The open call, else the latest one."""
    now = now or timezone.now()
    found = list(programme.calls.all())
    for call in found:
        if call.opens_at <= now < call.completion_deadline:
            return call
    return found[0] if found else None


def nominations(municipality):
    return Nomination.objects.in_municipality(municipality).select_related(*NOMINATION_RELATED)


def nomination_detail(municipality):
    return nominations(municipality).prefetch_related(
        "files", "conflicts__user", "notes__author", "call__questions"
    )


def nomination_files(municipality):
    return NominationFile.objects.filter(
        nomination__call__programme__municipality=municipality
    ).select_related("nomination__call__programme")


def visible_nominations(user, call, *, subregion=None, status=""):
    """A call's nominations that the person may see: all for the administration, their own
    sub-regions' for a coordinator. Paginate the result."""
    found = Nomination.objects.filter(call=call).select_related(
        "track",
        "discipline",
        "home_municipality",
        "subregion",
        "teacher",
        "pupil_user",
        "guardian_user",
        "slot",
    )
    if not rules.is_admin(user, call.programme_id):
        found = found.filter(subregion_id__in=rules.coordinated_subregion_ids(user))
    if subregion is not None:
        found = found.filter(subregion=subregion)
    if status == "incomplete":
        found = found.filter(submitted_at=None, withdrawn_at=None)
    elif status == "completed":
        found = found.submitted().filter(outcome=Nomination.Outcome.PENDING)
    elif status in Nomination.Outcome.values:
        found = found.filter(outcome=status)
    return found.order_by("subregion__name", "pupil_name", "pk")


def visible_subregions(user, call):
    found = SubRegion.objects.filter(programme_id=call.programme_id)
    if not rules.is_admin(user, call.programme_id):
        found = found.filter(pk__in=rules.coordinated_subregion_ids(user))
    return found


def panel_entries(user, call):
    """The completed entries a panel member may score: never a declared conflict or their own
    pupil's, with the member's own scores."""
    return (
        Nomination.objects.filter(call=call)
        .submitted()
        .exclude(teacher=user)
        .exclude(conflicts__user=user)
        .select_related("track", "discipline", "slot")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.filter(member=user)))
        .order_by("discipline__name", "pupil_name", "pk")
    )


def ranking(call):
    """Completed entries ranked by their mean score, with the spread between panel members
    (the highest member's mean less the lowest's) and each member's mean."""
    entries = list(
        Nomination.objects.filter(call=call)
        .submitted()
        .select_related("discipline", "track", "subregion", "home_municipality")
        .prefetch_related("scores")
    )
    rows = []
    for entry in entries:
        by_member = defaultdict(list)
        for score in entry.scores.all():
            by_member[score.member_id].append(score.value)
        member_means = [mean(values) for values in by_member.values()]
        rows.append(
            {
                "nomination": entry,
                "mean": round(mean(member_means), 2) if member_means else None,
                # One member's scores have no spread to show.
                "spread": round(max(member_means) - min(member_means), 2)
                if len(member_means) > 1
                else None,
                "members": len(member_means),
            }
        )
    rows.sort(key=lambda r: (r["mean"] is None, -(r["mean"] or 0), r["nomination"].pupil_name))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return rows


def free_slots(nomination):
    return AuditionSlot.objects.filter(
        call_id=nomination.call_id,
        discipline_id=nomination.discipline_id,
        nomination=None,
        starts_at__gt=timezone.now(),
    ).order_by("starts_at")


def call_slots(call):
    return (
        AuditionSlot.objects.filter(call=call)
        .select_related("discipline", "nomination")
        .order_by("starts_at", "place")
    )


def slots(municipality):
    return AuditionSlot.objects.in_municipality(municipality).select_related("call__programme")


def sessions(call):
    return (
        Session.objects.filter(call=call)
        .select_related("occurrence__event", "subregion")
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
    )


def session_detail(municipality):
    return Session.objects.in_municipality(municipality).select_related(
        "call__programme__municipality", "occurrence__event", "subregion", "programme"
    )


def session_participants(session):
    found = Nomination.objects.filter(
        call=session.call, offer=Nomination.Offer.ACCEPTED
    ).select_related("discipline", "subregion", "pupil_user", "guardian_user")
    if session.subregion_id:
        found = found.filter(subregion_id=session.subregion_id)
    present = set(session.attendance.filter(present=True).values_list("nomination_id", flat=True))
    return found.order_by("pupil_name"), present


def my_nominations(user):
    email = (user.email or "").lower()
    return (
        Nomination.objects.filter(
            Q(teacher=user)
            | Q(pupil_user=user)
            | Q(guardian_user=user)
            | Q(pupil_email__iexact=email, pupil_user=None)
            | Q(guardian_email__iexact=email, guardian_user=None)
        )
        .filter(withdrawn_at=None)
        .select_related("call__programme", "discipline", "slot")
        .order_by("-call__year", "pupil_name")
    )


def my_page(user) -> dict | None:
    """Min side: nominations of mine (as pupil, guardian or teacher) and the calls I sit on the
    panel of."""
    found = list(my_nominations(user)[:50])
    panels = list(
        Call.objects.filter(panel__user=user).select_related("programme").order_by("-year")
    )
    if not found and not panels:
        return None
    return {"nominations": found, "panels": panels, "user": user}


def work_queue(user, municipality) -> list[QueueItem]:
    """For the administration: completed entries awaiting a decision; for a coordinator:
    incomplete ones in their sub-regions."""
    items = []
    now = timezone.now()
    admin_ids = rules.administered_programme_ids(user)
    open_calls = Call.objects.in_municipality(municipality).filter(
        opens_at__lte=now, programme__in=Programme.objects.in_municipality(municipality)
    )
    for call in open_calls.filter(programme_id__in=admin_ids).select_related("programme"):
        count = call.nominations.submitted().filter(outcome=Nomination.Outcome.PENDING).count()
        if count:
            items.append(
                QueueItem(
                    _("%(call)s: entries to decide") % {"call": call},
                    count,
                    reverse("talent:ranking", kwargs={"pk": call.pk}),
                )
            )
    subregion_ids = rules.coordinated_subregion_ids(user)
    if subregion_ids:
        incomplete = (
            Nomination.objects.filter(
                call__in=open_calls,
                subregion_id__in=subregion_ids,
                submitted_at=None,
                withdrawn_at=None,
            )
            .values("call_id", "call__completion_deadline")
            .annotate(n=Count("pk"))
        )
        for row in incomplete:
            items.append(
                QueueItem(
                    _("Nominations not yet completed in my sub-region"),
                    row["n"],
                    reverse("talent:nominations", kwargs={"pk": row["call_id"]})
                    + "?status=incomplete",
                    urgent=row["call__completion_deadline"] <= now,
                )
            )
    return items


def api_programme(programme_id, municipality):
    return published_programme_details(municipality).get(pk=programme_id)


ROLE_MODELS = {
    "admin": ProgrammeAdmin,
    "coordinator": Coordinator,
    "panel": PanelMember,
    "teacher": Teacher,
}
ROLE_FILTER = {
    "admin": "programme",
    "coordinator": "subregion__programme",
    "panel": "call__programme",
    "teacher": "programme",
}


def role_rows(programme, role):
    return ROLE_MODELS[role].objects.filter(**{ROLE_FILTER[role]: programme}).select_related("user")


def programme_roles(programme) -> dict:
    """Who holds which role in the programme, for its set-up page."""
    return {
        "admin": list(role_rows(programme, "admin").order_by("user__email")),
        "coordinator": list(
            role_rows(programme, "coordinator")
            .select_related("subregion")
            .order_by("subregion__name", "user__email")
        ),
        "panel": list(
            role_rows(programme, "panel")
            .select_related("call")
            .order_by("-call__year", "user__email")
        ),
        "teacher": list(
            role_rows(programme, "teacher").select_related("municipality").order_by("user__email")
        ),
    }


def parts_of(programme, model):
    return model.objects.filter(programme=programme)


def questions_of(call):
    return call.questions.all()


def unit_occurrence_choices(programme):
    """Future dates of events organised by the programme's unit (for a new session)."""
    from dugnad.activities.models import Occurrence  # a read of the calendar's rows

    return (
        Occurrence.objects.filter(event__unit=programme.unit, start__gte=timezone.now())
        .select_related("event")
        .order_by("start")
    )


def later_calls(nomination):
    return Call.objects.filter(
        programme_id=nomination.call.programme_id, year__gt=nomination.call.year
    ).order_by("year")


def calls_with_lapsed_offers(now=None):
    """Calls holding an offer of a place whose answer deadline has passed."""
    now = now or timezone.now()
    return Call.objects.filter(
        nominations__offer=Nomination.Offer.OFFERED, nominations__offer_deadline__lte=now
    ).distinct()
