"""Thin views: the catalogue, the family's pages and the staff's pages. They read through
queries.py and write through actions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dugnad.core import exports
from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error, add_domain_error_to_formset
from dugnad.core.privacy import note_people_shown
from dugnad.core.uploads import serve_file

from . import actions, continuation, fee_actions, fees, queries, rules, structured
from .forms import (
    ApplyForm,
    CatalogueFilterForm,
    ContinuationForm,
    DeadlineForm,
    DecideForm,
    FreePlaceForm,
    InviteForm,
    MakeOffersForm,
    OfferForm,
    PopulationForm,
    PupilForm,
    ReductionForm,
    RulesForm,
)


def _school_or_404(request):
    school = queries.school_for(request.municipality)
    if school is None:
        raise Http404(_("This municipality has no culture school here."))
    return school


# --- Public ------------------------------------------------------------------------------------


@public_page(*queries.PUBLIC_TOPICS)
def index(request):
    """The catalogue: this year's offers, filtered, each with free places or the queue."""
    school = queries.school_for(request.municipality)
    year = queries.current_year(school)
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    offers = list(queries.catalogue(request.municipality, filters, year)) if year else []
    for offer in offers:
        offer.free = queries.free_places(offer)
    return render(
        request,
        "culture_school/index.html",
        {
            "school": school,
            "year": year,
            "form": form,
            "offers": offers,
            "jsonld": structured.catalogue_jsonld(offers, request) if offers else None,
            "is_staff": rules.is_admin(request.user, school),
            "is_teacher": rules.is_teacher(request.user, school),
        },
    )


@public_page(*queries.PUBLIC_TOPICS)
def offer_detail(request, pk):
    offer = get_object_or_404(queries.offer(request.municipality, pk))
    offer.free = queries.free_places(offer)
    return render(
        request,
        "culture_school/offer_detail.html",
        {"offer": offer, "jsonld": structured.course_jsonld(offer, request)},
    )


# --- The family --------------------------------------------------------------------------------


@login_required
def family(request):
    """A family's page: every child, their applications with positions, offers, places."""
    school = _school_or_404(request)
    pupils = queries.family(request.user, request.municipality)
    applications = [a for p in pupils for a in p.applications.all()]
    positions = queries.positions(applications)
    for application in applications:
        application.position = positions.get(application.pk)
    upcoming = queries.upcoming_lessons_for_family(request.user, request.municipality)
    for pupil in pupils:
        for place in pupil.active_places:
            place.upcoming = upcoming.get(place.pk, [])
    return render(
        request,
        "culture_school/family.html",
        {
            "school": school,
            "pupils": pupils,
            "invite_form": InviteForm(),
        },
    )


@login_required
def pupil_add(request):
    school = _school_or_404(request)
    form = PupilForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            pupil = actions.add_pupil(request.user, school, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": pupil.first_name})
            return redirect(f"{_apply_url()}?pupil={pupil.pk}")
    return render(request, "culture_school/pupil_form.html", {"form": form})


def _apply_url():
    from django.urls import reverse

    return reverse("culture_school:apply")


@login_required
def apply(request):
    school = _school_or_404(request)
    year = queries.current_year(school)
    pupils = queries.family_pupils(request.user, request.municipality)
    if not queries.has_family(request.user, request.municipality):
        messages.info(request, _("First register who the application is for."))
        return redirect("culture_school:pupil_add")
    offers = queries.catalogue(request.municipality, {}, year) if year else queries.no_offers()
    initial = {}
    if (pupil_id := _int(request.GET.get("pupil"))) is not None:
        initial["pupil"] = pupil_id
    if (offer_id := _int(request.GET.get("offer"))) is not None:
        initial["choice_1"] = offer_id
    form = ApplyForm(request.POST or None, pupils=pupils, offers=offers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.apply(request.user, form.cleaned_data["pupil"], form.choices())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The application for %(name)s is sent: %(count)s choice on the waiting list.",
                    "The application for %(name)s is sent: %(count)s choices on the waiting list.",
                    len(created),
                )
                % {"name": form.cleaned_data["pupil"].first_name, "count": len(created)},
            )
            return redirect("culture_school:family")
    return render(request, "culture_school/apply.html", {"form": form, "year": year})


def _int(value):
    from dugnad.core.params import parse_int

    try:
        return parse_int(value)
    except DomainError:
        return None


@login_required
@require_POST
def answer_offer(request, pk):
    place_offer = get_object_or_404(
        queries.place_offer_for_user(request.user, request.municipality, pk)
    )
    answer = request.POST.get("answer")
    try:
        if answer == "accept":
            actions.accept_offer(request.user, place_offer)
            messages.success(request, _("The place is yours. Welcome to the culture school!"))
        elif answer == "decline":
            actions.decline_offer(request.user, place_offer)
            messages.success(request, _("You declined the place; it goes to the next in line."))
        else:
            messages.error(request, _("Choose whether to accept or decline the place."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("culture_school:family")


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(
        queries.application_for_user(request.user, request.municipality, pk)
    )
    try:
        actions.withdraw(request.user, application)
        messages.success(request, _("The application is withdrawn."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("culture_school:family")


@login_required
@require_POST
def invite(request, pk):
    pupil = get_object_or_404(queries.pupil_for_user(request.user, request.municipality, pk))
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            actions.invite_guardian(
                request.user,
                pupil,
                form.cleaned_data["email"],
                base_url=f"{request.scheme}://{request.get_host()}",
            )
            messages.success(request, _("The invitation is sent."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, _("Give a valid email address for the other guardian."))
    return redirect("culture_school:family")


@login_required
def invitation(request, token):
    invitation = get_object_or_404(queries.invitation(token, request.municipality))
    if request.method == "POST":
        try:
            actions.accept_invitation(request.user, invitation)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("You now share %(name)s's page.") % {"name": invitation.pupil.first_name},
            )
            return redirect("culture_school:family")
    return render(request, "culture_school/invitation.html", {"invitation": invitation})


# --- Staff ---------------------------------------------------------------------------------


def _staff_school(request):
    school = _school_or_404(request)
    rules.can_administer(request.user, school).enforce()
    return school


def _year(request, school):
    year_id = _int(request.GET.get("year"))
    if year_id is not None:
        year = queries.year_of(school, year_id)
        if year is None:
            raise Http404(_("No such school year."))
        return year
    year = queries.current_year(school)
    if year is None:
        raise Http404(_("The culture school has no school year yet."))
    return year


@login_required
def staff(request):
    school = _staff_school(request)
    year = _year(request, school)
    offers = list(queries.staff_offers(year))
    for offer in offers:
        offer.free = queries.free_places(offer)
    rules_form = RulesForm(
        initial={f"rule_{n}": rule.kind for n, rule in enumerate(year.rules.all(), 1)}
    )
    return render(
        request,
        "culture_school/staff.html",
        {
            "is_teacher": rules.is_teacher(request.user, school),
            "school": school,
            "year": year,
            "years": queries.years(school),
            "offers": offers,
            "rules_form": rules_form,
            "population_form": PopulationForm(initial={"population": year.population_6_15}),
            "deadline_form": DeadlineForm(
                initial={
                    "continuation_deadline": year.continuation_deadline,
                    "continuation_silence": year.continuation_silence,
                }
            ),
            "rules": list(year.rules.all()),
        },
    )


@login_required
@require_POST
def rules_save(request, year_pk):
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk)
    form = RulesForm(request.POST)
    if form.is_valid():
        try:
            actions.set_rules(request.user, year, form.kinds())
            messages.success(request, _("The waiting-list rules are saved."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return redirect(f"{_staff_url()}?year={year.pk}")


@login_required
@require_POST
def lottery(request, year_pk):
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk)
    actions.draw_lottery(request.user, year)
    messages.success(request, _("A new lottery seed is drawn and recorded."))
    return redirect(f"{_staff_url()}?year={year.pk}")


def _staff_url():
    from django.urls import reverse

    return reverse("culture_school:staff")


@login_required
def offer_edit(request, pk=None):
    school = _staff_school(request)
    offer = None
    if pk is not None:
        offer = get_object_or_404(queries.offer(request.municipality, pk, staff=True))
        year = offer.school_year
    else:
        year = _year(request, school)
    form = OfferForm(request.POST or None, instance=offer, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_offer(request.user, year, form.cleaned_data, offer)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The offer is saved."))
            return redirect("culture_school:waiting_list", pk=saved.pk)
    return render(
        request, "culture_school/offer_form.html", {"form": form, "offer": offer, "year": year}
    )


@login_required
def waiting_list(request, pk):
    school = _staff_school(request)
    offer = get_object_or_404(queries.offer(request.municipality, pk, staff=True))
    offer.free = queries.free_places(offer)
    form = MakeOffersForm(request.POST or None, initial={"count": max(1, offer.free)})
    if request.method == "POST":
        application = None
        if (application_id := _int(request.POST.get("application"))) is not None:
            application = queries.waiting_application(offer, application_id)
        if application is not None or form.is_valid():
            count = None if application is not None else form.cleaned_data["count"]
            try:
                made = actions.make_offers(request.user, offer, count, application)
            except DomainError as error:
                if application is None:
                    add_domain_error(form, error)
                else:
                    messages.error(request, str(error.message))
            else:
                messages.success(
                    request,
                    ngettext("%(count)s place offered.", "%(count)s places offered.", len(made))
                    % {"count": len(made)},
                )
                return redirect("culture_school:waiting_list", pk=offer.pk)
    ranked = queries.waiting_list(offer)
    open_offers = list(queries.open_offers_of(offer))
    note_people_shown(request, [r.application.pupil for r in ranked])
    return render(
        request,
        "culture_school/waiting_list.html",
        {
            "school": school,
            "offer": offer,
            "ranked": ranked,
            "rules": list(offer.school_year.rules.all()),
            "open_offers": open_offers,
            "form": form,
        },
    )


# --- Fees ------------------------------------------------------------------------------------


def _semester(request, year):
    key = request.GET.get("semester") or ""
    if key not in ("autumn", "spring"):
        return fees.current_semester(year)
    return fees.semester_of(year, key)


@login_required
def family_fees(request):
    school = _school_or_404(request)
    year = queries.current_year(school)
    if year is None:
        raise Http404(_("The culture school has no school year yet."))
    semester = _semester(request, year)
    form = ReductionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            fee_actions.request_reduction(
                request.user,
                year,
                form.cleaned_data["household_income"] * 100,
                form.cleaned_data["evidence"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The request is sent; the culture school decides it."))
            return redirect("culture_school:family_fees")
    return render(
        request,
        "culture_school/family_fees.html",
        {
            "year": year,
            "semester": semester,
            "semesters": fees.semesters(year),
            "payer": fees.for_payer(request.user, semester),
            "requests": queries.reductions_of(request.user, year),
            "bands": list(year.bands.all()),
            "form": form,
        },
    )


@login_required
def staff_fees(request):
    school = _staff_school(request)
    year = _year(request, school)
    semester = _semester(request, year)
    payers = fees.invoice_basis(semester)
    name = f"fakturagrunnlag-kulturskole-{semester.key}-{semester.starts_on.year}"
    if request.GET.get("format") == "csv":
        return exports.csv_response(name, fees.basis_header(), fees.basis_rows(payers))
    if request.GET.get("format") == "xlsx":
        return exports.xlsx_response(
            name, fees.basis_header(), fees.basis_rows(payers), sheet_title=_("Invoice basis")
        )
    page = Paginator(payers, 25).get_page(request.GET.get("page"))
    note_people_shown(request, [p.payer for p in page.object_list])
    return render(
        request,
        "culture_school/staff_fees.html",
        {
            "school": school,
            "year": year,
            "semester": semester,
            "semesters": fees.semesters(year),
            "page_obj": page,
            "total_ore": sum(p.total_ore for p in payers),
            "pending": list(queries.pending_reductions(year)),
            "decide_form": DecideForm(),
        },
    )


@login_required
def reduction_evidence(request, pk):
    school = _staff_school(request)
    reduction = get_object_or_404(queries.reductions_in(school), pk=pk)
    return serve_file(
        reduction.evidence,
        cache="none",
        content_type=reduction.evidence_type,
        download=True,
        filename=reduction.evidence_name or "evidence",
    )


@login_required
@require_POST
def reduction_decide(request, pk):
    school = _staff_school(request)
    reduction = get_object_or_404(queries.reductions_in(school), pk=pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            fee_actions.decide_reduction(
                request.user,
                reduction,
                form.cleaned_data["decision"] == "grant",
                form.cleaned_data["note"],
            )
            messages.success(request, _("The request is decided."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, _("Choose to grant or refuse."))
    return redirect(f"{reverse('culture_school:staff_fees')}?year={reduction.school_year_id}")


@login_required
def free_place(request, pk):
    school = _staff_school(request)
    place = get_object_or_404(queries.places_in(school), pk=pk)
    form = FreePlaceForm(
        request.POST or None,
        initial={"free": place.free_place, "reason": place.free_place_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            fee_actions.set_free_place(
                request.user, place, form.cleaned_data["free"], form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The place is saved."))
            return redirect(
                f"{reverse('culture_school:staff_fees')}?year={place.offer.school_year_id}"
            )
    return render(request, "culture_school/free_place.html", {"form": form, "place": place})


# --- Re-registration -----------------------------------------------------------------------


@login_required
def reregister(request):
    """One page for all of a family's places: continue, change or quit, until the deadline."""
    school = _school_or_404(request)
    year = queries.current_year(school)
    if year is None:
        raise Http404(_("The culture school has no school year yet."))
    following = continuation.next_year(year)
    offers = queries.offers_of_year(following or year)
    places = list(queries.family_places(request.user, year))
    forms = [
        (
            place,
            ContinuationForm(
                request.POST or None,
                prefix=f"p{place.pk}",
                offers=offers,
                initial=queries.continuation_initial(place),
            ),
        )
        for place in places
    ]
    is_open = continuation.is_open(year)
    page = _FormsetView([form for _place, form in forms])
    if request.method == "POST" and is_open and all(form.is_valid() for _place, form in forms):
        answers = [
            (place, form.cleaned_data["answer"], form.cleaned_data["new_offer"])
            for place, form in forms
        ]
        try:
            continuation.answer(request.user, year, answers)
        except DomainError as error:
            add_domain_error_to_formset(page, error)
        else:
            messages.success(
                request, _("Your answers are saved. You can change them until the deadline.")
            )
            return redirect("culture_school:reregister")
    return render(
        request,
        "culture_school/reregister.html",
        {
            "year": year,
            "following": following,
            "forms": forms,
            "is_open": is_open,
            "page_errors": page.non_form_errors(),
        },
    )


class _FormsetView:
    """The page's per-place forms seen as a formset by core.forms.add_domain_error_to_formset."""

    def __init__(self, forms):
        self.forms = forms
        self._non_form_errors = []

    def non_form_errors(self):
        return self._non_form_errors


@login_required
@require_POST
def deadline_save(request, year_pk):
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            continuation.set_deadline(
                request.user,
                year,
                form.cleaned_data["continuation_deadline"],
                form.cleaned_data["continuation_silence"],
            )
            messages.success(request, _("The re-registration deadline is saved."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, _("Give a valid date."))
    return redirect(f"{_staff_url()}?year={year.pk}")


@login_required
@require_POST
def population_save(request, year_pk):
    school = _staff_school(request)
    year = get_object_or_404(queries.years_of(school), pk=year_pk)
    form = PopulationForm(request.POST)
    if form.is_valid():
        try:
            actions.set_population(request.user, year, form.cleaned_data["population"])
            messages.success(request, _("The number of children is saved."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, _("Give a whole number of children, or leave it empty."))
    return redirect(f"{_staff_url()}?year={year.pk}")
