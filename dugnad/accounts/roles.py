"""Which roles a person holds. Cached on the user object for the length of a request."""

from .models import UnitRole

Role = UnitRole.Role


def unit_roles(user) -> set[tuple[int, str]]:
    """{(unit_id, role)} held by `user`, directly (sub-units are resolved by `has_unit_role`)."""
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_dugnad_unit_roles", None)
    if cached is None:
        cached = set(UnitRole.objects.filter(user=user).values_list("unit_id", "role"))
        user._dugnad_unit_roles = cached
    return cached


def has_unit_role(user, *roles: str, unit=None) -> bool:
    """True when `user` holds one of `roles` in `unit` or a unit above it (any unit if None).

    Site administrators hold every role.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    held = unit_roles(user)
    if unit is None:
        return any(role in roles for _, role in held)
    unit_ids = {u.pk for u in unit.ancestors_and_self()}
    return any(unit_id in unit_ids and role in roles for unit_id, role in held)


def is_municipal_staff(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or unit_roles(user)))


def is_volunteer_coordinator(user) -> bool:
    return has_unit_role(user, Role.VOLUNTEER_COORDINATOR)
