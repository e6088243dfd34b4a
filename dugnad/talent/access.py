"""The talent roles, declared to the one access model (core.access) as grants of their own kinds.

A programme administrator, a sub-region coordinator, a call's panel member and a nominating
teacher are rows in this app; `grants(user)` reads all four in one query and hands them to
`core.access` as `Grant`s. Rules (`talent.rules`) then ask `access_for(user).grants` only, so
the access model stays the one authority and a request reads the roles once.
"""

from django.db.models import CharField, Value

from dugnad.core.access import Grant

PROGRAMME = "talent_programme"
SUBREGION = "talent_subregion"
CALL = "talent_call"

ADMIN = "admin"
COORDINATOR = "coordinator"
PANEL = "panel"
TEACHER = "teacher"


def grants(user):
    from .models import Coordinator, PanelMember, ProgrammeAdmin, Teacher

    def rows(model, kind, role, field):
        return model.objects.filter(user=user).values_list(
            Value(kind, output_field=CharField()), field, Value(role, output_field=CharField())
        )

    query = rows(ProgrammeAdmin, PROGRAMME, ADMIN, "programme_id").union(
        rows(Coordinator, SUBREGION, COORDINATOR, "subregion_id"),
        rows(PanelMember, CALL, PANEL, "call_id"),
        rows(Teacher, PROGRAMME, TEACHER, "programme_id"),
        all=True,
    )
    for kind, object_id, role in query:
        yield Grant(kind, object_id, role)
