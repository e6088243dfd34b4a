from .models import ApiToken, UnitRole


def dashboard_for(user) -> dict:
    """What a person's own page shows: their roles in organisations and municipal units."""
    from dugnad.organisations.models import OrganisationRole

    return {
        "organisation_roles": OrganisationRole.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role"),
        "unit_roles": UnitRole.objects.filter(user=user)
        .select_related("unit")
        .order_by("unit__name", "role"),
    }


def tokens_of(user):
    """The API tokens `user` can still use, newest first, for their token page."""
    return ApiToken.objects.valid().filter(user=user).order_by("-created_at", "-pk")
