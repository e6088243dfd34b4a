"""The sign-up side of the calendar: signing up (one person or a family), the organiser's
questions and price groups, places per date, and the participant list with its CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dugnad.core import exports, params
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error, add_domain_error_to_formset

from . import actions, queries
from .forms import (
    MAX_PARTICIPANTS,
    GuestForm,
    OccurrenceCapacityForm,
    SignUpWhoForm,
    carried_rows,
    is_childrens_event,
    participant_formset,
    setup_formsets,
)
from .models import SignUp
from .rules import can_edit_event, can_see_participants, signup_open
from .views import _occurrence


def _rows_wanted(request) -> int:
    return _rows_wanted_from(request.GET.get("rows"))


def _rows_wanted_from(value) -> int:
    return params.clamped_int(value, minimum=1, maximum=MAX_PARTICIPANTS, default=1, name="rows")


def sign_up(request, pk, occurrence_pk):
    """Sign up one person or a family, with an account or without (name, email and phone:
    the email's link confirms and manages the sign-up later)."""
    event, occurrence = _occurrence(request, pk, occurrence_pk)
    verdict = signup_open(occurrence)
    questions = queries.signup_questions(event)
    price_groups = queries.price_groups(event)
    form_kwargs = {"questions": questions, "price_groups": price_groups}
    # "Show rows" (or the htmx change of the number) redraws the form with the rows wanted,
    # keeping every value typed; nothing is signed up yet.
    changing_rows = request.method == "POST" and "change_rows" in request.POST
    childrens_event = is_childrens_event(event)
    is_guest = not request.user.is_authenticated
    guest = None
    if is_guest and changing_rows:
        guest = GuestForm(
            initial={k: request.POST.get(f"guest-{k}", "") for k in GuestForm.base_fields}
        )
    elif is_guest:
        guest = GuestForm(request.POST if request.method == "POST" else None)
    if changing_rows:
        rows = _rows_wanted_from(request.POST.get("rows"))
        who = SignUpWhoForm(initial={"for_self": request.POST.get("for_self") or "1"})
        formset = participant_formset(rows)(
            form_kwargs=form_kwargs, initial=carried_rows(request.POST, rows)
        )
    elif request.method == "POST":
        who = SignUpWhoForm(request.POST)
        formset = participant_formset(1)(request.POST, form_kwargs=form_kwargs)
    else:
        who = SignUpWhoForm(initial={"for_self": "0" if childrens_event else "1"})
        own_name = "" if is_guest else request.user.get_full_name()
        initial = [] if childrens_event or not own_name else [{"participant_name": own_name}]
        formset = participant_formset(_rows_wanted(request))(
            form_kwargs=form_kwargs, initial=initial
        )
    submitted = request.method == "POST" and not changing_rows
    # Every part is checked (no short cut), so that all the errors show at once.
    valid = submitted and all(
        [who.is_valid(), formset.is_valid(), guest is None or guest.is_valid()]
    )
    if valid and verdict:
        for_self = who.cleaned_data["for_self"]
        forms = formset.forms
        filled = [form for index, form in enumerate(forms) if index == 0 or form.has_changed()]
        people = [
            actions.Participant(for_self=for_self and index == 0, **form.participant())
            for index, form in enumerate(filled)
        ]
        try:
            if guest is not None:
                signups = actions.sign_up_many(
                    None, occurrence, people, guest=actions.Guest(**guest.cleaned_data)
                )
            else:
                signups = actions.sign_up_many(
                    request.user, occurrence, people, email=request.user.email
                )
        except DomainError as error:
            add_domain_error_to_formset(formset, error, forms=filled)
        else:
            waiting = [s for s in signups if s.status == SignUp.Status.WAITING]
            if not waiting:
                messages.success(
                    request,
                    ngettext(
                        "You are signed up. A confirmation is on its way by email.",
                        "%(n)s participants are signed up. A confirmation is on its way by email.",
                        len(signups),
                    )
                    % {"n": len(signups)},
                )
            else:
                messages.info(
                    request,
                    _(
                        "%(waiting)s of %(n)s are on the waiting list and will be told by email "
                        "if a place frees up."
                    )
                    % {"waiting": len(waiting), "n": len(signups)},
                )
            if guest is not None:
                messages.info(
                    request,
                    _(
                        "Open the link in the email to confirm that the address is yours. "
                        "The same link lets you cancel later."
                    ),
                )
            return redirect(event.get_absolute_url())
    rows = len(formset.forms)
    return render(
        request,
        "activities/signup.html",
        {
            "event": event,
            "occurrence": occurrence,
            "who": who,
            "formset": formset,
            "verdict": verdict,
            "state": queries.signup_state(occurrence),
            "rows": rows,
            "row_choices": range(1, MAX_PARTICIPANTS + 1),
            "guest": guest,
        },
    )


def _setup_rows(formset, fields, price=False) -> list[dict]:
    rows = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        data = form.cleaned_data
        row = {
            "id": form.instance.pk,
            "delete": bool(data.get("DELETE")),
            **{name: data.get(name) for name in fields},
        }
        if price:
            row["price_ore"] = (data.get("price_kroner") or 0) * 100
        rows.append(row)
    return rows


@login_required
def signup_setup(request, pk):
    """The organiser's page for the event's sign-up questions and price groups."""
    event = get_object_or_404(queries.events(request.municipality), pk=pk)
    can_edit_event(request.user, event).enforce()
    questions, prices = setup_formsets(event, request.POST or None)
    error = None
    if request.method == "POST" and questions.is_valid() and prices.is_valid():
        try:
            actions.save_signup_setup(
                request.user,
                event,
                _setup_rows(questions, ("label", "required", "kind", "choices")),
                _setup_rows(prices, ("name",), price=True),
            )
        except DomainError as failure:
            error = str(failure.message)
        else:
            messages.success(request, _("The sign-up questions and prices are saved."))
            return redirect("activities:signup_setup", pk=pk)
    return render(
        request,
        "activities/signup_setup.html",
        {"event": event, "questions": questions, "prices": prices, "error": error},
    )


@login_required
def occurrence_capacity(request, pk, occurrence_pk):
    event, occurrence = _occurrence(request, pk, occurrence_pk)
    can_edit_event(request.user, event).enforce()
    form = OccurrenceCapacityForm(request.POST or None, initial={"capacity": occurrence.capacity})
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_occurrence_capacity(request.user, occurrence, form.cleaned_data["capacity"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The number of places is saved."))
            return redirect("activities:event_edit", pk=pk)
    return render(
        request,
        "activities/occurrence_capacity.html",
        {
            "event": event,
            "occurrence": occurrence,
            "form": form,
            "state": queries.signup_state(occurrence),
        },
    )


@login_required
def participants(request, pk, occurrence_pk):
    event, occurrence = _occurrence(request, pk, occurrence_pk)
    can_see_participants(request.user, event).enforce()
    if request.method == "POST":
        signup = get_object_or_404(queries.signups_of(occurrence), pk=request.POST.get("signup"))
        try:
            actions.mark_attendance(request.user, signup, request.POST.get("attended") == "1")
        except DomainError as error:
            messages.error(request, str(error.message))
        return redirect("activities:participants", pk=pk, occurrence_pk=occurrence_pk)
    questions, rows = queries.participant_table(event, occurrence)
    return render(
        request,
        "activities/participants.html",
        {"event": event, "occurrence": occurrence, "rows": rows, "questions": questions},
    )


@login_required
def participants_csv(request, pk, occurrence_pk):
    event, occurrence = _occurrence(request, pk, occurrence_pk)
    can_see_participants(request.user, event).enforce()
    questions, rows = queries.participant_table(event, occurrence)
    header = [
        _("Name"),
        _("Age"),
        _("Email"),
        _("Status"),
        _("Price group"),
        _("Price (kr)"),
        *[question.label for question in questions],
        _("Attended"),
        _("Signed up"),
    ]
    table = (
        [
            row.participant_name,
            row.participant_age if row.participant_age is not None else "",
            row.email,
            row.get_status_display(),
            row.price_group_name,
            f"{row.price_ore / 100:.2f}".replace(".", ","),
            *row.answer_list,
            {True: _("Yes"), False: _("No")}.get(row.attended, ""),
            timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for row in rows
    )
    return exports.csv_response(f"deltakere-{occurrence.pk}", header, table)
