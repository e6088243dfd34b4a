"""Roles in voluntary organisations, as grants for the kernel's access model (`core.access`)."""

from dugnad.core.access import ORGANISATION, grant_rows

from .models import OrganisationRole


def grants(user):
    roles = OrganisationRole.objects.filter(user=user)
    return [grant_rows(roles, ORGANISATION, "organisation_id", role_field="role")]
