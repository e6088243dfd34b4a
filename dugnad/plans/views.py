"""Thin views: they read through queries.py and report.py, and write through actions.py."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core import exports
from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError
from dugnad.core.figures import four_month_period, year_period
from dugnad.core.forms import add_domain_error
from dugnad.core.params import MIN_YEAR, int_or_default

from . import actions, queries, rules
from . import report as report_content
from .forms import CommentForm, LinkForm, ReportTextForm, ReportYearForm, UpdateForm
from .models import AnnualReport, Measure

TOPIC = "plans"


@public_page(TOPIC)
def plan_list(request):
    found = list(queries.plans(request.municipality))
    if len(found) == 1:
        return redirect(found[0])
    return render(request, "plans/plan_list.html", {"plans": found})


@public_page(TOPIC)
def plan_detail(request, pk):
    plan = get_object_or_404(queries.plans(request.municipality), pk=pk)
    plan = queries.plan_detail(plan.pk, request.municipality)
    owner = rules.can_follow_up(request.user, plan).allowed
    staff = owner or request.access.is_staff_member
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "reports": queries.reports(plan, include_drafts=staff),
            "can_follow_up": owner,
            "year_form": ReportYearForm(years=actions.report_years(plan)) if owner else None,
            "period": queries.current_period(),
        },
    )


def _measure_context(request, measure, **forms):
    can_update = rules.can_update_measure(request.user, measure).allowed
    organisations = queries.user_organisations(request.user, request.municipality)
    context = {
        "measure": measure,
        "plan": measure.focus_area.plan,
        "can_update": can_update,
        "update_form": forms.get("update_form")
        or (UpdateForm(measure=measure) if can_update else None),
        "link_form": forms.get("link_form") or (LinkForm() if can_update else None),
        "comment_form": forms.get("comment_form")
        or (CommentForm(organisations=organisations) if organisations else None),
    }
    return context


@public_page(TOPIC)
def measure_detail(request, pk):
    measure = get_object_or_404(queries.measures(request.municipality), pk=pk)
    measure = queries.measure_detail(measure.pk, request.municipality)
    return render(request, "plans/measure_detail.html", _measure_context(request, measure))


def _measure_or_404(request, pk) -> Measure:
    return get_object_or_404(queries.measures(request.municipality), pk=pk)


@login_required
def measure_update(request, pk):
    measure = _measure_or_404(request, pk)
    rules.can_update_measure(request.user, measure).enforce()
    form = UpdateForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_update(request.user, measure, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The update is saved."))
            return redirect(measure)
    return render(request, "plans/update_form.html", {"measure": measure, "form": form})


@login_required
@require_POST
def measure_comment(request, pk):
    measure = _measure_or_404(request, pk)
    organisations = queries.user_organisations(request.user, request.municipality)
    rules.can_comment(request.user, measure).enforce()
    form = CommentForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            actions.add_comment(
                request.user, measure, form.cleaned_data["organisation"], form.cleaned_data["text"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you: the comment is published with the measure."))
            return redirect(f"{measure.get_absolute_url()}#comments")
    measure = queries.measure_detail(measure.pk, request.municipality)
    context = _measure_context(request, measure, comment_form=form)
    return render(request, "plans/measure_detail.html", context, status=400)


@login_required
@require_POST
def link_add(request, pk):
    measure = _measure_or_404(request, pk)
    rules.can_update_measure(request.user, measure).enforce()
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            actions.add_link(request.user, measure, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The link is added."))
            return redirect(f"{measure.get_absolute_url()}#links")
    measure = queries.measure_detail(measure.pk, request.municipality)
    context = _measure_context(request, measure, link_form=form)
    return render(request, "plans/measure_detail.html", context, status=400)


@login_required
@require_POST
def link_remove(request, pk):
    link = get_object_or_404(queries.links_in(request.municipality), pk=pk)
    actions.remove_link(request.user, link)
    messages.success(request, _("The link is removed."))
    return redirect(f"{link.measure.get_absolute_url()}#links")


@login_required
def follow_up(request, pk):
    plan = get_object_or_404(queries.plan_choices(request.municipality), pk=pk)
    rules.can_follow_up(request.user, plan).enforce()
    start, end = queries.current_period()
    return render(
        request,
        "plans/follow_up.html",
        {
            "plan": plan,
            "missing": queries.plan_without_update(plan),
            "start": start,
            "last_day": end - dt.timedelta(days=1),
        },
    )


@login_required
def mine(request):
    start, end = queries.current_period()
    measures, missing = queries.my_measures_this_period(request.user, request.municipality)
    return render(
        request,
        "plans/mine.html",
        {
            "measures": measures,
            "missing": missing,
            "start": start,
            "last_day": end - dt.timedelta(days=1),
        },
    )


@login_required
@require_POST
def report_new(request, pk):
    plan = get_object_or_404(queries.plan_choices(request.municipality), pk=pk)
    rules.can_manage_reports(request.user, plan).enforce()
    form = ReportYearForm(request.POST, years=actions.report_years(plan))
    if not form.is_valid():
        messages.error(request, "; ".join(form.errors.get("year", [])))
        return redirect(plan)
    try:
        report, created = actions.generate_report(request.user, plan, form.cleaned_data["year"])
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(plan)
    if not created:
        messages.info(request, _("The report for this year exists already: here it is."))
    return redirect(report)


def _report_or_404(request, pk) -> AnnualReport:
    report = get_object_or_404(queries.reports_in(request.municipality), pk=pk)
    rules.can_view_report(request.user, report).enforce()
    return report


def _text_sections(data) -> list[tuple[str, str]]:
    sections = [("summary", _("Summary")), ("measures", _("The plan's measures"))]
    return sections + [(section["key"], section["title"]) for section in data["sections"]]


def _report_context(request, report):
    data = report_content.content(report)
    charts = report_content.charts(data)
    texts = report.texts or {}
    return {
        "report": report,
        "plan": report.plan,
        "data": data,
        "states_chart": charts["states"],
        "sections": [
            (section, charts[section["key"]], texts.get(section["key"], ""))
            for section in data["sections"]
        ],
        "texts": texts,
        "can_edit": rules.can_edit_report(request.user, report).allowed,
        "can_approve": not report.is_approved
        and rules.can_manage_reports(request.user, report.plan).allowed,
    }


@public_page(TOPIC)
def report_detail(request, pk):
    report = _report_or_404(request, pk)
    return render(request, "plans/report_detail.html", _report_context(request, report))


@login_required
def report_edit(request, pk):
    report = _report_or_404(request, pk)
    rules.can_edit_report(request.user, report).enforce()
    sections = _text_sections(report_content.content(report))
    form = ReportTextForm(request.POST or None, sections=sections, initial=report.texts)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_texts(request.user, report, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The report's text is saved."))
            return redirect(report)
    return render(request, "plans/report_edit.html", {"report": report, "form": form})


@login_required
@require_POST
def report_approve(request, pk):
    report = _report_or_404(request, pk)
    rules.can_manage_reports(request.user, report.plan).enforce()
    try:
        actions.approve_report(request.user, report)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The report is approved and published; its figures are frozen.")
        )
    return redirect(report)


@public_page(TOPIC)  # an approved report's PDF is the same for everyone: made once
def report_pdf(request, pk):
    from weasyprint import HTML  # loaded on demand: it pulls in pango

    report = _report_or_404(request, pk)
    html = render_to_string(
        "plans/report_pdf.html", _report_context(request, report), request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = exports.safe_filename(f"{report.plan.title}-{report.year}", "pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@public_page(TOPIC)
def report_figures(request, pk, extension):
    report = _report_or_404(request, pk)
    header, rows = report_content.figure_rows(report_content.content(report))
    name = f"{report.plan.title}-{report.year}"
    if extension == "xlsx":
        return exports.xlsx_response(name, header, rows, sheet_title=str(report.year))
    return exports.csv_response(name, header, rows)


def figures(request):
    """Every app's key figures for a year or one of its four-month periods, with definitions."""
    this_year = timezone.localdate().year
    year = int_or_default(
        request.GET.get("year"), minimum=MIN_YEAR, maximum=this_year, default=this_year - 1
    )
    period = int_or_default(request.GET.get("period"), minimum=0, maximum=3, default=0)
    start, end = four_month_period(year, period) if period else year_period(year)
    sections = queries.key_figures(request.municipality, start, end)
    return render(
        request,
        "plans/figures.html",
        {
            "sections": sections,
            "year": year,
            "period": period,
            "years": range(this_year, max(MIN_YEAR, this_year - 10), -1),
            "last_day": end - dt.timedelta(days=1),
            "start": start,
            "has_data": any(f.value is not None for s in sections for f in s.figures),
        },
    )
