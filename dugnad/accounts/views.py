from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .queries import dashboard_for
from .roles import is_volunteer_coordinator


@login_required
def dashboard(request):
    context = dashboard_for(request.user)
    # The review queues (organisations and events) are the volunteer coordinator's work.
    context["can_review"] = is_volunteer_coordinator(request.user)
    return render(request, "accounts/dashboard.html", context)
