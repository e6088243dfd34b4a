"""Municipal staff must have two-factor (TOTP) before they use the site, where required."""

from django.shortcuts import redirect

from .login_policy import has_totp, must_have_two_factor

ALLOWED_PREFIXES = ("/konto/", "/static/", "/healthz", "/api/", "/i18n/")


class RequireStaffTwoFactorMiddleware:
    """The web half of the login policy's two-factor rule (the API half is at the token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and must_have_two_factor(request.user)
            and not has_totp(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
