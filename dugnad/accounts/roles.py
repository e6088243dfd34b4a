"""Role names of municipal units, and shortcuts to the kernel's access model for them.

The answers come from `core.access` (one Access per request, sub-units to any depth).
"""

from dugnad.core.access import access_for, covering_unit_ids

from .models import UnitRole

Role = UnitRole.Role


def has_unit_role(user, *roles: str, unit=None) -> bool:
    """True when `user` holds one of `roles` in `unit` or a unit above it (any unit if None).

    Site administrators hold every role."""
    return access_for(user).has_unit_role(*roles, unit=unit)


def is_municipal_staff(user) -> bool:
    return access_for(user).is_staff_member


def is_volunteer_coordinator(user) -> bool:
    return has_unit_role(user, Role.VOLUNTEER_COORDINATOR)


def unit_role_holders(unit, *roles: str):
    """Active people holding one of `roles` in `unit` or a unit above it (to any depth): the
    people `has_unit_role(person, *roles, unit=unit)` is true for, site administrators aside."""
    from .models import User

    return User.objects.filter(
        is_active=True, unit_roles__unit_id__in=covering_unit_ids(unit), unit_roles__role__in=roles
    ).distinct()
