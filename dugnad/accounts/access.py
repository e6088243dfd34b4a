"""Roles in municipal units, as grants for the kernel's access model (`core.access`)."""

from dugnad.core.access import UNIT, grant_rows

from .models import UnitRole


def grants(user_id):
    return [
        grant_rows(UnitRole.objects.filter(user_id=user_id), UNIT, "unit_id", role_field="role")
    ]
