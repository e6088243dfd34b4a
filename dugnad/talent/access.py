"""The talent roles, declared to the one access model (core.access) as grants of their own kinds.

A programme administrator, a sub-region coordinator, a call's panel member and a nominating
teacher are rows in this app; `grants(user_id)` hands their four querysets to `core.access`, which
reads them with every other app's roles in one query. Rules (`talent.rules`) then ask
`access_for(user).grants` only, so the access model stays the one authority.
"""

from dugnad.core.access import grant_rows

PROGRAMME = "talent_programme"
SUBREGION = "talent_subregion"
CALL = "talent_call"

ADMIN = "admin"
COORDINATOR = "coordinator"
PANEL = "panel"
TEACHER = "teacher"


def grants(user_id):
    from .models import Coordinator, PanelMember, ProgrammeAdmin, Teacher

    return [
        grant_rows(
            ProgrammeAdmin.objects.filter(user_id=user_id), PROGRAMME, "programme_id", role=ADMIN
        ),
        grant_rows(
            Coordinator.objects.filter(user_id=user_id), SUBREGION, "subregion_id", role=COORDINATOR
        ),
        grant_rows(PanelMember.objects.filter(user_id=user_id), CALL, "call_id", role=PANEL),
        grant_rows(
            Teacher.objects.filter(user_id=user_id), PROGRAMME, "programme_id", role=TEACHER
        ),
    ]
