"""The administrators' set-up pages (subjects, fee plans, income bands, school years) and the
re-registration summary: thin views over queries.py and setup_actions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.privacy import note_people_shown

from . import continuation, queries, setup_actions
from .forms import FeePlanForm, IncomeBandForm, SchoolYearForm, SubjectForm, year_initial
from .views import _staff_school


def _form_page(request, form, *, title, back_url, submit):
    return render(
        request,
        "culture_school/setup_form.html",
        {"form": form, "title": title, "back_url": back_url, "submit": submit},
    )


def _saved(request, form, save, success, next_url):
    """Run the action on a valid form: on success a message and the list, on a domain error
    the message on the form (everything typed stays)."""
    try:
        save(form.cleaned_data)
    except DomainError as error:
        add_domain_error(form, error)
        return None
    messages.success(request, success)
    return redirect(next_url)


# --- Subjects --------------------------------------------------------------------------------


@login_required
def subjects(request):
    school = _staff_school(request)
    return render(
        request,
        "culture_school/setup_subjects.html",
        {"school": school, "subjects": list(queries.subjects_with_offers(school))},
    )


@login_required
def subject_edit(request, pk=None):
    school = _staff_school(request)
    subject = get_object_or_404(queries.subjects(school), pk=pk) if pk is not None else None
    form = SubjectForm(request.POST or None, instance=subject)
    back = reverse("culture_school:subjects")
    if request.method == "POST" and form.is_valid():
        done = _saved(
            request,
            form,
            lambda data: setup_actions.save_subject(request.user, school, data, subject),
            _("The subject is saved."),
            back,
        )
        if done:
            return done
    title = _("Edit subject: %(name)s") % {"name": subject.name} if subject else _("New subject")
    return _form_page(request, form, title=title, back_url=back, submit=_("Save the subject"))


# --- Fee plans -------------------------------------------------------------------------------


@login_required
def fee_plans(request):
    school = _staff_school(request)
    return render(
        request,
        "culture_school/setup_fee_plans.html",
        {"school": school, "plans": list(queries.fee_plans_with_offers(school))},
    )


@login_required
def fee_plan_edit(request, pk=None):
    school = _staff_school(request)
    plan = get_object_or_404(queries.fee_plans_with_offers(school), pk=pk) if pk else None
    initial = {"name": plan.name, "semester_fee_ore": plan.semester_fee_ore} if plan else None
    form = FeePlanForm(request.POST or None, initial=initial)
    back = reverse("culture_school:fee_plans")
    if request.method == "POST" and form.is_valid():
        done = _saved(
            request,
            form,
            lambda data: setup_actions.save_fee_plan(request.user, school, data, plan),
            _("The fee plan is saved."),
            back,
        )
        if done:
            return done
    title = _("Edit fee plan: %(name)s") % {"name": plan.name} if plan else _("New fee plan")
    return _form_page(request, form, title=title, back_url=back, submit=_("Save the fee plan"))


# --- School years and their income bands --------------------------------------------------------


@login_required
def years(request):
    school = _staff_school(request)
    return render(
        request,
        "culture_school/setup_years.html",
        {"school": school, "years": list(queries.years_with_offers(school))},
    )


@login_required
def year_edit(request, year_pk=None):
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk) if year_pk else None
    if year is not None:
        initial = year_initial(year)
    else:
        latest = queries.current_year(school)
        initial = {
            "applications_open": True,
            "offer_days": latest.offer_days if latest else 14,
            "sibling_second_percent": latest.sibling_second_percent if latest else 30,
            "sibling_third_percent": latest.sibling_third_percent if latest else 50,
            "basic_amount_ore": latest.basic_amount_ore if latest else None,
        }
    form = SchoolYearForm(request.POST or None, initial=initial)
    back = reverse("culture_school:years")
    if request.method == "POST" and form.is_valid():
        done = _saved(
            request,
            form,
            lambda data: setup_actions.save_year(request.user, school, data, year),
            _("The school year is saved."),
            back,
        )
        if done:
            return done
    title = (
        _("Settings of the school year %(name)s") % {"name": year.name}
        if year
        else _("New school year")
    )
    return _form_page(request, form, title=title, back_url=back, submit=_("Save the school year"))


@login_required
def bands(request, year_pk):
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk)
    return render(
        request,
        "culture_school/setup_bands.html",
        {"school": school, "year": year, "bands": list(queries.bands_of(year))},
    )


@login_required
def band_edit(request, year_pk, pk=None):
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk)
    band = get_object_or_404(queries.bands_of(year), pk=pk) if pk else None
    initial = None
    if band is not None:
        initial = {"up_to_g": band.up_to_g, "reduction_percent": band.reduction_percent}
    form = IncomeBandForm(request.POST or None, initial=initial)
    back = reverse("culture_school:bands", kwargs={"year_pk": year.pk})
    if request.method == "POST" and form.is_valid():
        done = _saved(
            request,
            form,
            lambda data: setup_actions.save_band(request.user, year, data, band),
            _("The income band is saved."),
            back,
        )
        if done:
            return done
    title = (
        _("Edit income band of %(year)s") % {"year": year.name}
        if band
        else _("New income band for %(year)s") % {"year": year.name}
    )
    return _form_page(request, form, title=title, back_url=back, submit=_("Save the income band"))


@login_required
@require_POST
def band_delete(request, year_pk, pk):
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk)
    band = get_object_or_404(queries.bands_of(year), pk=pk)
    try:
        setup_actions.delete_band(request.user, band)
        messages.success(request, _("The income band is removed."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("culture_school:bands", year_pk=year.pk)


# --- Re-registration summary -------------------------------------------------------------------


@login_required
def reregistration(request, year_pk):
    """Per offer: how many answered continue, change or quit, and who has not answered yet."""
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk)
    offers = list(queries.reregistration_summary(year))
    totals = {
        key: sum(getattr(offer, key) for offer in offers)
        for key in (
            "active_places",
            "answered_continue",
            "answered_change",
            "answered_quit",
            "not_answered",
        )
    }
    page = Paginator(queries.not_answered(year), 50).get_page(request.GET.get("page"))
    note_people_shown(request, (place.pupil for place in page.object_list))
    return render(
        request,
        "culture_school/reregistration_summary.html",
        {
            "school": school,
            "year": year,
            "is_open": continuation.is_open(year),
            "offers": offers,
            "totals": totals,
            "page_obj": page,
        },
    )
