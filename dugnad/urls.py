from django.contrib import admin
from django.urls import include, path

from .api import api
from .core.plugins import dugnad_apps

# Every app of the contract with a `urls.py` is mounted at the root (its paths are distinct).
urlpatterns = [
    *(path("", include(f"{config.name}.urls")) for config in dugnad_apps() if config.has_urls),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = "dugnad.core.views.bad_request"
handler404 = "dugnad.core.views.not_found"
handler500 = "dugnad.core.views.server_error"
handler403 = "dugnad.core.views.forbidden"
