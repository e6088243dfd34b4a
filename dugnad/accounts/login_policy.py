"""One login policy for every way in: the web login (allauth), API tokens, and OIDC later.

- **Lock-out per account.** Every password check, whichever door it comes through, goes through
  allauth's `authenticate` and so through its `login_failed` rate limit
  (`ACCOUNT_RATE_LIMITS`): failures count per client address and per account (the normalised
  email), in one store. Failures at the token endpoint lock the web login and the other way
  round; a successful login does not wipe earlier failures (allauth rolls back only its own try).
- **The real client address.** `client_ip(request)` is `REMOTE_ADDR` unless that is one of the
  `TRUSTED_PROXIES`; only then is `X-Forwarded-For` read, from the right, skipping our own
  proxies. A client cannot pick its address by sending the header. allauth's rate limits (through
  the account adapter below) and the API's throttles use the same function.
- **Second factor.** Anyone with a TOTP authenticator gives a code, on the web and for a token
  (checked by allauth.mfa's own form: same codes, same rate limit, no replay). Anyone who must
  have two-factor (municipal staff where `DUGNAD_REQUIRE_STAFF_2FA` is on) and has not set it up
  is sent to set it up on the web, and gets no token until then.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from ninja.throttling import AnonRateThrottle

# client_ip moved to the kernel (core.ratelimit uses it too); still importable from here.
from dugnad.core.clients import client_ip
from dugnad.core.errors import DomainError, NotAllowed

from .roles import is_municipal_staff

TOO_MANY_ATTEMPTS = "too_many_login_attempts"


class LoginLocked(DomainError):
    status = 429
    default_code = TOO_MANY_ATTEMPTS


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


# --- The client's address (core.clients.client_ip) ------------------------------------------


class LoginPolicyAccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with this module's client address and lock-out key."""

    def send_mail(self, template_prefix, email, context):
        # Account emails greet with the municipality's name (accounts/email/base_message.txt),
        # not the Site framework's "127.0.0.1:8000".
        municipality = getattr(self.request, "municipality", None)
        super().send_mail(template_prefix, email, {"municipality": municipality, **context})

    def get_client_ip(self, request) -> str:
        return client_ip(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys failures on host name and login; the account is the same whichever host
        # name (or door) the attempt came through, so the key is the normalised email alone.
        return normalise_email(credentials.get("email", ""))


class ClientAddressThrottle(AnonRateThrottle):
    """django-ninja's per-address throttle, with the address from `client_ip`."""

    def get_ident(self, request) -> str:
        return client_ip(request)


# --- Passwords --------------------------------------------------------------------------------


def check_password(request, email: str, password: str):
    """The active user with this email and password, or None; counts towards the lock-out.

    Raises `LoginLocked` (429) while the account or the client address is locked, even when the
    password is right, exactly as the web login does.
    """
    try:
        return get_account_adapter(request).authenticate(
            request, email=normalise_email(email), password=password
        )
    except ValidationError as error:
        if error.code == TOO_MANY_ATTEMPTS:
            raise LoginLocked(
                _("Too many failed login attempts. Try again later."), code=TOO_MANY_ATTEMPTS
            ) from error
        raise


# --- Second factor ----------------------------------------------------------------------------


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_have_two_factor(user) -> bool:
    """True for the people who may not use the site (or get a token) without two-factor."""
    return settings.DUGNAD_REQUIRE_STAFF_2FA and is_municipal_staff(user)


def check_second_factor(user, code: str) -> None:
    """Let `user` past the second factor with `code`, or raise a DomainError saying why not.

    Only for logins that do not go through allauth's own two-factor stage (API tokens). allauth
    finds the request (for its rate limit) in the context its AccountMiddleware sets.
    """
    if has_totp(user):
        code = (code or "").strip()
        if not code:
            raise NotAllowed(
                _(
                    "This account uses two-factor authentication: send the code from your "
                    "authenticator app in the otp field."
                ),
                code="otp_required",
            )
        # allauth.mfa's own form: the codes the web accepts, its rate limit per account, and a
        # code that has been used once is refused for the rest of its time window.
        form = AuthenticateForm(user=user, data={"code": code})
        if form.is_valid():
            form.authenticator.record_usage()
            return
        reasons = {error.code for error in form.errors.as_data().get("code", [])}
        if TOO_MANY_ATTEMPTS in reasons:
            raise LoginLocked(_("Too many failed login attempts. Try again later."))
        raise NotAllowed(_("The two-factor code is not valid."), code="invalid_otp")
    require_two_factor_setup(user)


def require_two_factor_setup(user) -> None:
    """Raise unless `user` has two-factor or need not have it: the API's half of the rule that
    the web enforces with `RequireStaffTwoFactorMiddleware`."""
    if must_have_two_factor(user) and not has_totp(user):
        raise NotAllowed(
            _(
                "Your account must use two-factor authentication. Log in on the web and set it "
                "up under My page, Two-factor authentication, then ask for a token again."
            ),
            code="two_factor_setup_required",
        )
