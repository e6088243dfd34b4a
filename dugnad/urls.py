from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("dugnad.core.urls")),
    path("", include("dugnad.accounts.urls")),
    path("", include("dugnad.organisations.urls")),
    path("", include("dugnad.activities.urls")),
    path("", include("dugnad.premises.urls")),
    path("", include("dugnad.grants.urls")),
    path("", include("dugnad.volunteering.urls")),
    path("", include("dugnad.culture_school.urls")),
    path("", include("dugnad.initiatives.urls")),
    path("", include("dugnad.plans.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler404 = "dugnad.core.views.not_found"
handler500 = "dugnad.core.views.server_error"
handler403 = "dugnad.core.views.forbidden"
