"""Writes on accounts: API tokens, personal data export and deletion hooks."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.errors import DomainError, NotAllowed, NotAuthenticated
from dugnad.core.notify import notify

from . import login_policy
from .models import ApiToken

TOKEN_LIFETIME = timedelta(days=90)


def issue_token(
    email: str, password: str, name: str = "", request=None, otp: str = ""
) -> tuple[ApiToken, str]:
    """Check the login as the web does and return (token, raw key); the raw key is shown once.

    The login policy decides: the shared lock-out, the password, a verified email, and the
    second factor for anyone who has one or must have one.
    """
    if not email or not password:
        raise NotAuthenticated(_("Give both email and password."), code="missing_credentials")
    user = login_policy.check_password(request, email, password)
    if user is None:
        # Bad credentials are 401 like missing ones (issue 12); the lock-out stays 429 and the
        # second-factor refusals stay 403.
        raise NotAuthenticated(_("Wrong email or password."), code="invalid_credentials")
    if not user.emailaddress_set.filter(verified=True).exists() and not user.is_demo:
        raise NotAllowed(_("Verify your email address first."), code="email_not_verified")
    login_policy.check_second_factor(user, otp)
    return _new_token(user, name)


def create_token(user, name: str) -> tuple[ApiToken, str]:
    """A named token for the logged-in `user` from their account page (after allauth's
    reauthentication); returns (token, raw key) and the raw key is shown only once."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name."), code="name_required", field="name")
    return _new_token(user, name)


def _new_token(user, name: str) -> tuple[ApiToken, str]:
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_hash=ApiToken.hash(raw),
        prefix=raw[:8],
        expires_at=timezone.now() + TOKEN_LIFETIME,
    )
    notify("api_token.issued", actor=user, target=token)
    return token, raw


def revoke_token(user, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise NotAllowed(_("This token is not yours."))
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    notify("api_token.revoked", actor=user, target=token)


def revoke_all_tokens(user, reason: str) -> int:
    """Revoke every token of `user` still valid (a password change or reset); returns how many."""
    revoked = ApiToken.objects.valid().filter(user=user).update(revoked_at=timezone.now())
    if revoked:
        notify(
            "api_token.revoked_all", actor=user, target=user, reason=reason, data={"count": revoked}
        )
    return revoked
