"""Municipal staff must have two-factor (TOTP) before they use the site, where required."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

from .roles import is_municipal_staff

ALLOWED_PREFIXES = ("/konto/", "/static/", "/healthz", "/api/", "/i18n/")


class RequireStaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.DUGNAD_REQUIRE_STAFF_2FA
            and request.user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and is_municipal_staff(request.user)
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
