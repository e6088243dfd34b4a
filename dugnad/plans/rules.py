"""Who may do what with action plans, measures and annual reports. Each `can_*` is a Verdict.

- Staff of a measure's responsible unit (any unit role, held there or in a unit above it)
  update the measure and its links.
- Plan owners (`PLAN_OWNER` in the plan's owner unit or above) do the same for every measure of
  the plan, follow the plan up and generate, edit and approve its reports.
- Representatives of an approved organisation comment on measures.
"""

from django.utils.translation import gettext_lazy as _

from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality
from dugnad.core.roles import UnitRoleName

from .models import ActionPlan, AnnualReport, Measure


def is_plan_owner(user, plan: ActionPlan) -> bool:
    return access_for(user).has_unit_role(UnitRoleName.PLAN_OWNER, unit=plan.owner_unit_id)


def owned_plan_unit_ids(user) -> frozenset[int]:
    return access_for(user).unit_ids(UnitRoleName.PLAN_OWNER)


def responsible_unit_ids(user) -> frozenset[int]:
    """Units whose measures `user` updates: every unit they hold any role in, and below."""
    return access_for(user).unit_ids()


@same_municipality("plan")
def can_follow_up(user, plan: ActionPlan) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_plan_owner(user, plan):
        return ALLOW
    return deny(_("Only the plan's owners follow up the whole plan."))


@same_municipality("measure")
def can_update_measure(user, measure: Measure) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if access_for(user).has_unit_role(unit=measure.responsible_unit_id):
        return ALLOW
    if is_plan_owner(user, measure.focus_area.plan):
        return ALLOW
    return deny(
        _("Only staff of %(unit)s, the unit responsible for this measure, can update it.")
        % {"unit": measure.responsible_unit.name}
    )


@same_municipality("measure")
def can_comment(user, measure: Measure, organisation=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if organisation is None:
        if access_for(user).organisation_ids():
            return ALLOW
        return deny(_("Comments come from voluntary organisations: you hold no role in one."))
    if organisation.municipality_id != measure.focus_area.plan.municipality_id:
        return deny(_("This belongs to another municipality."))
    if organisation.status != organisation.Status.APPROVED:
        return deny(_("The organisation must be approved by the municipality first."))
    if not access_for(user).has_organisation_role(organisation):
        return deny(_("You do not hold a role in this organisation."))
    return ALLOW


@same_municipality("plan")
def can_manage_reports(user, plan: ActionPlan) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_plan_owner(user, plan):
        return ALLOW
    return deny(_("Only the plan's owners write and approve its annual reports."))


@same_municipality("report")
def can_edit_report(user, report: AnnualReport) -> Verdict:
    if not (verdict := can_manage_reports(user, report.plan)):
        return verdict
    if report.is_approved:
        return deny(_("The report has been approved and can no longer be changed."))
    return ALLOW


@same_municipality("report")
def can_view_report(user, report: AnnualReport) -> Verdict:
    """An approved report is public; a draft is for the plan's owners and the units' staff."""
    if report.is_approved:
        return ALLOW
    if not (verdict := require_login(user)):
        return verdict
    if is_plan_owner(user, report.plan) or access_for(user).is_staff_member:
        return ALLOW
    return deny(_("This report is a draft: it is published when it is approved."))
