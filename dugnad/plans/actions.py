"""Every write of the plans app: permission, validation, transaction, locks, notify."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify

from . import report as report_content
from . import rules
from .models import (
    PROGRESS_RANGE,
    ActionPlan,
    AnnualReport,
    Measure,
    MeasureComment,
    MeasureLink,
    MeasureState,
    StatusUpdate,
)

TEXT_LIMIT = 3000
COMMENT_LIMIT = 2000


def _check_progress(progress) -> int:
    if not isinstance(progress, int) or isinstance(progress, bool) or not 0 <= progress <= 100:
        raise DomainError(PROGRESS_RANGE, code="progress_range", field="progress")
    return progress


def add_update(
    user,
    measure: Measure,
    *,
    date: dt.date,
    done: str,
    next_steps: str = "",
    state: str,
    progress: int,
) -> StatusUpdate:
    """A dated status update; the measure takes its state and progress when it is the newest."""
    rules.can_update_measure(user, measure).enforce()
    progress = _check_progress(progress)
    if state not in MeasureState.values:
        raise DomainError(_("Choose one of the states in the list."), code="state", field="state")
    if not done.strip():
        raise DomainError(_("Say what was done."), code="required", field="done")
    if len(done) > TEXT_LIMIT or len(next_steps) > TEXT_LIMIT:
        raise DomainError(
            _("Keep each text under %(n)s characters.") % {"n": TEXT_LIMIT}, code="too_long"
        )
    if date > timezone.localdate():
        raise DomainError(
            _("An update tells what has happened: the date cannot be in the future."),
            code="future",
            field="date",
        )
    with transaction.atomic():
        lock(measure)
        # A double click posts the same update twice: the second finds the first.
        same = measure.updates.filter(date=date, done=done, state=state, progress=progress).first()
        if same is not None:
            return same
        update = StatusUpdate.objects.create(
            measure=measure,
            date=date,
            done=done,
            next_steps=next_steps,
            state=state,
            progress=progress,
            author=user,
        )
        newest = measure.updates.order_by("-date", "-id").first()
        if newest.pk == update.pk:
            measure.state, measure.progress = state, progress
            measure.save(update_fields=["state", "progress", "updated_at"])
        notify(
            "plans.measure_updated",
            actor=user,
            target=measure,
            data={"state": state, "progress": progress, "date": date.isoformat()},
        )
    return update


def add_comment(user, measure: Measure, organisation, text: str) -> MeasureComment:
    rules.can_comment(user, measure, organisation).enforce()
    text = text.strip()
    if not text:
        raise DomainError(_("Write a comment first."), code="required", field="text")
    if len(text) > COMMENT_LIMIT:
        raise DomainError(
            _("Keep the comment under %(n)s characters.") % {"n": COMMENT_LIMIT},
            code="too_long",
            field="text",
        )
    with transaction.atomic():
        lock(measure)
        same = measure.comments.filter(organisation=organisation, text=text).first()
        if same is not None:
            return same
        comment = MeasureComment.objects.create(
            measure=measure, organisation=organisation, author=user, text=text
        )
        notify("plans.measure_commented", actor=user, target=measure, data={"org": organisation.pk})
    return comment


def _check_address(url: str) -> str:
    url = url.strip()
    if url.startswith("/") and not url.startswith("//"):
        return url
    if url.startswith(("https://", "http://")) and " " not in url:
        return url
    raise DomainError(
        _("Give an address on this site (starting with /) or a full web address (https://…)."),
        code="url",
        field="url",
    )


def add_link(user, measure: Measure, *, label: str, url: str = "", target=None) -> MeasureLink:
    """Link what realises the measure: an object of the platform (`target`, any model with a
    page) or a label and an address."""
    rules.can_update_measure(user, measure).enforce()
    label = label.strip() or (str(target) if target is not None else "")
    if not label:
        raise DomainError(_("Say what realises the measure."), code="required", field="label")
    with transaction.atomic():
        lock(measure)
        if target is not None:
            content_type = ContentType.objects.get_for_model(target)
            link, _created = MeasureLink.objects.get_or_create(
                measure=measure,
                content_type=content_type,
                object_id=target.pk,
                defaults={"label": label[:200]},
            )
        else:
            url = _check_address(url)
            link, _created = MeasureLink.objects.get_or_create(
                measure=measure, object_id=None, url=url, defaults={"label": label[:200]}
            )
        notify("plans.measure_linked", actor=user, target=measure, data={"link": link.label})
    return link


def remove_link(user, link: MeasureLink) -> None:
    rules.can_update_measure(user, link.measure).enforce()
    with transaction.atomic():
        notify("plans.measure_unlinked", actor=user, target=link.measure, data={"link": link.label})
        link.delete()


def report_years(plan: ActionPlan, today: dt.date | None = None) -> list[int]:
    """Years a report can be made for: from the plan's first year to this one."""
    this_year = (today or timezone.localdate()).year
    return list(range(max(this_year, plan.start_year), plan.start_year - 1, -1))


def generate_report(user, plan: ActionPlan, year: int) -> tuple[AnnualReport, bool]:
    """The year's report (a new draft, or the one that exists) and whether it was made now."""
    rules.can_manage_reports(user, plan).enforce()
    if year not in report_years(plan):
        raise DomainError(
            _("Choose a year from %(first)s to this year.") % {"first": plan.start_year},
            code="year",
            field="year",
        )
    with transaction.atomic():
        lock(plan)
        report, created = AnnualReport.objects.get_or_create(
            plan=plan, year=year, defaults={"created_by": user}
        )
        if created:
            notify("plans.report_created", actor=user, target=report)
    return report, created


def save_texts(user, report: AnnualReport, texts: dict[str, str]) -> AnnualReport:
    with transaction.atomic():
        report = (
            AnnualReport.objects.select_for_update(of=("self",))
            .select_related("plan")
            .get(pk=report.pk)
        )
        rules.can_edit_report(user, report).enforce()
        report.texts = {key: value for key, value in texts.items() if value.strip()}
        report.save(update_fields=["texts"])
        notify("plans.report_edited", actor=user, target=report)
    return report


def approve_report(user, report: AnnualReport) -> AnnualReport:
    """Approve the report and freeze what it shows; a second approval is refused."""
    rules.can_manage_reports(user, report.plan).enforce()
    with transaction.atomic():
        # Lock the report's row only: the joined rows may be null (approved_by), and
        # PostgreSQL cannot lock the nullable side of an outer join.
        report = (
            AnnualReport.objects.select_for_update(of=("self",))
            .select_related("plan__municipality", "approved_by")
            .get(pk=report.pk)
        )
        if report.is_approved:
            raise Conflict(
                _("This report was approved on %(date)s and cannot be approved again.")
                % {"date": date_format(timezone.localtime(report.approved_at), "DATE_FORMAT")},
                code="already_approved",
            )
        # The published report is the municipality's document in its own language, whoever
        # approves it and in whichever language they read the site.
        with translation.override(settings.LANGUAGE_CODE):
            report.snapshot = report_content.build(report)
        report.status = AnnualReport.Status.APPROVED
        report.approved_by = user
        report.approved_at = timezone.now()
        report.save(update_fields=["snapshot", "status", "approved_by", "approved_at"])
        notify("plans.report_approved", actor=user, target=report, data={"year": report.year})
    return report
