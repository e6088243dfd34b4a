"""Reads for the grant pages and the API, each a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from dugnad.organisations.models import Organisation, OrganisationRole

from .models import (
    Application,
    Decision,
    GrantScheme,
    Round,
    WorkflowState,
    WorkflowTransition,
)


def public_schemes(municipality):
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
        )
    )


def scheme_rounds(scheme):
    return list(scheme.rounds.all())


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
        roles__user=user, status=Organisation.Status.APPROVED
    ).distinct()


def my_applications(user):
    org_ids = OrganisationRole.objects.filter(user=user).values("organisation_id")
    return (
        Application.objects.filter(organisation_id__in=org_ids)
        .select_related("scheme", "round", "state", "organisation")
        .order_by("-created_at")
    )


def application_detail(pk):
    return (
        Application.objects.select_related(
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


def case_detail(pk):
    application = application_detail(pk)
    application._conflict_ids = {c.user_id for c in application.conflicts.all()}
    application._reviewer_ids = set(application.reviewers.values_list("pk", flat=True))
    return application


def case_list(user, municipality, scheme=None, state=None):
    from dugnad.accounts.models import UnitRole
    from dugnad.accounts.roles import has_unit_role

    qs = (
        Application.objects.submitted()
        .in_municipality(municipality)
        .select_related("scheme", "round", "state", "handler", "decision")
        .exclude(conflicts__user=user)
        .order_by("-submitted_at")
    )
    if not user.is_superuser:
        units = UnitRole.objects.filter(
            user=user, role__in=[UnitRole.Role.CASE_HANDLER, UnitRole.Role.VIEWER]
        ).values("unit_id")
        staff = Q(scheme__unit_id__in=units) | Q(scheme__unit__parent_id__in=units)
        if not has_unit_role(user, UnitRole.Role.CASE_HANDLER, UnitRole.Role.VIEWER):
            staff = Q(pk__in=[])
        qs = qs.filter(staff | Q(reviewers=user)).distinct()
    if scheme is not None:
        qs = qs.filter(scheme=scheme)
    if state:
        qs = qs.filter(state__kind=state)
    return qs


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
