"""Roles in voluntary organisations, as grants for the kernel's access model (`core.access`)."""

from dugnad.core.access import ORGANISATION, Grant

from .models import OrganisationRole


def grants(user):
    for org_id, role in OrganisationRole.objects.filter(user=user).values_list(
        "organisation_id", "role"
    ):
        yield Grant(ORGANISATION, org_id, role)
