"""Thin views: they read through queries.py and write through actions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dugnad.accounts.queries import volunteer_contacts
from dugnad.core import exports
from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError, NotAllowed
from dugnad.core.forms import add_domain_error
from dugnad.core.privacy import accesses_of, note_people_shown

from . import actions, matching, queries, rules
from .forms import (
    AnswerForm,
    AssignmentForm,
    CertificateForm,
    GroupMessageForm,
    HoursForm,
    InterestForm,
    ProfileForm,
    RecordHoursForm,
    ShiftForm,
    ShiftSeriesForm,
)
from .group_messages import recipients, send_group_message
from .models import Assignment, Topic
from .shift_series import MAX_SHIFTS, add_shift_series, series_times


def _fail(request, error: DomainError, form=None, field_map=None):
    """On the form when the page shows one again, else as a message on the next page."""
    if form is not None:
        add_domain_error(form, error, field_map)
    else:
        messages.error(request, str(error.message))


def index(request):
    """The "one way in": assignments, recommendations and the volunteer contacts per unit."""
    filters = {key: request.GET.get(key, "") for key in ("q", "area", "topic", "kind")}
    page = Paginator(queries.assignments(filters, request.municipality), 20).get_page(
        request.GET.get("page")
    )
    recommended = (
        matching.recommended_assignments(request.user, request.municipality)
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "volunteering/index.html",
        {
            "page_obj": page,
            "filters": filters,
            "areas": queries.areas(request.municipality),
            "topics": Topic.choices,
            "kinds": Assignment.Kind.choices,
            "recommended": recommended,
            "has_profile": request.user.is_authenticated
            and queries.profile_for(request.user) is not None,
            "units": [u for u in volunteer_contacts(request.municipality) if u.public_contacts],
            "can_overview": rules.can_view_overview(request.user),
        },
    )


def assignment_detail(request, pk):
    assignment = get_object_or_404(queries.assignments_with_organisers(request.municipality), pk=pk)
    if assignment.status != Assignment.Status.OPEN and not rules.can_manage(
        request.user, assignment
    ):
        raise NotAllowed(_("This assignment is closed."))
    manage = rules.can_manage(request.user, assignment)
    context = {
        "assignment": assignment,
        "shifts": list(queries.shifts_with_counts(assignment)),
        "response": queries.response_time(assignment),
        "interest": queries.interest_of(request.user, assignment),
        "my_signups": queries.my_signup_ids(request.user, assignment),
        "interest_form": InterestForm(),
        "can_manage": manage,
    }
    if manage:
        panel = queries.organiser_panel(assignment)
        engaged = {i.volunteer for i in panel["interests"]} | {
            s.volunteer for s in panel["signups"]
        }
        context.update(
            panel,
            recommended=matching.recommended_volunteers(assignment, limit=10),
            shift_form=ShiftForm(),
            answer_form=AnswerForm(),
            certificate_form=CertificateForm(volunteers=sorted(engaged, key=str)),
            group_messages=queries.group_messages_of(assignment),
        )
    return render(request, "volunteering/assignment_detail.html", context)


@login_required
def assignment_create(request):
    choices = queries.organiser_choices(request.user, request.municipality)
    if not choices:
        raise NotAllowed(
            _(
                "Assignments are posted by organisations and municipal units. Ask your "
                "organisation's leader for a role, or contact the volunteer coordinator."
            )
        )
    form = AssignmentForm(
        request.POST or None, organisers=choices, municipality=request.municipality
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organiser = data.pop("organiser")
        data["contact_person"] = request.user
        try:
            assignment = actions.create_assignment(request.user, organiser, data)
        except DomainError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("The assignment is published."))
            return redirect(assignment)
    return render(request, "volunteering/assignment_form.html", {"form": form})


@login_required
def assignment_edit(request, pk):
    assignment = get_object_or_404(queries.all_assignments(request.municipality), pk=pk)
    rules.can_manage(request.user, assignment).enforce()
    form = AssignmentForm.for_assignment(assignment, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_assignment(request.user, assignment, form.cleaned_data)
        except DomainError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("The assignment is saved."))
            return redirect(assignment)
    return render(
        request, "volunteering/assignment_form.html", {"form": form, "assignment": assignment}
    )


@login_required
def shift_edit(request, pk):
    shift = get_object_or_404(queries.shifts_with_assignment(request.municipality), pk=pk)
    rules.can_manage(request.user, shift.assignment).enforce()
    form = ShiftForm.for_shift(shift, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_shift(
                request.user, shift, data["starts_at"], data["ends_at"], data["needed"]
            )
        except DomainError as error:
            _fail(request, error, form, ShiftForm.ACTION_FIELDS)
        else:
            messages.success(request, _("The shift is saved."))
            return redirect(shift.assignment)
    return render(
        request,
        "volunteering/shift_form.html",
        {"form": form, "shift": shift, "taken": queries.taken_places(shift)},
    )


@login_required
@require_POST
def shift_delete(request, pk):
    shift = get_object_or_404(queries.shifts_with_assignment(request.municipality), pk=pk)
    try:
        told = actions.delete_shift(request.user, shift)
    except DomainError as error:
        _fail(request, error)
        return redirect(shift.assignment)
    messages.success(
        request,
        ngettext(
            "The shift is deleted. %(count)s signed-up volunteer has been told.",
            "The shift is deleted. %(count)s signed-up volunteers have been told.",
            told,
        )
        % {"count": told},
    )
    return redirect(shift.assignment)


@login_required
@require_POST
def shift_create(request, pk):
    assignment = get_object_or_404(queries.all_assignments(request.municipality), pk=pk)
    rules.can_manage(request.user, assignment).enforce()
    form = ShiftForm(request.POST)
    if form.is_valid():
        try:
            actions.add_shift(
                request.user,
                assignment,
                form.cleaned_data["starts_at"],
                form.cleaned_data["ends_at"],
                form.cleaned_data["needed"],
            )
        except DomainError as error:
            _fail(request, error)
        else:
            messages.success(request, _("The shift is added."))
            return redirect(assignment)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect(assignment)


@login_required
def group_message(request, pk):
    """Write to the volunteers of the assignment or of one of its shifts; the message is kept
    and listed on the assignment page."""
    assignment = get_object_or_404(queries.all_assignments(request.municipality), pk=pk)
    rules.can_message_volunteers(request.user, assignment).enforce()
    shifts = list(queries.upcoming_shifts(assignment))
    initial = {"shift": request.GET.get("vakt", "")[:12]}
    form = GroupMessageForm(request.POST or None, shifts=shifts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            message = send_group_message(
                request.user, assignment, data["subject"], data["body"], shift=data["shift"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The message is sent to %(count)s volunteer.",
                    "The message is sent to %(count)s volunteers.",
                    message.recipient_count,
                )
                % {"count": message.recipient_count},
            )
            return redirect(assignment.get_absolute_url() + "#messages-heading")
    chosen = form.shifts.get(str(form["shift"].value() or ""))
    return render(
        request,
        "volunteering/group_message.html",
        {
            "assignment": assignment,
            "form": form,
            "recipient_count": recipients(assignment, chosen).count(),
            "chosen": chosen,
        },
        status=400 if request.method == "POST" else 200,
    )


def _series_key(data) -> str:
    """What the preview showed, so that "Create" creates the dates seen and nothing else."""
    return "|".join(
        str(data.get(name)) for name in ("first_date", "last_date", "repeat", "start", "end")
    )


@login_required
def shift_series(request, pk):
    """GET: the form; POST: the dates previewed, with the button that creates them; POST with
    `confirm`: the shifts created (a second sending creates nothing twice)."""
    assignment = get_object_or_404(queries.all_assignments(request.municipality), pk=pk)
    rules.can_manage(request.user, assignment).enforce()
    form = ShiftSeriesForm(request.POST or None)
    times = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            times = series_times(
                data["first_date"], data["last_date"], data["repeat"], data["start"], data["end"]
            )
            previewed = request.POST.get("previewed") == _series_key(data)
            if request.POST.get("confirm") == "1" and previewed:
                created, skipped = add_shift_series(request.user, assignment, times, data["needed"])
        except DomainError as error:
            add_domain_error(form, error)
            times = []
        else:
            if request.POST.get("confirm") == "1" and previewed:
                text = ngettext(
                    "%(count)s shift is added.", "%(count)s shifts are added.", len(created)
                ) % {"count": len(created)}
                if skipped:
                    text += " " + ngettext(
                        "%(count)s was there already.", "%(count)s were there already.", skipped
                    ) % {"count": skipped}
                messages.success(request, text)
                return redirect(assignment.get_absolute_url() + "#shifts-heading")
    return render(
        request,
        "volunteering/shift_series.html",
        {
            "assignment": assignment,
            "form": form,
            "times": times,
            "previewed": _series_key(form.cleaned_data) if times else "",
            "max_shifts": MAX_SHIFTS,
        },
        status=400 if request.method == "POST" and not times else 200,
    )


@login_required
@require_POST
def express_interest(request, pk):
    assignment = get_object_or_404(queries.all_assignments(request.municipality), pk=pk)
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            actions.express_interest(request.user, assignment, form.cleaned_data["message"])
        except DomainError as error:
            _fail(request, error)
        else:
            messages.success(
                request, _("Thank you! The organiser has been told and will answer you.")
            )
    return redirect(assignment)


@login_required
@require_POST
def answer_interest(request, pk):
    interest = get_object_or_404(queries.interests_with_people(request.municipality), pk=pk)
    form = AnswerForm(request.POST)
    form.is_valid()
    accept = request.POST.get("decision") == "accept"
    try:
        actions.answer_interest(request.user, interest, accept, form.cleaned_data.get("answer", ""))
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Your answer has been sent."))
    return redirect(interest.assignment)


@login_required
@require_POST
def shift_sign_up(request, pk):
    shift = get_object_or_404(queries.shifts_with_assignment(request.municipality), pk=pk)
    try:
        actions.sign_up(request.user, shift)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("You are signed up for the shift."))
    return redirect(shift.assignment)


@login_required
@require_POST
def shift_drop(request, pk):
    signup = get_object_or_404(queries.my_shift_signups(request.user), pk=pk)
    new_shift_id = request.POST.get("swap_to", "")
    if new_shift_id and not new_shift_id.isdigit():
        messages.error(request, _("Choose a different shift."))
        return redirect("volunteering:mine")
    try:
        if new_shift_id:
            new_shift = get_object_or_404(
                queries.shifts_of(signup.shift.assignment), pk=new_shift_id
            )
            actions.swap_shift(request.user, signup, new_shift)
            messages.success(request, _("You have swapped shifts. The organiser has been told."))
        else:
            actions.drop_shift(request.user, signup)
            messages.success(request, _("You have left the shift. The organiser has been told."))
    except DomainError as error:
        _fail(request, error)
    return redirect("volunteering:mine")


@login_required
def profile(request):
    current = queries.profile_for(request.user)
    form = ProfileForm.for_profile(
        current, request.user, request.POST or None, municipality=request.municipality
    )
    if request.method == "POST" and form.is_valid():
        actions.save_profile(request.user, form.cleaned_data)
        messages.success(request, _("Your volunteer profile is saved."))
        return redirect("volunteering:index")
    return render(request, "volunteering/profile_form.html", {"form": form, "profile": current})


@login_required
def mine(request):
    """The volunteer's own page: interests, shifts, hours, certificates and their data."""
    engaged = queries.my_engaged_assignments(request.user)
    form = HoursForm(
        request.POST or None, assignments=engaged, shifts=queries.my_shifts_for_hours(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.log_hours(
                request.user,
                data["assignment"],
                data["date"],
                round(data["hours"] * 60),
                shift=data.get("shift"),
                note=data["note"],
            )
        except DomainError as error:
            _fail(request, error, form, {"minutes": "hours"})
        else:
            messages.success(request, _("Your hours are logged and wait for approval."))
            return redirect("volunteering:mine")
    shifts = list(queries.my_shifts(request.user))
    queries.attach_swap_options(shifts)
    return render(
        request,
        "volunteering/mine.html",
        {
            "profile": queries.profile_for(request.user),
            "interests": queries.my_interests(request.user),
            "shifts": shifts,
            "hours": queries.my_hours(request.user)[:50],
            "form": form,
            "certificates": queries.my_certificates(request.user),
            "views": accesses_of(request.user, limit=20, app="volunteering"),
        },
    )


@login_required
@require_POST
def decide_hours(request, pk):
    entry = get_object_or_404(queries.hours_entries_with_assignment(request.municipality), pk=pk)
    try:
        actions.decide_hours(request.user, entry, request.POST.get("decision") == "approve")
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The hours are decided."))
    return redirect(entry.assignment)


@login_required
@require_POST
def record_certificate(request, pk):
    assignment = get_object_or_404(queries.all_assignments(request.municipality), pk=pk)
    rules.can_manage(request.user, assignment).enforce()
    panel = queries.organiser_panel(assignment)
    engaged = {i.volunteer for i in panel["interests"]} | {s.volunteer for s in panel["signups"]}
    form = CertificateForm(request.POST, volunteers=list(engaged))
    if form.is_valid():
        try:
            record = actions.record_certificate(
                request.user,
                assignment,
                form.cleaned_data["volunteer"],
                form.cleaned_data["role"],
                form.cleaned_data["shown_on"],
            )
        except DomainError as error:
            _fail(request, error)
        else:
            if warning := queries.certificate_warning(record):
                messages.warning(request, warning)
            else:
                messages.success(request, _("The police certificate is recorded."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
    return redirect(assignment)


@login_required
def confidentiality(request):
    if request.method == "POST":
        actions.sign_confidentiality(request.user)
        messages.success(request, _("You have signed the confidentiality declaration."))
        return redirect("volunteering:mine")
    return render(
        request, "volunteering/confidentiality.html", {"profile": queries.profile_for(request.user)}
    )


@login_required
def volunteer_profile(request, user_id):
    volunteer = get_object_or_404(queries.people(), pk=user_id)
    rules.can_view_profile(request.user, volunteer).enforce()
    assignments = queries.recordable_assignments(volunteer, request.user, request.municipality)
    form = RecordHoursForm(request.POST or None, assignments=assignments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_hours_for(
                request.user,
                volunteer,
                form.assignments[data["assignment"]],
                data["date"],
                int(data["hours"] * 60),
                data["note"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The hours are recorded."))
            return redirect(reverse("volunteering:volunteer", args=[user_id]) + "#hours-heading")
    return render(
        request,
        "volunteering/volunteer.html",
        {
            "volunteer": volunteer,
            "profile": queries.profile_for(volunteer),
            "history": queries.volunteer_history(volunteer, request.municipality),
            "form": form if assignments else None,
            "is_coordinator": rules.can_view_hours_report(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def register(request):
    rules.can_view_hours_report(request.user).enforce()
    filters = {
        "search": request.GET.get("q", "")[:100],
        "topic": request.GET.get("interesse", "")[:40],
        "area": request.GET.get("omrade", "")[:80],
        "certificate": request.GET.get("attest", "")[:20],
    }
    people = queries.volunteer_register(request.municipality, **filters)
    note_people_shown(request, people)
    return render(
        request,
        "volunteering/register.html",
        {
            "people": people,
            "filters": filters,
            "topics": Topic.choices,
            "areas": queries.areas(request.municipality),
        },
    )


@login_required
def overview(request):
    rules.can_view_overview(request.user).enforce()
    context = queries.overview(request.user, request.municipality)
    note_people_shown(request, (interest.volunteer for interest in context["unanswered"]))
    return render(request, "volunteering/overview.html", context)


@login_required
def hours_report(request):
    rules.can_view_hours_report(request.user).enforce()
    report = queries.hours_report(queries.report_year(request.GET), request.municipality)
    if request.GET.get("format") == "csv":
        return _hours_csv(report)
    this_year = timezone.localdate().year
    report["years"] = range(this_year, this_year - 6, -1)
    return render(request, "volunteering/hours_report.html", report)


def _hours_csv(report: dict) -> HttpResponse:
    groups = (
        (_("Organisation"), report["organisations"]),
        (_("Municipal unit"), report["units"]),
        (_("Person"), report["persons"]),
    )
    rows = (
        [
            label,
            row["key"] or _("Anonymous"),
            str(row["hours"]).replace(".", ","),
            f"{row['value_ore'] / 100:.2f}".replace(".", ","),
        ]
        for label, group in groups
        for row in group
    )
    header = [_("Group"), _("Name"), _("Hours"), _("Value (NOK)")]
    return exports.csv_response(f"frivillige-timer-{report['year']}", header, rows)


@login_required
@require_POST
def close(request, pk):
    assignment = get_object_or_404(queries.all_assignments(request.municipality), pk=pk)
    try:
        actions.close_assignment(request.user, assignment)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The assignment is closed and no longer listed."))
    return redirect(assignment)


HOW_TO_ASSIGNMENTS = 3


@public_page("assignments", "organisations", params=())
def how_to(request):
    """How to volunteer: the first steps, on your own or with an organisation, leading on to
    the assignments that need people and to the volunteer contacts. The home page's one
    "Volunteer" entry comes here."""
    return render(
        request,
        "volunteering/how_to.html",
        {"assignments": list(queries.needing_people(request.municipality)[:HOW_TO_ASSIGNMENTS])},
    )
