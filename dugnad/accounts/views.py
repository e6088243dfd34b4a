from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dugnad.core.plugins import my_page_sections
from dugnad.core.queries import current_municipality

from .queries import dashboard_for, volunteer_contacts


@login_required
def dashboard(request):
    context = dashboard_for(request.user)
    context["sections"] = my_page_sections(request.user)
    return render(request, "accounts/dashboard.html", context)


def contacts(request):
    return render(
        request, "accounts/contacts.html", {"units": volunteer_contacts(current_municipality())}
    )
