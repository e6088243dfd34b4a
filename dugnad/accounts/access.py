"""Roles in municipal units, as grants for the kernel's access model (`core.access`)."""

from dugnad.core.access import UNIT, Grant

from .models import UnitRole


def grants(user):
    for unit_id, role in UnitRole.objects.filter(user=user).values_list("unit_id", "role"):
        yield Grant(UNIT, unit_id, role)
