"""Who may do what with grant schemes and applications. Each `can_*` returns a Verdict."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from dugnad.accounts.roles import Role, has_unit_role
from dugnad.core.access import access_for
from dugnad.core.permissions import ALLOW, Verdict, deny, require_login, same_municipality
from dugnad.organisations.rules import can_act_for, is_representative

from .models import DECISION_KINDS, Application, GrantReport, Round, StateKind


def staff_unit_ids(user) -> frozenset[int]:
    """Units whose schemes' cases `user` handles or views, with sub-units to any depth."""
    return access_for(user).unit_ids(Role.CASE_HANDLER, Role.VIEWER)


def is_handler(user, scheme) -> bool:
    return has_unit_role(user, Role.CASE_HANDLER, unit=scheme.unit)


def is_viewer(user, scheme) -> bool:
    return has_unit_role(user, Role.VIEWER, Role.CASE_HANDLER, unit=scheme.unit)


def is_reviewer(user, application) -> bool:
    if user is None or not user.is_authenticated:
        return False
    ids = getattr(application, "_reviewer_ids", None)
    if ids is None:
        ids = set(application.reviewers.values_list("pk", flat=True))
        application._reviewer_ids = ids
    return user.pk in ids


def is_conflicted(user, application) -> bool:
    if user is None or not user.is_authenticated:
        return False
    ids = getattr(application, "_conflict_ids", None)
    if ids is None:
        ids = set(application.conflicts.values_list("user_id", flat=True))
        application._conflict_ids = ids
    return user.pk in ids


INHABIL = _("You have declared a conflict of interest in this case and are kept out of it.")


def can_apply(user, organisation, round: Round, now=None) -> Verdict:
    if not (verdict := can_act_for(user, organisation)):
        return verdict
    now = now or timezone.now()
    if now < round.opens_at:
        return deny(
            _("The round opens on %(date)s.")
            % {"date": date_format(timezone.localtime(round.opens_at), "DATETIME_FORMAT")}
        )
    if now >= round.deadline:
        return deny(deadline_passed(round))
    return ALLOW


def deadline_passed(round: Round) -> str:
    return _("The deadline passed on %(date)s.") % {
        "date": date_format(timezone.localtime(round.deadline), "DATETIME_FORMAT")
    }


def can_edit_application(user, application: Application) -> Verdict:
    if not (verdict := can_act_for(user, application.organisation)):
        return verdict
    if not application.is_draft:
        return deny(_("The application has been submitted and can no longer be changed."))
    return ALLOW


def can_view_application(user, application: Application) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_representative(user, application.organisation):
        return ALLOW
    if application.is_draft:
        return deny(_("Only the organisation sees an application before it is submitted."))
    if is_conflicted(user, application):
        return deny(INHABIL)
    if is_viewer(user, application.scheme) or is_reviewer(user, application):
        return ALLOW
    return deny(_("Only the organisation and the municipality's case handlers see this."))


def can_view_case(user, application: Application) -> Verdict:
    """The case page with internal notes and scores: staff and reviewers, never the applicant."""
    if not (verdict := require_login(user)):
        return verdict
    if application.is_draft:
        return deny(_("The application has not been submitted yet."))
    if is_conflicted(user, application):
        return deny(INHABIL)
    if is_viewer(user, application.scheme) or is_reviewer(user, application):
        return ALLOW
    return deny(_("Only the municipality's case handlers and reviewers see the case."))


def can_handle(user, application: Application) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if application.is_draft:
        return deny(_("The application has not been submitted yet."))
    if not is_handler(user, application.scheme):
        return deny(_("Only the scheme's case handlers can do this."))
    if is_conflicted(user, application):
        return deny(INHABIL)
    return ALLOW


def can_take_transition(user, application: Application, transition) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_conflicted(user, application):
        return deny(INHABIL)
    if transition.source_id != application.state_id:
        return deny(_("The case is no longer in the state this step starts from."))
    if not has_unit_role(user, transition.role, unit=application.scheme.unit):
        return deny(
            _("This step is taken by the role “%(role)s”.")
            % {"role": transition.get_role_display()}
        )
    return ALLOW


def can_decide(user, application: Application) -> Verdict:
    if not (verdict := can_handle(user, application)):
        return verdict
    if hasattr(application, "decision"):
        return deny(_("The case has already been decided."))
    targets = {
        t.target.kind for t in application.state.outgoing.all() if t.target.kind in DECISION_KINDS
    }
    if not targets:
        return deny(_("The case cannot be decided in its current state."))
    return ALLOW


def can_score(user, application: Application) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_conflicted(user, application):
        return deny(INHABIL)
    if application.is_draft:
        return deny(_("The application has not been submitted yet."))
    if hasattr(application, "decision"):
        return deny(_("The case has been decided; scores can no longer change."))
    if is_handler(user, application.scheme) or is_reviewer(user, application):
        return ALLOW
    return deny(_("Only case handlers and the case's reviewers score applications."))


def can_add_note(user, application: Application) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_conflicted(user, application):
        return deny(INHABIL)
    if application.is_draft:
        return deny(_("The application has not been submitted yet."))
    if is_handler(user, application.scheme) or is_reviewer(user, application):
        return ALLOW
    return deny(_("Only case handlers and the case's reviewers write internal notes."))


def can_declare_conflict(user, application: Application) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_conflicted(user, application):
        return deny(_("You have already declared a conflict of interest in this case."))
    if is_viewer(user, application.scheme) or is_reviewer(user, application):
        return ALLOW
    return deny(_("Only the municipality's staff and reviewers declare conflicts of interest."))


def can_assign(user, application: Application) -> Verdict:
    return can_handle(user, application)


def can_report(user, application: Application) -> Verdict:
    if not (verdict := can_act_for(user, application.organisation)):
        return verdict
    decision = getattr(application, "decision", None)
    if decision is None or decision.outcome == decision.Outcome.REJECTED:
        return deny(_("Only awarded grants are reported on."))
    report = getattr(application, "report", None)
    if report is not None and report.status != GrantReport.Status.MORE_REQUESTED:
        return deny(_("The report has been sent."))
    if application.state and application.state.kind == StateKind.CLOSED:
        return deny(_("The case is closed."))
    return ALLOW


def can_review_report(user, application: Application) -> Verdict:
    if not (verdict := can_handle(user, application)):
        return verdict
    report = getattr(application, "report", None)
    if report is None or report.status != GrantReport.Status.SUBMITTED:
        return deny(_("There is no report waiting for review."))
    return ALLOW


def can_see_overview(user, scheme=None) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if has_unit_role(user, Role.CASE_HANDLER, Role.VIEWER, unit=scheme.unit if scheme else None):
        return ALLOW
    return deny(_("Only the municipality's case handlers and viewers see the overview."))


def can_see_case_list(user) -> Verdict:
    """The list of cases is for case handlers and viewers, and for the people asked to review
    an application (who see only those)."""
    if not (verdict := require_login(user)):
        return verdict
    if can_see_overview(user) or user.grant_reviews.exists():
        return ALLOW
    return deny(
        _("Only case handlers, viewers and people asked to review an application see the cases.")
    )


def can_preview_form(user, scheme) -> Verdict:
    if not (verdict := require_login(user)):
        return verdict
    if is_viewer(user, scheme):
        return ALLOW
    return deny(_("Only the municipality's staff preview application forms."))


def can_set_up_schemes(user) -> Verdict:
    """The list of schemes to set up: for case handlers (of any unit; each scheme then asks
    for its own unit)."""
    if not (verdict := require_login(user)):
        return verdict
    if has_unit_role(user, Role.CASE_HANDLER):
        return ALLOW
    return deny(_("Only the municipality's case handlers set up grant schemes."))


@same_municipality("scheme")
def can_set_up_scheme(user, scheme) -> Verdict:
    """Create or change a scheme, its form, workflow, budgets and rounds: the case handlers
    of the unit that handles it (or a unit above it)."""
    if not (verdict := require_login(user)):
        return verdict
    if is_handler(user, scheme):
        return ALLOW
    return deny(_("Only the case handlers of the unit that handles the scheme can set it up."))
