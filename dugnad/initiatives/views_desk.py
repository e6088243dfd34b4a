"""The citizens' desk: staff register for a citizen who is present, with consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.privacy import note_people_shown

from . import desk, queries, rules
from .forms import DeskInterestForm, DeskOrganisationForm, DeskSignupForm, DeskVolunteerForm
from .models import DeskRegistration

FORMS = {
    "volunteer": DeskVolunteerForm,
    "interest": DeskInterestForm,
    "signup": DeskSignupForm,
    "organisation": DeskOrganisationForm,
}


def _make(kind, municipality, data=None):
    return FORMS[kind](data, prefix=kind, **queries.desk_choices(municipality).get(kind, {}))


def _run(request, kind, data: dict):
    citizen = {
        "consent": data.pop("consent"),
        "email": data.pop("email"),
        "first_name": data.pop("first_name"),
        "last_name": data.pop("last_name"),
    }
    municipality = request.municipality
    if kind == "volunteer":
        return desk.register_volunteer(
            request.user, municipality, profile={"wants_to_try": data["wants_to_try"]}, **citizen
        )
    if kind == "interest":
        return desk.register_interest(
            request.user,
            municipality,
            assignment=data["assignment"],
            message=data["message"],
            **citizen,
        )
    if kind == "signup":
        return desk.register_signup(
            request.user, municipality, occurrence=data["occurrence"], **citizen
        )
    return desk.register_organisation(
        request.user, municipality, name=data["name"], org_number=data["org_number"], **citizen
    )


@login_required
def desk_page(request, kind=None):
    rules.can_use_desk(request.user).enforce()
    municipality = request.municipality
    forms = {name: _make(name, municipality) for name in FORMS}
    if request.method == "POST" and kind in FORMS:
        form = forms[kind] = _make(kind, municipality, request.POST)
        if form.is_valid():
            try:
                registration = _run(request, kind, dict(form.cleaned_data))
            except DomainError as error:
                add_domain_error(form, error, {"participant_name": "first_name"})
            else:
                messages.success(
                    request,
                    _("Registered for %(name)s: %(what)s. A receipt was sent by email.")
                    % {"name": registration.citizen.get_full_name(), "what": registration.what},
                )
                return redirect("initiatives:desk")
    recent = queries.desk_registrations_by(request.user, municipality)
    note_people_shown(request, (registration.citizen for registration in recent))
    return render(
        request,
        "initiatives/desk.html",
        {"forms": forms, "active": kind, "recent": recent, "kinds": DeskRegistration.Kind},
    )
