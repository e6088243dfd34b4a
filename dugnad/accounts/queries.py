from django.db.models import Prefetch

from dugnad.core.models import Unit

from .models import ApiToken, UnitRole


def dashboard_for(user) -> dict:
    """What a person's own page shows of this app: their roles in municipal units."""
    return {
        "unit_roles": UnitRole.objects.filter(user=user)
        .select_related("unit")
        .order_by("unit__name", "role"),
    }


def volunteer_contacts(municipality):
    """Each unit with the people who are its public volunteer contacts."""
    contacts = UnitRole.objects.filter(
        role=UnitRole.Role.VOLUNTEER_CONTACT, show_publicly=True, user__is_active=True
    ).select_related("user")
    return (
        Unit.objects.in_municipality(municipality)
        .select_related("parent")
        .prefetch_related(Prefetch("roles", queryset=contacts, to_attr="public_contacts"))
        .order_by("name")
    )


def tokens_of(user):
    """The API tokens `user` can still use, newest first, for their token page."""
    return ApiToken.objects.valid().filter(user=user).order_by("-created_at", "-pk")


def coordinator_emails(municipality) -> list[str]:
    """The active volunteer coordinators of one municipality (a Municipality or its id): whom to
    tell about new organisations and unanswered volunteers."""
    municipality_id = getattr(municipality, "pk", municipality)
    return list(
        UnitRole.objects.filter(
            role=UnitRole.Role.VOLUNTEER_COORDINATOR,
            user__is_active=True,
            unit__municipality_id=municipality_id,
        ).values_list("user__email", flat=True)
    )


def key_figures_this_year(municipality) -> list:
    """Every app's key figures for this calendar year (core.figures), what is booked ahead
    included, for the staff start page: (app, figures) with the figures that have a value."""
    import datetime as dt

    from django.utils import timezone

    from dugnad.core.plugins import key_figure_sources

    today = timezone.localdate()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year + 1, 1, 1)
    found = []
    for config, source in key_figure_sources():
        figures = [
            figure for figure in source(municipality, start, end) if figure.value is not None
        ]
        if figures:
            found.append((config, figures))
    return found
