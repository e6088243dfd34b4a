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
