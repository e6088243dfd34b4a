"""Who may edit the municipality's information pages."""

from django.utils.translation import gettext_lazy as _

from dugnad.accounts.roles import Role, has_unit_role

from .permissions import ALLOW, Verdict, deny, require_login


def can_edit_pages(user, page=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if has_unit_role(user, Role.EDITOR, Role.VOLUNTEER_COORDINATOR):
        return ALLOW
    return deny(_("Only the municipality's editors and volunteer coordinators edit these pages."))
