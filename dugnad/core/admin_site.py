"""The Django admin, for site administrators (superusers) only.

Municipal staff work in the site's own pages, where every step asks the app's rules. The admin
knows nothing of those rules, so nobody else may use it: an authenticated person who is not a
site administrator gets 403 with the reason on every admin page (not the admin's login form, which
would send them round in a circle). Anonymous visitors are sent to the login as usual.
"""

from functools import update_wrapper

from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.apps import AdminConfig
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .errors import NotAllowed

SUPERUSERS_ONLY = _("The administration pages are for site administrators only.")


def is_site_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


class SuperuserAdminSite(AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        # Addresses typed without a scheme are taken as https, as in the site's own forms
        # (core.forms.https_formfield): Django 6's default, chosen now.
        base = admin_class or ModelAdmin
        options["formfield_overrides"] = {
            models.URLField: {"assume_scheme": "https"},
            **base.formfield_overrides,
            **options.get("formfield_overrides", {}),
        }
        super().register(model_or_iterable, base, **options)

    def has_permission(self, request):
        return is_site_administrator(request.user)

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        def superusers_only(request, *args, **kwargs):
            if (
                request.user.is_authenticated
                and not is_site_administrator(request.user)
                # Logging out stays possible for everyone.
                and request.path != reverse("admin:logout", current_app=self.name)
            ):
                raise NotAllowed(SUPERUSERS_ONLY)
            return guarded(request, *args, **kwargs)

        return update_wrapper(superusers_only, view)


class DugnadAdminConfig(AdminConfig):
    """`django.contrib.admin` with `SuperuserAdminSite` as `admin.site`."""

    default_site = "dugnad.core.admin_site.SuperuserAdminSite"
