"""Who may do what with initiatives, stories and at the citizens' desk. Each returns a Verdict.

- Initiatives are edited by staff of any of its units (the lead unit or a partner unit, and
  the units above them), and by the volunteer coordinator; partner organisations' people
  (leader, contact, editor) add updates.
- Stories are written by staff or by an organisation's people, reviewed and published by the
  volunteer coordinator or a unit's editor.
- The citizens' desk is for staff holding the CITIZENS_DESK role.
- The volunteer conference's programme and documents, and the volunteer council's members and
  meetings, are kept by the volunteer coordinator, who runs both for the municipality.
"""

from django.utils.translation import gettext_lazy as _

from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality
from dugnad.core.roles import UnitRoleName

from .models import Conference, Council, Initiative, Story

REVIEWER_ROLES = (UnitRoleName.VOLUNTEER_COORDINATOR, UnitRoleName.EDITOR)


def _unit_ids_of(initiative: Initiative) -> set[int]:
    ids = {initiative.lead_unit_id}
    ids.update(unit.pk for unit in initiative.partner_units.all())
    return ids


def can_create_initiative(user, lead_unit=None) -> Verdict:
    """Staff start initiatives for a unit they work in (its sub-units included)."""
    if not (verdict := require_login(user)):
        return verdict
    access = access_for(user)
    if not access.is_staff_member:
        return deny(_("Only municipal staff start initiatives."))
    if lead_unit is not None and not (
        access.has_unit_role(unit=lead_unit)
        or access.has_unit_role(UnitRoleName.VOLUNTEER_COORDINATOR)
    ):
        return deny(_("Choose a lead unit you work in."))
    return ALLOW


@same_municipality("initiative")
def can_edit_initiative(user, initiative: Initiative) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    access = access_for(user)
    if access.has_unit_role(UnitRoleName.VOLUNTEER_COORDINATOR):
        return ALLOW
    if _unit_ids_of(initiative) & access.unit_ids():
        return ALLOW
    return deny(_("Only staff of the initiative's units change it."))


@same_municipality("initiative")
def can_post_update(user, initiative: Initiative) -> Verdict:
    """Staff of its units, and the people of its partner organisations."""
    if not (verdict := require_login(user)):
        return verdict
    if can_edit_initiative(user, initiative):
        return ALLOW
    partner_ids = {o.pk for o in initiative.partner_organisations.all()}
    if partner_ids & access_for(user).organisation_ids():
        return ALLOW
    return deny(_("Only the initiative's staff and partner organisations post updates."))


def update_organisations(user, initiative: Initiative) -> list:
    """The partner organisations `user` may post an update for."""
    held = access_for(user).organisation_ids() if user.is_authenticated else frozenset()
    return [o for o in initiative.partner_organisations.all() if o.pk in held]


def can_view_initiative(user, initiative: Initiative) -> Verdict:
    if initiative.state != Initiative.State.IDEA:
        return ALLOW
    if user is not None and user.is_authenticated and can_post_update(user, initiative):
        return ALLOW
    return deny(_("This initiative is still an idea and not public yet."))


# --- stories --------------------------------------------------------------------------------


def can_write_story(user, organisation=None) -> Verdict:
    """Staff write stories; so do an organisation's people, for their organisation."""
    if not (verdict := require_login(user)):
        return verdict
    access = access_for(user)
    if organisation is not None:
        if organisation.pk in access.organisation_ids() or access.is_staff_member:
            return ALLOW
        return deny(_("You do not hold a role in this organisation."))
    if access.is_staff_member or access.organisation_ids():
        return ALLOW
    return deny(_("Stories are written by municipal staff and by organisations."))


@same_municipality("story")
def can_review_stories(user, story: Story | None = None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if access_for(user).has_unit_role(*REVIEWER_ROLES):
        return ALLOW
    return deny(_("Only the volunteer coordinator and the units' editors review stories."))


@same_municipality("story")
def can_edit_story(user, story: Story) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if can_review_stories(user, story):
        return ALLOW
    if story.author_id == user.pk:
        if story.state in (Story.State.DRAFT, Story.State.RETURNED):
            return ALLOW
        return deny(_("The story is with the reviewer; it can be changed when it comes back."))
    return deny(_("Only the story's author and its reviewers change it."))


def can_view_story(user, story: Story) -> Verdict:
    if story.state == Story.State.PUBLISHED:
        return ALLOW
    signed_in = user is not None and user.is_authenticated
    if signed_in and (story.author_id == user.pk or can_review_stories(user, story)):
        return ALLOW
    return deny(_("This story is not published."))


# --- the citizens' desk ---------------------------------------------------------------------


def can_use_desk(user) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if access_for(user).has_unit_role(UnitRoleName.CITIZENS_DESK):
        return ALLOW
    return deny(_("Only staff at the citizens' desk register on a citizen's behalf."))


# --- the volunteer conference and the volunteer council ------------------------------------


@same_municipality("conference")
def can_manage_conference(user, conference: Conference | None = None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if access_for(user).has_unit_role(UnitRoleName.VOLUNTEER_COORDINATOR):
        return ALLOW
    return deny(_("Only the volunteer coordinator keeps the conference's programme."))


@same_municipality("council")
def can_manage_council(user, council: Council | None = None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if access_for(user).has_unit_role(UnitRoleName.VOLUNTEER_COORDINATOR):
        return ALLOW
    return deny(_("Only the volunteer coordinator keeps the council's members and meetings."))
