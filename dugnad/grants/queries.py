"""Reads for the grant pages and the API, each a fixed number of queries."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.accounts.models import UnitRole
from dugnad.core.models import ActivityLog
from dugnad.core.plugins import QueueItem
from dugnad.organisations.models import Organisation
from dugnad.organisations.rules import represented_organisation_ids

from .models import (
    AWARD_KINDS,
    Application,
    Attachment,
    Decision,
    FormField,
    GrantReport,
    GrantScheme,
    Round,
    SchemeBudget,
    Score,
    StateKind,
    WorkflowState,
    WorkflowTransition,
)
from .rules import can_see_overview, staff_unit_ids


def public_schemes(municipality, *, all_rounds: bool = False):
    """The municipality's published schemes with their open and upcoming rounds (and every
    round if `all_rounds`)."""
    now = timezone.now()
    open_rounds = Round.objects.filter(opens_at__lte=now, deadline__gt=now).order_by("deadline")
    upcoming = Round.objects.filter(deadline__gt=now).order_by("deadline")
    return (
        GrantScheme.objects.in_municipality(municipality)
        .filter(published=True)
        .select_related("unit")
        .prefetch_related(
            Prefetch("rounds", queryset=open_rounds, to_attr="open_rounds"),
            Prefetch("rounds", queryset=upcoming, to_attr="upcoming_rounds"),
            "budgets",
            *(["rounds"] if all_rounds else []),
        )
    )


def all_schemes(municipality):
    """The municipality's schemes, drafts included."""
    return GrantScheme.objects.in_municipality(municipality)


def published_schemes(municipality):
    return all_schemes(municipality).filter(published=True)


def scheme_details(municipality):
    """Schemes, drafts included, with what the scheme page shows: unit, rounds and budgets."""
    return all_schemes(municipality).select_related("unit").prefetch_related("rounds", "budgets")


def published_scheme_details(municipality):
    """Published schemes with what the scheme page shows: unit, rounds and budgets."""
    return scheme_details(municipality).filter(published=True)


def scheme_by_slug(slug: str, municipality):
    """The municipality's scheme with this slug, or None (a filter in the address that matches
    nothing)."""
    return all_schemes(municipality).filter(slug=slug).first()


def form_sections(scheme) -> list:
    """The sections of the scheme's application form, each with its fields."""
    return list(scheme.sections.prefetch_related("fields"))


def transitions_of(scheme):
    return WorkflowTransition.objects.filter(scheme=scheme).select_related("target")


def scheme_rounds(scheme):
    return list(scheme.rounds.all())


def published_scheme(municipality, slug: str):
    """The published scheme at `slug` with what its page shows, or None."""
    return published_scheme_details(municipality).filter(slug=slug).first()


# --- a scheme's parts, for its set-up pages (each looked up within its scheme) ---------------


def scheme_has_sections(scheme) -> bool:
    return scheme.sections.exists()


def scheme_sections(scheme):
    """The form's sections in order, each with how many fields it holds."""
    return scheme.sections.annotate(field_count=Count("fields")).order_by("position", "id")


def scheme_fields(scheme):
    return FormField.objects.filter(section__scheme=scheme)


def scheme_states(scheme):
    return WorkflowState.objects.filter(scheme=scheme)


def scheme_steps(scheme):
    return WorkflowTransition.objects.filter(scheme=scheme)


def scheme_budgets(scheme):
    return SchemeBudget.objects.filter(scheme=scheme)


def scheme_round_rows(scheme):
    return Round.objects.filter(scheme=scheme)


def awards(municipality, scheme=None, year=None):
    """Public: organisation, purpose and amount of each positive decision in `municipality`."""
    qs = (
        Decision.objects.filter(
            outcome__in=[Decision.Outcome.APPROVED, Decision.Outcome.PARTLY_APPROVED],
            application__scheme__municipality=municipality,
        )
        .select_related("application__scheme", "application__round", "application__organisation")
        .order_by("-application__round__year", "application__scheme__name", "application__org_name")
    )
    if scheme is not None:
        qs = qs.filter(application__scheme=scheme)
    if year is not None:
        qs = qs.filter(application__round__year=year)
    return qs


def award_years(municipality):
    return sorted(
        set(
            Round.objects.in_municipality(municipality)
            .filter(applications__decision__isnull=False)
            .values_list("year", flat=True)
        ),
        reverse=True,
    )


def acting_organisations(user):
    """Approved organisations the user represents."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=represented_organisation_ids(user), status=Organisation.Status.APPROVED
    )


def has_acting_organisations(user) -> bool:
    return acting_organisations(user).exists()


def my_applications(user, *, scheme=None, with_decision: bool = False):
    """Applications of the organisations the user holds a role in, newest first."""
    qs = (
        Application.objects.filter(organisation_id__in=represented_organisation_ids(user))
        .select_related("scheme", "round", "state", "organisation")
        .order_by("-created_at")
    )
    if scheme is not None:
        qs = qs.filter(scheme=scheme)
    if with_decision:
        qs = qs.select_related("decision")
    return qs


def attachments_of(application):
    """The files of an application (given as the object or its id), report files included."""
    return Attachment.objects.filter(application=application)


def attachments_in(application_pk, municipality):
    """The files of the municipality's application with id `application_pk`."""
    return Attachment.objects.filter(
        application_id=application_pk, application__scheme__municipality=municipality
    )


def application_attachments(application):
    """The files attached to the application itself, not to its report."""
    return attachments_of(application).filter(for_report=False)


def application_detail(pk, municipality):
    return (
        Application.objects.in_municipality(municipality)
        .select_related(
            "scheme__unit", "round", "state", "organisation", "handler", "decision", "report"
        )
        .prefetch_related(
            "attachments",
            Prefetch(
                "state__outgoing",
                queryset=WorkflowTransition.objects.select_related("target"),
            ),
        )
        .get(pk=pk)
    )


def case_detail(pk, municipality):
    application = application_detail(pk, municipality)
    application._conflict_ids = {c.user_id for c in application.conflicts.all()}
    application._reviewer_ids = set(application.reviewers.values_list("pk", flat=True))
    return application


def possible_handlers(application):
    """Everyone whose case-handler role covers the scheme's unit (from units above it too, to
    any depth) and who has not declared a conflict in the case."""
    from dugnad.accounts.roles import unit_role_holders

    return unit_role_holders(application.scheme.unit_id, UnitRole.Role.CASE_HANDLER).exclude(
        pk__in=application._conflict_ids
    )


def possible_reviewers(application):
    """Staff of the scheme's municipality who have not declared a conflict in the case."""
    return (
        get_user_model()
        .objects.filter(unit_roles__unit__municipality_id=application.scheme.municipality_id)
        .exclude(pk__in=application._conflict_ids)
        .distinct()
    )


def scores_of(application):
    return Score.objects.filter(application=application).select_related("reviewer")


def notes_of(application):
    return application.notes.select_related("author")


CASE_EVENTS = {
    "grants.application.started": _("Application started"),
    "grants.application.submitted": _("Application submitted"),
    "grants.case.assigned": _("Case handler or reviewers assigned"),
    "grants.case.decided": _("Decision made"),
    "grants.case.moved": _("Moved to a new status"),
    "grants.case.note_added": _("Internal note added"),
    "grants.case.scored": _("Scored"),
    "grants.case.conflict_declared": _("Conflict of interest declared"),
    "grants.report.submitted": _("Report submitted"),
    "grants.report.accepted": _("Report accepted"),
    "grants.report.more_requested": _("More information asked for in the report"),
}


def case_log(application):
    """The activity log of the case, each entry with `what` in words (not the event code) and,
    for a move, the status it moved to."""
    entries = list(
        ActivityLog.objects.filter(
            target_type__app_label="grants",
            target_type__model="application",
            target_id=str(application.pk),
        ).select_related("actor")
    )
    kinds = dict(StateKind.choices)
    for entry in entries:
        entry.what = CASE_EVENTS.get(entry.event, _("Changed"))
        if entry.event == "grants.case.moved" and (target := entry.data.get("to")):
            entry.what = _("Moved to: %(state)s") % {"state": kinds.get(target, target)}
    return entries


def budget_status(scheme, year: int) -> dict:
    budget = SchemeBudget.objects.filter(scheme=scheme, year=year).first()
    awarded = (
        Decision.objects.filter(
            application__scheme=scheme,
            application__round__year=year,
            outcome__in=[Decision.Outcome.APPROVED, Decision.Outcome.PARTLY_APPROVED],
        ).aggregate(total=Sum("amount"))["total"]
        or 0
    )
    amount = budget.amount if budget else 0
    return {"year": year, "budget": amount, "awarded": awarded, "remaining": amount - awarded}


def _staff_cases(user, municipality):
    """Submitted cases of schemes whose unit (or a unit above it, to any depth) the user
    handles or views, and cases the user reviews; never those where a conflict is declared."""
    qs = Application.objects.submitted().in_municipality(municipality).exclude(conflicts__user=user)
    if not user.is_superuser:
        units = staff_unit_ids(user)
        qs = qs.filter(Q(scheme__unit_id__in=units) | Q(reviewers=user)).distinct()
    return qs


OPEN_KINDS = (StateKind.RECEIVED, StateKind.REVIEW)


def reports_overdue_q(today):
    """Awarded cases whose report deadline has passed without a report."""
    return Q(
        state__kind__in=[StateKind.APPROVED, StateKind.PARTLY_APPROVED, StateKind.PAID],
        round__report_due__lt=today,
        report__isnull=True,
    )


# The staff case list's sortable columns: `?sort=<key>` ascending, `?sort=-<key>` descending.
CASE_SORTS = {
    "case": ("submitted_at", "pk"),
    "organisation": ("org_name", "pk"),
    "scheme": ("scheme__name", "pk"),
    "status": ("state__position", "pk"),
    "handler": ("handler__first_name", "handler__last_name", "pk"),
    "amount": ("amount_requested", "pk"),
    "report_due": ("round__report_due", "pk"),
}
DEFAULT_CASE_SORT = "-case"


def case_sort(value: str | None) -> str:
    """The sort asked for, or the default (newest first) for anything unknown."""
    value = (value or "").strip()
    return value if value.removeprefix("-") in CASE_SORTS else DEFAULT_CASE_SORT


def case_list(
    user,
    municipality,
    scheme=None,
    state=None,
    *,
    mine=False,
    overdue=False,
    search="",
    sort=DEFAULT_CASE_SORT,
):
    """The cases `user` may see (`_staff_cases`), newest first, filtered: by scheme, by state
    kind, the user's own (`mine`), reports overdue (`overdue`), and words in the reference,
    title, organisation or contact (`search`)."""
    qs = _staff_cases(user, municipality).select_related(
        "scheme", "round", "state", "handler", "decision"
    )
    if scheme is not None:
        qs = qs.filter(scheme=scheme)
    if state:
        qs = qs.filter(state__kind=state)
    if mine:
        qs = qs.filter(handler=user)
    if overdue:
        qs = qs.filter(reports_overdue_q(timezone.localdate()))
    for word in (search or "").split()[:5]:
        match = (
            Q(title__icontains=word)
            | Q(org_name__icontains=word)
            | Q(org_number__icontains=word)
            | Q(contact_name__icontains=word)
        )
        # A reference as shown ("TS-00012") or its number alone.
        number = word.upper().removeprefix("TS-")
        if number.isdigit() and len(number) <= 18:
            match |= Q(pk=int(number))
        qs = qs.filter(match)
    sort = case_sort(sort)
    descending, fields = sort.startswith("-"), CASE_SORTS[sort.removeprefix("-")]
    return qs.order_by(*(f"-{field}" if descending else field for field in fields))


def work_queue(user, municipality) -> list[QueueItem]:
    """A case handler's queue: their open cases, cases nobody handles yet, reports overdue and
    reports to read."""
    if not can_see_overview(user):
        return []
    today = timezone.localdate()
    cases = _staff_cases(user, municipality)
    counts = cases.aggregate(
        mine=Count("pk", filter=Q(handler=user, state__kind__in=OPEN_KINDS), distinct=True),
        mine_late=Count(
            "pk",
            filter=Q(
                handler=user,
                state__kind__in=OPEN_KINDS,
                round__deadline__lt=timezone.now() - dt.timedelta(days=30),
            ),
            distinct=True,
        ),
        unassigned=Count(
            "pk", filter=Q(handler__isnull=True, state__kind__in=OPEN_KINDS), distinct=True
        ),
        overdue=Count("pk", filter=reports_overdue_q(today), distinct=True),
        reports=Count("pk", filter=Q(report__status=GrantReport.Status.SUBMITTED), distinct=True),
    )
    cases_url = reverse("grants:cases")
    items = [
        QueueItem(
            _("Your cases to handle"),
            counts["mine"],
            cases_url + "?mine=1",
            urgent=bool(counts["mine_late"]),
        ),
        QueueItem(
            _("Cases without a case handler"), counts["unassigned"], cases_url + "?status=received"
        ),
        QueueItem(_("Reports overdue"), counts["overdue"], cases_url + "?overdue=1", urgent=True),
        QueueItem(_("Reports to read"), counts["reports"], cases_url + "?status=report_received"),
    ]
    return [item for item in items if item.count]


def overview(municipality, schemes=None):
    """Per scheme and state in `municipality`: count, amount applied for and awarded."""
    qs = Application.objects.submitted().in_municipality(municipality)
    if schemes is not None:
        qs = qs.filter(scheme__in=schemes)
    rows = (
        qs.values("scheme__name", "state__kind", "state__name", "round__year")
        .annotate(
            count=Count("id"),
            applied=Sum("amount_requested"),
            awarded=Sum("decision__amount"),
        )
        .order_by("scheme__name", "round__year", "state__position")
    )
    return list(rows)


def states_for(scheme):
    return WorkflowState.objects.filter(scheme=scheme)


def budget_overview(municipality) -> list[dict]:
    """Per scheme and year with a budget: the budget, what is awarded, what is left, and what
    the cases not yet decided ask for. Three queries whatever the number of schemes."""
    budgets = list(
        SchemeBudget.objects.filter(scheme__municipality=municipality)
        .select_related("scheme")
        .order_by("scheme__name", "-year")
    )
    awarded = {
        (row["application__scheme_id"], row["application__round__year"]): row["total"]
        for row in Decision.objects.filter(
            application__scheme__municipality=municipality,
            outcome__in=[Decision.Outcome.APPROVED, Decision.Outcome.PARTLY_APPROVED],
        )
        .values("application__scheme_id", "application__round__year")
        .annotate(total=Sum("amount"))
    }
    waiting = {
        (row["scheme_id"], row["round__year"]): row["total"]
        for row in Application.objects.submitted()
        .in_municipality(municipality)
        .filter(state__kind__in=OPEN_KINDS)
        .values("scheme_id", "round__year")
        .annotate(total=Sum("amount_requested"))
    }
    rows = []
    for budget in budgets:
        key = (budget.scheme_id, budget.year)
        spent = awarded.get(key) or 0
        rows.append(
            {
                "scheme": budget.scheme,
                "year": budget.year,
                "budget": budget.amount,
                "awarded": spent,
                "remaining": budget.amount - spent,
                "waiting": waiting.get(key) or 0,
                "over": spent > budget.amount,
            }
        )
    return rows


def _has_report(application) -> bool:
    try:
        return application.report is not None
    except Application.report.RelatedObjectDoesNotExist:
        return False


def my_page(user) -> dict | None:
    """This app's section of a person's own page: their organisations' applications, newest
    first, with their state, and whether a report is due (awarded and not yet reported)."""
    if not represented_organisation_ids(user):
        return None
    applications = list(my_applications(user).select_related("report")[:10])
    for application in applications:
        state = application.state
        application.report_due = (
            state is not None
            and state.kind in AWARD_KINDS - {StateKind.REPORT_RECEIVED}
            and not _has_report(application)
        )
    return {"applications": applications}


# --- set-up pages -------------------------------------------------------------------------


def handled_units(user, municipality):
    """The units whose schemes `user` sets up: where they are case handler, with sub-units."""
    from dugnad.accounts.roles import Role
    from dugnad.core.access import access_for
    from dugnad.core.models import Unit

    ids = access_for(user).unit_ids(Role.CASE_HANDLER)
    return Unit.objects.filter(municipality=municipality, pk__in=ids).order_by("name")


def setup_schemes(user, municipality):
    """The schemes `user` may set up, with counts for the list page."""
    from dugnad.accounts.roles import Role
    from dugnad.core.access import access_for

    ids = access_for(user).unit_ids(Role.CASE_HANDLER)
    return (
        all_schemes(municipality)
        .filter(unit_id__in=ids)
        .select_related("unit")
        .annotate(
            field_count=Count("sections__fields", distinct=True),
            state_count=Count("states", distinct=True),
            round_count=Count("rounds", distinct=True),
        )
        .order_by("name")
    )


def scheme_setup(pk: int, municipality):
    return all_schemes(municipality).select_related("unit").get(pk=pk)


def form_fields_in_order(scheme) -> list:
    return list(
        FormField.objects.filter(section__scheme=scheme)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )


def workflow_of(scheme) -> tuple[list, list]:
    states = list(scheme.states.all())
    steps = list(scheme.transitions.select_related("source", "target"))
    return states, steps


SETUP_EVENTS = {
    "grants.scheme.created": _("Scheme created"),
    "grants.scheme.changed": _("Scheme changed"),
    "grants.form.section_added": _("Form section added"),
    "grants.form.section_changed": _("Form section changed"),
    "grants.form.section_moved": _("Form section moved"),
    "grants.form.section_deleted": _("Form section deleted"),
    "grants.form.field_added": _("Form field added"),
    "grants.form.field_changed": _("Form field changed"),
    "grants.form.field_deleted": _("Form field deleted"),
    "grants.form.field_moved": _("Form field moved"),
    "grants.workflow.state_added": _("Workflow state added"),
    "grants.workflow.state_changed": _("Workflow state renamed"),
    "grants.workflow.state_deleted": _("Workflow state deleted"),
    "grants.workflow.step_added": _("Workflow step added"),
    "grants.workflow.step_changed": _("Workflow step changed"),
    "grants.workflow.step_deleted": _("Workflow step deleted"),
    "grants.budget.saved": _("Budget saved"),
    "grants.budget.deleted": _("Budget deleted"),
    "grants.round.created": _("Round created"),
    "grants.round.changed": _("Round changed"),
    "grants.round.deleted": _("Round deleted"),
}


def setup_history(scheme, limit=30) -> list[dict]:
    """The scheme's set-up changes, newest first, in words (when, who, what, which)."""
    from django.contrib.contenttypes.models import ContentType

    entries = (
        ActivityLog.objects.filter(
            target_type=ContentType.objects.get_for_model(GrantScheme),
            target_id=str(scheme.pk),
            event__in=SETUP_EVENTS,
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        {
            "when": entry.created_at,
            "who": entry.actor.display_name if entry.actor else "",
            "what": SETUP_EVENTS[entry.event],
            "details": ", ".join(str(v) for v in entry.data.get("fields") or []),
        }
        for entry in entries
    ]


def budget_rows(scheme) -> list[dict]:
    """The scheme's budget per year with what is awarded and left: two queries, however many
    years."""
    awarded = dict(
        Decision.objects.filter(
            application__scheme=scheme,
            outcome__in=[Decision.Outcome.APPROVED, Decision.Outcome.PARTLY_APPROVED],
        )
        .values_list("application__round__year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return [
        {
            "row": budget,
            "year": budget.year,
            "budget": budget.amount,
            "awarded": awarded.get(budget.year, 0),
            "remaining": budget.amount - awarded.get(budget.year, 0),
        }
        for budget in scheme.budgets.all()
    ]
