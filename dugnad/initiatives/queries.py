"""Reads for the pages and the API: filtered, with their relations fetched in a fixed number of
queries however many rows there are."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.access import access_for, read_units
from dugnad.core.models import AgeGroup, Unit
from dugnad.core.plugins import QueueItem
from dugnad.organisations.models import Organisation

from . import rules
from .models import (
    Conference,
    Council,
    CouncilMeeting,
    CouncilMember,
    DeskRegistration,
    Initiative,
    InitiativeUpdate,
    ReachFigure,
    Story,
)

MAX_FILTER_LENGTH = 100


def _param(filters: dict, name: str) -> str:
    return str(filters.get(name) or "").strip()[:MAX_FILTER_LENGTH]


# --- initiatives ----------------------------------------------------------------------------


def initiatives(municipality, filters: dict | None = None, *, include_ideas=False):
    """Initiatives filtered by age group, unit (lead or partner), partner organisation, state."""
    filters = filters or {}
    rows = Initiative.objects.in_municipality(municipality)
    if not include_ideas:
        rows = rows.public()
    if age := _param(filters, "age_group"):
        rows = rows.filter(age_groups__code=age)
    if unit := _param(filters, "unit"):
        rows = rows.filter(Q(lead_unit__slug=unit) | Q(partner_units__slug=unit))
    if partner := _param(filters, "partner"):
        rows = rows.filter(partner_organisations__slug=partner)
    if state := _param(filters, "state"):
        rows = rows.filter(state=state)
    if q := _param(filters, "q"):
        rows = rows.filter(Q(title__icontains=q) | Q(aim__icontains=q))
    return (
        rows.distinct()
        .select_related("lead_unit")
        .prefetch_related("age_groups", "partner_units", "partner_organisations")
        .order_by("title", "pk")
    )


def initiative_for_page(municipality, slug: str) -> Initiative | None:
    from dugnad.activities.models import Event

    return (
        Initiative.objects.in_municipality(municipality)
        .filter(slug=slug)
        .select_related("lead_unit", "municipality")
        .prefetch_related(
            "age_groups",
            "partner_units",
            "partner_organisations",
            "resources",
            Prefetch("events", queryset=Event.objects.select_related("organisation", "unit")),
            Prefetch(
                "assignments",
                queryset=_assignment_rows(),
            ),
            Prefetch(
                "updates",
                queryset=InitiativeUpdate.objects.select_related("author", "organisation"),
            ),
            Prefetch("reach", queryset=ReachFigure.objects.select_related("age_group")),
            Prefetch("stories", queryset=Story.objects.published()),
        )
        .first()
    )


def _assignment_rows():
    from dugnad.volunteering.models import Assignment

    return Assignment.objects.select_related("organisation", "unit")


def filter_choices(municipality) -> dict:
    """What the overview's filters offer: units and organisations that take part somewhere."""
    public = Initiative.objects.in_municipality(municipality).public()
    unit_ids = set(public.values_list("lead_unit_id", flat=True)) | set(
        public.filter(partner_units__isnull=False).values_list("partner_units", flat=True)
    )
    org_ids = set(
        public.filter(partner_organisations__isnull=False).values_list(
            "partner_organisations", flat=True
        )
    )
    return {
        "age_groups": list(AgeGroup.objects.all()),
        "units": list(Unit.objects.filter(pk__in=unit_ids).order_by("name")),
        "partners": list(Organisation.objects.filter(pk__in=org_ids).order_by("name")),
        "states": [c for c in Initiative.State.choices if c[0] != Initiative.State.IDEA],
    }


@dataclass(frozen=True)
class Reach:
    """Participants of an initiative: computed from its events' sign-ups and attendance, and
    entered by staff, kept apart so that the page can say which is which."""

    signed_up: int
    attended: int
    attendance_recorded: bool
    entered: int

    @property
    def computed(self) -> int:
        # Attendance, where it was taken, is the better number; sign-ups otherwise.
        return self.attended if self.attendance_recorded else self.signed_up

    @property
    def total(self) -> int:
        return self.computed + self.entered


def _signup_counts(event_ids, start=None, end=None) -> dict:
    from dugnad.activities.models import SignUp

    rows = SignUp.objects.filter(occurrence__event_id__in=event_ids, status=SignUp.Status.CONFIRMED)
    if start is not None:
        rows = rows.filter(occurrence__start__date__gte=start, occurrence__start__date__lt=end)
    return rows.aggregate(
        n_signed_up=Count("id"),
        n_attended=Count("id", filter=Q(attended=True)),
        n_recorded=Count("id", filter=Q(attended__isnull=False)),
    )


def reach_of(initiative: Initiative, start=None, end=None) -> Reach:
    event_ids = [event.pk for event in initiative.events.all()]
    counts = _signup_counts(event_ids, start, end)
    figures = initiative.reach.all()
    if start is not None:
        figures = [f for f in figures if start <= f.counted_on < end]
    return Reach(
        signed_up=counts["n_signed_up"],
        attended=counts["n_attended"],
        attendance_recorded=counts["n_recorded"] > 0,
        entered=sum(f.count for f in figures),
    )


def initiative_history(initiative: Initiative, limit: int = 20) -> list:
    return list(initiative.history.select_related("history_user").order_by("-history_date")[:limit])


def linkable_events(municipality, initiative: Initiative):
    from dugnad.activities.models import Event

    return (
        Event.objects.in_municipality(municipality)
        .published()
        .exclude(pk__in=[e.pk for e in initiative.events.all()])
        .order_by("title")
    )


def linkable_assignments(municipality, initiative: Initiative):
    from dugnad.volunteering.models import Assignment

    return (
        Assignment.objects.in_municipality(municipality)
        .open()
        .exclude(pk__in=[a.pk for a in initiative.assignments.all()])
        .order_by("title")
    )


# --- volunteer contacts ---------------------------------------------------------------------


@dataclass
class UnitContacts:
    unit: Unit
    contacts: list
    # The unit above whose contact answers for this unit, when it has none of its own.
    via: Unit | None = None


def volunteer_contacts(municipality, q: str = "") -> list[UnitContacts]:
    """Each unit with its public volunteer contacts; a unit without one is answered by the
    nearest unit above it that has one. With `q`, the units whose name (or whose parent's
    name) matches, and every unit below them: "sykehjem" finds the nursing homes and the
    dementia centre under them."""
    from dugnad.accounts.queries import volunteer_contacts as units_with_contacts

    units = list(units_with_contacts(municipality))
    by_pk = {unit.pk: unit for unit in units}
    tree = read_units()
    q = (q or "").strip()[:MAX_FILTER_LENGTH].casefold()
    if q:
        roots = {u.pk for u in units if q in u.name.casefold() or q in u.slug}
        chosen, stack = set(), list(roots)
        while stack:
            pk = stack.pop()
            if pk not in chosen:
                chosen.add(pk)
                stack.extend(tree.children.get(pk, ()))
        units = [u for u in units if u.pk in chosen]
    found = []
    for unit in units:
        contacts, via, parent = list(unit.public_contacts), None, tree.parent_of.get(unit.pk)
        while not contacts and parent is not None and parent in by_pk:
            contacts, via = list(by_pk[parent].public_contacts), by_pk[parent]
            parent = tree.parent_of.get(parent)
        found.append(UnitContacts(unit, contacts, via if contacts else None))
    return found


def unit_for_page(municipality, slug: str) -> Unit | None:
    return Unit.objects.in_municipality(municipality).filter(slug=slug).first()


def unit_initiatives(unit: Unit):
    return (
        Initiative.objects.public()
        .filter(Q(lead_unit=unit) | Q(partner_units=unit))
        .distinct()
        .select_related("lead_unit")
        .order_by("title")
    )


# --- stories --------------------------------------------------------------------------------


def stories(municipality, filters: dict | None = None):
    filters = filters or {}
    rows = Story.objects.in_municipality(municipality).published()
    if slug := _param(filters, "initiative"):
        rows = rows.filter(initiative__slug=slug)
    if slug := _param(filters, "organisation"):
        rows = rows.filter(organisation__slug=slug)
    if age := _param(filters, "age_group"):
        rows = rows.filter(initiative__age_groups__code=age)
    if q := _param(filters, "q"):
        rows = rows.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return (
        rows.distinct()
        .select_related("initiative", "organisation", "event")
        .prefetch_related("photos")
        .order_by("-published_at", "-pk")
    )


def story_for_page(municipality, pk: int) -> Story | None:
    return (
        Story.objects.in_municipality(municipality)
        .filter(pk=pk)
        .select_related("initiative", "organisation", "event", "author", "reviewed_by")
        .prefetch_related("photos")
        .first()
    )


def story_filter_choices(municipality) -> dict:
    published = Story.objects.in_municipality(municipality).published()
    return {
        "initiatives": list(
            Initiative.objects.filter(pk__in=published.values("initiative")).order_by("title")
        ),
        "organisations": list(
            Organisation.objects.filter(pk__in=published.values("organisation")).order_by("name")
        ),
        "age_groups": list(AgeGroup.objects.all()),
    }


def stories_to_review(municipality):
    return (
        Story.objects.in_municipality(municipality)
        .filter(state=Story.State.SUBMITTED)
        .select_related("organisation", "initiative")
        .order_by("updated_at", "pk")
    )


def stories_of(user):
    return (
        Story.objects.filter(author=user)
        .select_related("organisation", "initiative", "municipality")
        .order_by("-updated_at", "-pk")
    )


def story_choices(municipality, user) -> dict:
    """What a story can belong to: initiatives, organisations (theirs, or all for staff),
    events."""
    from dugnad.activities.models import Event

    access = access_for(user)
    organisations = Organisation.objects.in_municipality(municipality).public()
    if not access.is_staff_member:
        organisations = organisations.filter(pk__in=access.organisation_ids())
    return {
        "initiatives": Initiative.objects.in_municipality(municipality).order_by("title"),
        "organisations": organisations.order_by("name"),
        "events": Event.objects.in_municipality(municipality).published().order_by("title"),
    }


# --- conference and council -----------------------------------------------------------------


def current_conference(municipality, year: int | None = None):
    rows = Conference.objects.in_municipality(municipality).select_related(
        "event", "event__room__building"
    )
    if year is not None:
        rows = rows.filter(year=year)
    rows = rows.prefetch_related("sessions", "documents", "event__occurrences")
    if year is not None:
        return rows.first()
    # This year's or the next one, else the latest held.
    this_year = timezone.localdate().year
    return (
        rows.filter(year__gte=this_year).order_by("year").first() or rows.order_by("-year").first()
    )


def events_for_a_new_conference(municipality):
    """Calendar events a new conference can take its registration from: the municipality's
    events with sign-up and a date to come, not already another conference's."""
    from dugnad.activities.models import Event

    return (
        Event.objects.filter(
            municipality=municipality,
            signup_enabled=True,
            conference__isnull=True,
            occurrences__start__gte=timezone.now(),
        )
        .distinct()
        .order_by("title", "pk")
    )


def conference_years(municipality) -> list[int]:
    return list(
        Conference.objects.in_municipality(municipality)
        .order_by("-year")
        .values_list("year", flat=True)
    )


def council_of(municipality):
    """The council as the public sees it: the members whose term runs today, in their role."""
    today = timezone.localdate()
    return (
        Council.objects.in_municipality(municipality)
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CouncilMember.objects.select_related("organisation").filter(
                    term_start__lte=today, term_end__gte=today
                ),
            ),
            "meetings",
        )
        .first()
    )


def split_meetings(meetings) -> tuple[list, list]:
    """Coming meetings (soonest first) and held ones (latest first), from one list."""
    today = timezone.localdate()
    coming = sorted((m for m in meetings if m.date >= today), key=lambda m: m.date)
    held = sorted((m for m in meetings if m.date < today), key=lambda m: m.date, reverse=True)
    return coming, held


def council_for_staff(municipality):
    """The council with every member, past and coming terms too, for the coordinator's page."""
    return (
        Council.objects.in_municipality(municipality)
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CouncilMember.objects.select_related("organisation").order_by(
                    "-term_end", "role", "name"
                ),
            ),
            "meetings",
        )
        .first()
    )


def conference_document(conference, pk: int):
    return next((d for d in conference.documents.all() if d.pk == pk), None)


def council_meetings_without_minutes(municipality):
    return CouncilMeeting.objects.filter(
        council__municipality=municipality, date__lt=timezone.localdate(), minutes="",
        minutes_file="",
    )  # fmt: skip


# --- the kernel's plug-ins -----------------------------------------------------------------


def home_section(municipality) -> dict | None:
    # The cards show a title and a summary: no joined rows, DISTINCT or photos, as the
    # stories' page needs.
    latest = list(
        Story.objects.in_municipality(municipality)
        .published()
        .order_by("-published_at", "-pk")
        .only("title", "summary")[:3]
    )
    return {
        "stories": latest,
        "feed_links": [
            (_("Good stories (Atom)"), reverse("initiatives:stories_feed"), "application/atom+xml")
        ],
    }


def my_page(user) -> dict | None:
    mine = list(stories_of(user)[:20])
    desk = list(user.desk_registrations.select_related("staff").order_by("-created_at")[:10])
    if not mine and not desk:
        return None
    return {"stories": mine, "desk_registrations": desk}


STALE_DAYS = 90


def initiatives_without_update(user, municipality):
    """The user's units' running initiatives with no update for STALE_DAYS."""
    access = access_for(user)
    unit_ids = access.unit_ids()
    since = timezone.now() - dt.timedelta(days=STALE_DAYS)
    return (
        Initiative.objects.in_municipality(municipality)
        .filter(state__in=[Initiative.State.RUNNING, Initiative.State.PLANNED])
        .filter(Q(lead_unit_id__in=unit_ids) | Q(partner_units__in=unit_ids))
        .distinct()
        .annotate(last_update=Max("updates__created_at"))
        .filter(Q(last_update__isnull=True) | Q(last_update__lt=since))
    )


def work_queue(user, municipality) -> list[QueueItem]:
    items = []
    access = access_for(user)
    if not access.is_staff_member:
        return items
    if rules.can_review_stories(user):
        count = stories_to_review(municipality).count()
        if count:
            items.append(
                QueueItem(_("Stories to review"), count, reverse("initiatives:story_review_list"))
            )
    if rules.can_manage_council(user):
        count = council_meetings_without_minutes(municipality).count()
        if count:
            items.append(
                QueueItem(
                    _("Council meetings without minutes"),
                    count,
                    reverse("initiatives:council_manage"),
                )
            )
    stale = initiatives_without_update(user, municipality).count()
    if stale:
        items.append(
            QueueItem(
                _("Initiatives without an update for three months"),
                stale,
                reverse("initiatives:index") + "?mine=1",
            )
        )
    return items


def support_pages(municipality):
    """The municipality's staff-edited pages on its support for the voluntary sector."""
    from dugnad.core.models import InfoPage

    return InfoPage.objects.in_municipality(municipality).filter(published=True)


# --- the citizens' desk ---------------------------------------------------------------------


def desk_choices(municipality) -> dict:
    """What the desk's forms offer: open assignments, and coming dates with open sign-up."""
    from dugnad.activities.models import Event, Occurrence
    from dugnad.volunteering.models import Assignment

    return {
        "interest": {
            "assignments": Assignment.objects.in_municipality(municipality).open().order_by("title")
        },
        "signup": {
            "occurrences": Occurrence.objects.in_municipality(municipality)
            .filter(
                event__status=Event.Status.PUBLISHED,
                event__signup_enabled=True,
                status=Occurrence.Status.SCHEDULED,
                start__gt=timezone.now(),
            )
            .select_related("event")
            .order_by("start")[:200]
        },
    }


def desk_registrations_by(staff, municipality, limit: int = 20):
    return (
        DeskRegistration.objects.filter(municipality=municipality, staff=staff)
        .select_related("citizen")
        .order_by("-created_at")[:limit]
    )
