"""The youth council's moderators, as grants for the kernel's access model (`core.access`).

A moderator holds the role in a municipality (not a unit): the grant's kind is
`YOUTH_COUNCIL` and its object the municipality's id. Rules read it through `access_for(user)`
like every other role."""

from dugnad.core.access import Grant

from .models import YouthModerator

YOUTH_COUNCIL = "youth_council"
MODERATOR = "moderator"


def grants(user):
    for municipality_id in YouthModerator.objects.filter(user=user).values_list(
        "municipality_id", flat=True
    ):
        yield Grant(YOUTH_COUNCIL, municipality_id, MODERATOR)
