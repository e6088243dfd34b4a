"""The names of the roles a person can hold in a municipal unit.

They are the kernel's vocabulary: the access model (`core.access`) answers questions in these
names, and the kernel's own rules (who edits the information pages) ask in them. The table that
records who holds which role lives in `accounts` (`UnitRole`, whose `Role` is this class), so
that `core` never imports an app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitRoleName(models.TextChoices):
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Volunteer coordinator")
    VOLUNTEER_CONTACT = "volunteer_contact", _("Volunteer contact")
    CASE_HANDLER = "case_handler", _("Case handler")
    PREMISES_MANAGER = "premises_manager", _("Premises manager")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")
    # The culture school (issue 16): its administration, and the teachers who teach there.
    CULTURE_SCHOOL_ADMIN = "culture_school_admin", _("Culture school administrator")
    TEACHER = "teacher", _("Teacher")
    # The action plan and the annual report (issue 19): whoever owns the plan's follow-up.
    PLAN_OWNER = "plan_owner", _("Plan owner")
    # Youth participation (issue 20): staff who moderate and answer young people's ideas.
    PARTICIPATION_MODERATOR = "participation_moderator", _("Participation moderator")
    # The citizens' desk (innbyggertorg, issue 18): staff who register on a citizen's behalf.
    CITIZENS_DESK = "citizens_desk", _("Citizens' desk staff")
