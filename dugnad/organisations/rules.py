"""Who may do what with an organisation. Each `can_*` returns a Verdict with a reason."""

from django.utils.translation import gettext_lazy as _

from dugnad.accounts.roles import is_volunteer_coordinator
from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality

from .models import Organisation, OrganisationRole

OrgRole = OrganisationRole.Role
ALL_ROLES = (OrgRole.LEADER, OrgRole.CONTACT, OrgRole.EDITOR)


def organisation_roles(user, organisation) -> set[str]:
    """The roles `user` holds in `organisation` (from the request's access model)."""
    return access_for(user).organisation_roles(organisation)


def represented_organisation_ids(user) -> frozenset[int]:
    """Organisations where `user` holds any role (approved or not)."""
    return access_for(user).organisation_ids()


def is_representative(user, organisation, roles=ALL_ROLES) -> bool:
    return bool(organisation_roles(user, organisation) & set(roles))


def can_register(user) -> Verdict:
    return require_login(user)


def can_view(user, organisation: Organisation) -> Verdict:
    if organisation.status == Organisation.Status.APPROVED:
        return ALLOW
    if is_representative(user, organisation) or (
        is_volunteer_coordinator(user)
        and access_for(user).covers_municipality(organisation.municipality_id)
    ):
        return ALLOW
    return deny(_("This organisation is not public."))


@same_municipality("organisation")
def can_edit(user, organisation: Organisation) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if organisation.status == Organisation.Status.MERGED:
        return deny(_("This organisation has been merged into another and can no longer change."))
    if is_representative(user, organisation) or is_volunteer_coordinator(user):
        return ALLOW
    return deny(_("Only the organisation's leader, contacts and editors can change its profile."))


@same_municipality("organisation")
def can_manage_roles(user, organisation: Organisation) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if organisation.status == Organisation.Status.MERGED:
        return deny(_("This organisation has been merged into another and can no longer change."))
    if is_volunteer_coordinator(user):
        return ALLOW
    if is_representative(user, organisation, roles=(OrgRole.LEADER,)):
        return ALLOW
    return deny(_("Only the organisation's leader can invite people and hand over leadership."))


@same_municipality("organisation")
def can_review(user, organisation: Organisation | None = None) -> Verdict:
    """Approve, hide or merge organisations: the volunteer coordinator's job."""
    if not (verdict := require_login(user)):
        return verdict
    if is_volunteer_coordinator(user):
        return ALLOW
    return deny(_("Only the volunteer coordinator approves, hides and merges organisations."))


def can_act_for(user, organisation: Organisation) -> Verdict:
    """Act on behalf of the organisation elsewhere (events, bookings, grants, assignments)."""
    if not (verdict := require_login(user)):
        return verdict
    if organisation.status != Organisation.Status.APPROVED:
        return deny(_("The organisation must be approved by the municipality first."))
    if is_representative(user, organisation):
        return ALLOW
    return deny(_("You do not hold a role in this organisation."))
