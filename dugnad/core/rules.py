"""Who may edit the municipality's information pages."""

import rules
from django.utils.translation import gettext_lazy as _

from .access import access_for
from .permissions import ALLOW, Verdict, deny, require_login, verdict_predicate
from .roles import UnitRoleName as Role


def can_edit_pages(user, page=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if access_for(user).has_unit_role(Role.EDITOR, Role.VOLUNTEER_COORDINATOR):
        return ALLOW
    return deny(_("Only the municipality's editors and volunteer coordinators edit these pages."))


rules.add_perm("core.change_infopage", verdict_predicate(can_edit_pages))
rules.add_perm("core.add_infopage", verdict_predicate(can_edit_pages))
