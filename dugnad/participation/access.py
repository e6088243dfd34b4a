"""The youth council's moderators, as grants for the kernel's access model (`core.access`).

A moderator holds the role in a municipality (not a unit): the grant's kind is
`YOUTH_COUNCIL` and its object the municipality's id. Rules read it through `access_for(user)`
like every other role."""

from dugnad.core.access import grant_rows

from .models import YouthModerator

YOUTH_COUNCIL = "youth_council"
MODERATOR = "moderator"


def grants(user_id):
    moderators = YouthModerator.objects.filter(user_id=user_id)
    return [grant_rows(moderators, YOUTH_COUNCIL, "municipality_id", role=MODERATOR)]
