"""Roles in voluntary organisations, as grants for the kernel's access model (`core.access`)."""

from dugnad.core.access import ORGANISATION, grant_rows

from .models import OrganisationRole


def grants(user_id):
    roles = OrganisationRole.objects.filter(user_id=user_id)
    return [grant_rows(roles, ORGANISATION, "organisation_id", role_field="role")]
