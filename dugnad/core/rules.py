"""Who may edit the municipality's information pages."""

from django.utils.translation import gettext_lazy as _

from .access import access_for
from .permissions import ALLOW, Verdict, deny, require_login, same_municipality
from .roles import UnitRoleName as Role


@same_municipality("page")
def can_edit_pages(user, page=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if access_for(user).has_unit_role(Role.EDITOR, Role.VOLUNTEER_COORDINATOR):
        return ALLOW
    return deny(_("Only the municipality's editors and volunteer coordinators edit these pages."))
