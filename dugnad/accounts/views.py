from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dugnad.core import privacy

from .queries import dashboard_for


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html", dashboard_for(request.user))


@login_required
def my_data(request):
    """Everything the platform holds about the person, across every app, as a readable page."""
    parts = privacy.export_person(request.user)
    for part in parts:
        part["html"] = privacy.as_html(part["data"], part["labels"])
    return render(request, "accounts/my_data.html", {"parts": parts})


@login_required
def my_data_json(request):
    response = HttpResponse(
        privacy.export_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def data_access(request):
    """Who has looked at the person's data (the access log), newest first."""
    return render(
        request, "accounts/data_access.html", {"entries": privacy.accesses_of(request.user)}
    )


@login_required
def delete_account(request):
    """A confirmation page that says what goes and what stays, then the erasure itself."""
    user = request.user
    error = None
    if request.method == "POST":
        if request.POST.get("confirm") == "yes":
            email = user.email
            result = privacy.erase_person(user)
            logout(request)
            return render(request, "accounts/deleted.html", {"result": result, "email": email})
        error = _("Tick the box to confirm that your account shall be deleted.")
    return render(
        request,
        "accounts/delete_account.html",
        {
            "summary": privacy.summary(privacy.export_person(user)),
            "preview": privacy.preview_erasure(user),
            "error": error,
        },
        status=400 if error else 200,
    )
