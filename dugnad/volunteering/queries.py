"""Reads for views, API and reports: filtered, with related rows fetched up front."""

import datetime as dt
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from dugnad.accounts.roles import is_volunteer_coordinator
from dugnad.core import params
from dugnad.core.models import Area, Unit
from dugnad.core.plugins import QueueItem, SearchGroup, SearchHit
from dugnad.core.prepared import Prepared, sample_int
from dugnad.core.search import matching

from .models import (
    Assignment,
    HoursEntry,
    Interest,
    PoliceCertificateRecord,
    Shift,
    ShiftSignUp,
    VolunteerProfile,
    municipality_q,
)
from .rules import organiser_scope


def hourly_value_ore() -> int:
    """The value of one volunteer hour for the annual report (øre), from settings."""
    return settings.VOLUNTEERING_HOURLY_VALUE_ORE


def assignments(filters: dict | None, municipality):
    """Open assignments of `municipality` with their organiser, filtered by q, area, topic,
    kind, organiser."""
    filters = filters or {}
    qs = (
        Assignment.objects.open()
        .in_municipality(municipality)
        .select_related("organisation", "unit", "area")
    )
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if area := filters.get("area"):
        qs = qs.filter(area__slug=area)
    if topic := filters.get("topic"):
        # JSON text search works on SQLite and PostgreSQL alike; codes are quoted in the list.
        qs = qs.filter(topics__icontains=f'"{topic}"')
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if organisation := filters.get("organisation"):
        qs = qs.filter(organisation__slug=organisation)
    if unit := filters.get("unit"):
        qs = qs.filter(unit__slug=unit)
    return qs.annotate(
        accepted_count=Count("interests", filter=Q(interests__status=Interest.Status.ACCEPTED))
    ).order_by("-created_at", "-id")


def shifts_with_counts(assignment: Assignment):
    return (
        Shift.objects.filter(
            assignment=assignment, starts_at__gte=timezone.now() - dt.timedelta(days=1)
        )
        .annotate(taken=Count("signups"))
        .order_by("starts_at")
    )


def all_assignments(municipality):
    """The municipality's assignments, for a page that picks one by its id and checks rights."""
    return Assignment.objects.in_municipality(municipality)


def assignments_with_organisers(municipality):
    """The municipality's assignments with the organisation or unit, area and contact person
    their page shows."""
    return Assignment.objects.in_municipality(municipality).select_related(
        "organisation", "unit", "area", "contact_person"
    )


def shifts_of(assignment: Assignment):
    return Shift.objects.filter(assignment=assignment)


def shifts_with_assignment(municipality):
    return Shift.objects.in_municipality(municipality).select_related("assignment")


def taken_places(shift: Shift) -> int:
    return shift.signups.count()


def interests_with_people(municipality):
    return Interest.objects.filter(
        municipality_q(municipality, prefix="assignment__")
    ).select_related("assignment", "volunteer")


def my_shift_signups(user):
    """The user's own shift sign-ups, with their shift and assignment."""
    return ShiftSignUp.objects.select_related("shift__assignment").filter(volunteer=user)


def hours_entries_with_assignment(municipality):
    return HoursEntry.objects.filter(
        municipality_q(municipality, prefix="assignment__")
    ).select_related("assignment")


def my_certificates(user):
    return user.police_certificates.all()


def people():
    """Every user account, for the page that shows one volunteer (rules decide who may see)."""
    return get_user_model().objects.all()


def areas(municipality):
    return Area.objects.in_municipality(municipality)


def organiser_choices(user, municipality) -> list[tuple[str, object]]:
    """The organisations and units `user` may post assignments for, as (form key, object).

    A volunteer coordinator may post for every unit of this municipality (not of every
    municipality)."""
    from dugnad.organisations.models import Organisation

    orgs, units = organiser_scope(user)
    municipal_units = Unit.objects.in_municipality(municipality)
    if is_volunteer_coordinator(user):
        units |= set(municipal_units.values_list("pk", flat=True))
    choices = [(f"o{o.pk}", o) for o in Organisation.objects.filter(pk__in=orgs).order_by("name")]
    choices += [(f"u{u.pk}", u) for u in municipal_units.filter(pk__in=units).order_by("name")]
    return choices


def assignment_detail(pk: int, municipality) -> Assignment:
    return (
        Assignment.objects.in_municipality(municipality)
        .select_related("organisation", "unit", "area", "contact_person")
        .prefetch_related("age_groups")
        .get(pk=pk)
    )


def response_time(assignment: Assignment) -> dict | None:
    """How fast this organiser usually answers: median-like average over the last year."""
    since = timezone.now() - dt.timedelta(days=365)
    qs = Interest.objects.filter(answered_at__isnull=False, created_at__gte=since)
    if assignment.organisation_id:
        qs = qs.filter(assignment__organisation_id=assignment.organisation_id)
    else:
        qs = qs.filter(assignment__unit_id=assignment.unit_id)
    result = qs.aggregate(
        count=Count("pk"),
        average=Avg(
            ExpressionWrapper(F("answered_at") - F("created_at"), output_field=DurationField())
        ),
    )
    if not result["count"] or result["average"] is None:
        return None
    days = result["average"].total_seconds() / 86400
    return {"count": result["count"], "days": max(1, round(days))}


def organiser_panel(assignment: Assignment) -> dict:
    """What the organiser sees on the assignment page."""
    today = timezone.localdate()
    interests = assignment.interests.select_related("volunteer").order_by("status", "created_at")
    signups = (
        ShiftSignUp.objects.filter(shift__assignment=assignment, shift__ends_at__gte=timezone.now())
        .select_related("volunteer", "shift")
        .order_by("shift__starts_at", "volunteer__first_name")
    )
    signups = list(signups)
    for signup in signups:
        signup.is_today = timezone.localtime(signup.shift.starts_at).date() == today
    pending_hours = assignment.hours.filter(status=HoursEntry.Status.PENDING).select_related(
        "volunteer", "shift"
    )
    return {"interests": list(interests), "signups": signups, "pending_hours": list(pending_hours)}


def my_interests(user):
    return Interest.objects.filter(volunteer=user).select_related(
        "assignment__organisation", "assignment__unit"
    )


def my_shifts(user, upcoming_only=True):
    qs = ShiftSignUp.objects.filter(volunteer=user).select_related("shift__assignment")
    if upcoming_only:
        qs = qs.filter(shift__ends_at__gte=timezone.now())
    return qs.order_by("shift__starts_at")


def attach_swap_options(signups) -> None:
    """Give each sign-up the other shifts of its assignment that still have room (one query)."""
    assignment_ids = {signup.shift.assignment_id for signup in signups}
    options: dict[int, list[Shift]] = {}
    if assignment_ids:
        free = (
            Shift.objects.filter(assignment_id__in=assignment_ids, starts_at__gt=timezone.now())
            .annotate(taken=Count("signups"))
            .filter(taken__lt=F("needed"))
            .order_by("starts_at")
        )
        for shift in free:
            options.setdefault(shift.assignment_id, []).append(shift)
    taken_by_me = {signup.shift_id for signup in signups}
    for signup in signups:
        signup.swap_options = [
            s for s in options.get(signup.shift.assignment_id, []) if s.pk not in taken_by_me
        ]


def my_shifts_for_hours(user):
    """Shifts the person took that have started: the ones hours can be logged for."""
    return (
        Shift.objects.filter(signups__volunteer=user, starts_at__lte=timezone.now())
        .select_related("assignment")
        .order_by("-starts_at")
    )


def my_hours(user):
    return HoursEntry.objects.filter(volunteer=user).select_related("assignment", "shift")


def my_engaged_assignments(user):
    """Assignments where the person may log hours (accepted or with a shift)."""
    return (
        Assignment.objects.filter(
            Q(interests__volunteer=user, interests__status=Interest.Status.ACCEPTED)
            | Q(shifts__signups__volunteer=user)
        )
        .distinct()
        .order_by("title")
    )


def hours_totals(year: int, municipality, by: str = "organisation") -> list[dict]:
    """Approved hours of `municipality`'s assignments for the annual report, grouped by person,
    organisation, unit or year."""
    field = {
        "person": "volunteer_id",
        "organisation": "assignment__organisation__name",
        "unit": "assignment__unit__name",
        "year": "date__year",
    }[by]
    rows = (
        HoursEntry.objects.filter(status=HoursEntry.Status.APPROVED, date__year=year)
        .filter(municipality_q(municipality, prefix="assignment__"))
        .values(field)
        .annotate(minutes=Sum("minutes"))
        .order_by(field)
    )
    value = hourly_value_ore()
    return [
        {
            "key": row[field],
            "hours": round(row["minutes"] / 60, 2),
            "value_ore": row["minutes"] * value // 60,
        }
        for row in rows
    ]


def hours_report(year: int, municipality) -> dict:
    """Approved hours of a year per organisation, unit and person, with names (3 queries)."""
    value = hourly_value_ore()
    people = (
        HoursEntry.objects.filter(status=HoursEntry.Status.APPROVED, date__year=year)
        .filter(municipality_q(municipality, prefix="assignment__"))
        .values("volunteer_id", "volunteer__first_name", "volunteer__last_name")
        .annotate(minutes=Sum("minutes"))
        .order_by("volunteer__first_name", "volunteer__last_name", "volunteer_id")
    )
    persons = [
        {
            "key": " ".join(
                part for part in (row["volunteer__first_name"], row["volunteer__last_name"]) if part
            )
            or None,
            "anonymous": row["volunteer_id"] is None,
            "hours": round(row["minutes"] / 60, 2),
            "value_ore": row["minutes"] * value // 60,
        }
        for row in people
    ]
    organisations = [
        r for r in hours_totals(year, municipality, "organisation") if r["key"] is not None
    ]
    units = [r for r in hours_totals(year, municipality, "unit") if r["key"] is not None]
    total = sum(r["hours"] for r in organisations + units)
    return {
        "year": year,
        "organisations": organisations,
        "units": units,
        "persons": persons,
        "total_hours": round(total, 2),
        "total_value_ore": sum(r["value_ore"] for r in organisations + units),
        "hourly_value_ore": value,
    }


def report_year(query) -> int:
    """The year the hours report covers, from its query string: this year when not given, or
    when the value is no year from 2000 to next year (the page offers the recent years)."""
    this_year = timezone.localdate().year
    return params.int_or_default(
        query.get("year"), minimum=2000, maximum=this_year + 1, default=this_year, name="year"
    )


def overview(user, municipality) -> dict:
    """The coordinator's overview of `municipality`; a volunteer contact sees only their units'
    assignments."""
    now = timezone.now()
    scope = Assignment.objects.in_municipality(municipality)
    if not is_volunteer_coordinator(user):
        _orgs, units = organiser_scope(user)
        scope = scope.filter(unit_id__in=units)
    open_scope = scope.filter(status=Assignment.Status.OPEN)
    lacking = (
        open_scope.select_related("organisation", "unit")
        .annotate(accepted=Count("interests", filter=Q(interests__status=Interest.Status.ACCEPTED)))
        .filter(accepted__lt=F("people_needed"))
        .order_by("created_at")[:20]
    )
    unanswered = (
        Interest.objects.filter(assignment__in=scope, status=Interest.Status.PENDING)
        .select_related("assignment", "volunteer")
        .order_by("created_at")[:20]
    )
    short_shifts = (
        Shift.objects.filter(
            assignment__in=open_scope,
            starts_at__gte=now,
            starts_at__lte=now + dt.timedelta(days=14),
        )
        .select_related("assignment")
        .annotate(taken=Count("signups"))
        .filter(taken__lt=F("needed"))
        .order_by("starts_at")[:20]
    )
    year = timezone.localdate().year
    minutes = (
        HoursEntry.objects.filter(
            assignment__in=scope, status=HoursEntry.Status.APPROVED, date__year=year
        ).aggregate(total=Sum("minutes"))["total"]
        or 0
    )
    new_volunteers = None
    if is_volunteer_coordinator(user):
        new_volunteers = VolunteerProfile.objects.filter(
            created_at__gte=now - dt.timedelta(days=30)
        ).count()
    return {
        "lacking": list(lacking),
        "unanswered": list(unanswered),
        "short_shifts": list(short_shifts),
        "hours_this_year": round(minutes / 60, 1),
        "hours_value_ore": minutes * hourly_value_ore() // 60,
        "new_volunteers": new_volunteers,
        "year": year,
        "is_coordinator": is_volunteer_coordinator(user),
    }


def has_valid_certificate(user, assignment: Assignment, on: dt.date) -> bool:
    return PoliceCertificateRecord.objects.filter(
        volunteer=user,
        organisation_id=assignment.organisation_id,
        unit_id=assignment.unit_id,
        shown_on__lte=on,
        expires_on__gte=on,
    ).exists()


def profile_for(user):
    return VolunteerProfile.objects.filter(user=user).select_related("area", "age_group").first()


def interest_of(user, assignment):
    if not user.is_authenticated:
        return None
    return Interest.objects.filter(volunteer=user, assignment=assignment).first()


def my_signup_ids(user, assignment) -> dict[int, ShiftSignUp]:
    if not user.is_authenticated:
        return {}
    return {
        s.shift_id: s
        for s in ShiftSignUp.objects.filter(volunteer=user, shift__assignment=assignment)
    }


def _organised_assignments(user, municipality):
    """The assignments `user` organises or coordinates in `municipality`."""
    scope = Assignment.objects.in_municipality(municipality)
    if is_volunteer_coordinator(user):
        return scope
    orgs, units = organiser_scope(user)
    return scope.filter(Q(organisation_id__in=orgs) | Q(unit_id__in=units))


def work_queue(user, municipality) -> list[QueueItem]:
    """What waits for a coordinator or an organiser: interest not answered, shifts in the next
    two weeks short of people, hours to approve."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    scope = _organised_assignments(user, municipality)
    unanswered = Interest.objects.filter(assignment__in=scope, status=Interest.Status.PENDING)
    counts = unanswered.aggregate(
        total=Count("pk"), late=Count("pk", filter=Q(created_at__lt=now - dt.timedelta(days=3)))
    )
    short = (
        Shift.objects.filter(
            assignment__in=scope.filter(status=Assignment.Status.OPEN),
            starts_at__gte=now,
            starts_at__lte=now + dt.timedelta(days=14),
        )
        .annotate(taken=Count("signups"))
        .filter(taken__lt=F("needed"))
    )
    short_counts = short.aggregate(
        total=Count("pk"), soon=Count("pk", filter=Q(starts_at__lt=now + dt.timedelta(days=2)))
    )
    hours = HoursEntry.objects.filter(assignment__in=scope, status=HoursEntry.Status.PENDING)
    hours_count = hours.count()
    oldest = hours.order_by("created_at", "pk").values_list("assignment_id", flat=True).first()
    overview_url = reverse("volunteering:overview")
    items = [
        QueueItem(
            _("Interest not answered"),
            counts["total"],
            overview_url + "#unanswered-heading",
            urgent=bool(counts["late"]),
        ),
        QueueItem(
            _("Shifts short of people in the next two weeks"),
            short_counts["total"],
            overview_url + "#short-heading",
            urgent=bool(short_counts["soon"]),
        ),
        # Hours are approved on the assignment's page: the oldest waiting entry's.
        QueueItem(
            _("Hours to approve"),
            hours_count,
            reverse("volunteering:assignment", args=[oldest]) if oldest else overview_url,
        ),
    ]
    return [item for item in items if item.count]


CERTIFICATE_SOON = dt.timedelta(days=30)


def certificate_status(records, today=None) -> str:
    """ "valid", "expiring" (within a month), "expired" or "none" for a volunteer's records."""
    today = today or timezone.localdate()
    if not records:
        return "none"
    latest = max(record.expires_on for record in records)
    if latest < today:
        return "expired"
    if latest < today + CERTIFICATE_SOON:
        return "expiring"
    return "valid"


def certificate_warning(record, today=None) -> str:
    """What to tell the person who recorded `record` when it has expired or soon will; empty
    for a certificate valid beyond the next 30 days."""
    today = today or timezone.localdate()
    until = record.expires_on.strftime("%d.%m.%Y")
    if record.expires_on < today:
        return _(
            "The certificate is recorded, but it expired on %(until)s and does not count as "
            "valid. Ask the volunteer for a new police certificate."
        ) % {"until": until}
    if record.expires_on < today + CERTIFICATE_SOON:
        return _(
            "The certificate is recorded, but it expires on %(until)s, within 30 days. Ask the "
            "volunteer for a new police certificate in good time."
        ) % {"until": until}
    return ""


def volunteer_register(municipality, *, search="", topic="", area="", certificate=""):
    """The coordinator's register: people with a volunteer profile in the municipality who
    agreed to be contacted, and anyone who has engaged with its assignments (consent given by
    engaging); searched by name or email, filtered by interest, area and certificate status.
    At most 200 rows, each with counts and certificate records: a fixed number of queries."""
    from django.db.models import Prefetch

    engaged = Q(
        volunteer_interests__assignment__in=Assignment.objects.in_municipality(municipality)
    ) | Q(shift_signups__shift__assignment__in=Assignment.objects.in_municipality(municipality))
    listed = Q(
        volunteer_profile__contactable=True, volunteer_profile__area__municipality=municipality
    )
    people = get_user_model().objects.filter(listed | engaged, is_active=True)
    for word in (search or "").split()[:4]:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    if topic:
        people = people.filter(volunteer_profile__interests__icontains=f'"{topic}"')
    if area:
        people = people.filter(volunteer_profile__area__slug=area)
    ids = list(people.values_list("pk", flat=True).distinct()[:500])
    rows = list(
        get_user_model()
        .objects.filter(pk__in=ids)
        .select_related("volunteer_profile__area")
        .prefetch_related(
            Prefetch(
                "police_certificates",
                queryset=PoliceCertificateRecord.objects.order_by("-expires_on"),
                to_attr="certificates",
            )
        )
        .annotate(
            approved_minutes=Sum(
                "volunteer_hours__minutes",
                filter=Q(volunteer_hours__status=HoursEntry.Status.APPROVED),
            )
        )
        .order_by("first_name", "last_name", "email")
    )
    today = timezone.localdate()
    for person in rows:
        person.certificate = certificate_status(person.certificates, today)
        person.hours = round((person.approved_minutes or 0) / 60, 1)
    if certificate:
        rows = [p for p in rows if p.certificate == certificate]
    return rows[:200]


def volunteer_history(volunteer, municipality) -> dict:
    """A volunteer's history with the municipality's assignments: interest, shifts, hours and
    police certificate records, each newest first."""
    scope = Assignment.objects.in_municipality(municipality)
    certificates = list(
        PoliceCertificateRecord.objects.filter(volunteer=volunteer)
        .select_related("organisation", "unit")
        .order_by("-expires_on")
    )
    hours = list(
        HoursEntry.objects.filter(volunteer=volunteer, assignment__in=scope)
        .select_related("assignment")
        .order_by("-date", "-pk")[:100]
    )
    return {
        "interests": list(
            Interest.objects.filter(volunteer=volunteer, assignment__in=scope)
            .select_related("assignment")
            .order_by("-created_at")
        ),
        "shifts": list(
            ShiftSignUp.objects.filter(volunteer=volunteer, shift__assignment__in=scope)
            .select_related("shift__assignment")
            .order_by("-shift__starts_at")[:100]
        ),
        "hours": hours,
        "hours_total": round(
            sum(h.minutes for h in hours if h.status == HoursEntry.Status.APPROVED) / 60, 1
        ),
        "certificates": certificates,
        "certificate_status": certificate_status(certificates),
        "today": timezone.localdate(),
        "soon": timezone.localdate() + CERTIFICATE_SOON,
    }


def recordable_assignments(volunteer, user, municipality):
    """Assignments the user manages that the volunteer was taken on for (to record hours)."""
    from .rules import can_manage

    taken = Assignment.objects.in_municipality(municipality).filter(
        Q(interests__volunteer=volunteer, interests__status=Interest.Status.ACCEPTED)
        | Q(shifts__signups__volunteer=volunteer)
    )
    return [
        a for a in taken.distinct().select_related("organisation", "unit") if can_manage(user, a)
    ]


def my_page(user) -> dict | None:
    """This app's section of a person's own page: interests, upcoming shifts and recent hours."""
    interests = list(my_interests(user).order_by("-created_at")[:10])
    shifts = list(my_shifts(user)[:10])
    hours = list(my_hours(user).order_by("-date", "-id")[:5])
    if not (interests or shifts or hours or hasattr(user, "volunteer_profile")):
        return None
    return {"interests": interests, "shifts": shifts, "hours": hours}


def upcoming_shifts(assignment: Assignment):
    return assignment.shifts.filter(ends_at__gte=timezone.now()).order_by("starts_at")


def group_messages_of(assignment: Assignment, limit=50):
    """The group messages sent about an assignment, newest first, with sender and shift."""
    return list(
        assignment.group_messages.select_related("sender", "shift").order_by("-created_at", "-pk")[
            :limit
        ]
    )


# --- the public face: the home page, the site search, an organisation's page ------------------

HOME_ASSIGNMENTS = 4
ORGANISATION_ASSIGNMENTS = 10


def needing_people(municipality):
    """Open assignments that still lack people (fewer accepted than needed), newest first."""
    return assignments(None, municipality).filter(accepted_count__lt=F("people_needed"))


def home_section(municipality) -> dict | None:
    """The home page's cards of assignments that need people, as dicts of the values they
    show: the list's query reads every column of the assignment, its organiser and its area
    into model instances, and each card's link was a reverse() of its own."""
    rows = needing_people(municipality).values(
        "pk",
        "title",
        "people_needed",
        "accepted_count",
        "organisation__name",
        "unit__name",
        "area__name",
    )
    path = reverse("volunteering:assignment", kwargs={"pk": 1}).replace("/1/", "/{}/")
    cards = [
        {
            "url": path.format(row["pk"]),
            "title": row["title"],
            "organiser": (
                row["organisation__name"]
                if row["organisation__name"] is not None
                else row["unit__name"]
            ),
            "area": row["area__name"],
            "accepted_count": row["accepted_count"],
            "people_needed": row["people_needed"],
        }
        for row in rows[:HOME_ASSIGNMENTS]
    ]
    return {"assignments": cards}


def site_search(municipality, text: str, limit: int) -> SearchGroup:
    """Open assignments whose title, description or place match `text`, accents aside."""
    found = matching(assignments(None, municipality), ("title", "description", "place"), text)
    hits = tuple(
        SearchHit(assignment.title, assignment.get_absolute_url(), str(assignment.organiser))
        for assignment in found[:limit]
    )
    more = f"{reverse('volunteering:index')}?{urlencode({'q': text})}"
    return SearchGroup(_("Volunteer assignments"), hits, more)


# The section's query compiled once per process (core.prepared): the same for every page.
_ORGANISATION_ASSIGNMENTS = Prepared(
    lambda organisation_id: (
        Assignment.objects.open()
        .filter(organisation_id=organisation_id)
        .annotate(
            accepted_count=Count("interests", filter=Q(interests__status=Interest.Status.ACCEPTED))
        )
        .order_by("-created_at", "-id")
        .values("id", "title", "kind", "place", "people_needed", "accepted_count")[
            :ORGANISATION_ASSIGNMENTS
        ]
    ),
    sample_int(1),
)


def organisation_section(organisation) -> dict | None:
    """The organisation's open assignments, for its public page: plain rows with what the
    section shows under the names of the model's own (get_absolute_url, get_kind_display),
    one reverse() for the section and no model instance per row."""
    kinds = dict(Assignment.Kind.choices)
    prefix, _sep, suffix = reverse("volunteering:assignment", kwargs={"pk": 999999999}).rpartition(
        "999999999"
    )
    return {
        "assignments": [
            SimpleNamespace(
                **row,
                get_absolute_url=f"{prefix}{row['id']}{suffix}",
                get_kind_display=str(kinds.get(row["kind"], row["kind"])),
            )
            for row in _ORGANISATION_ASSIGNMENTS(organisation.pk)
        ]
    }
