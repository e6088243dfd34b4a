"""Writes on accounts: API tokens, personal data export and deletion hooks."""

from datetime import timedelta

from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.core.errors import NotAllowed, NotAuthenticated
from dugnad.core.notify import notify

from .models import ApiToken

TOKEN_LIFETIME = timedelta(days=90)


def issue_token(email: str, password: str, name: str = "", request=None) -> tuple[ApiToken, str]:
    """Check email and password and return (token, raw key); the raw key is shown only once."""
    if not email or not password:
        raise NotAuthenticated(_("Give both email and password."), code="missing_credentials")
    user = authenticate(request, email=email.strip().lower(), password=password)
    if user is None:
        raise NotAllowed(_("Wrong email or password."), code="invalid_credentials")
    if not user.emailaddress_set.filter(verified=True).exists() and not user.is_demo:
        raise NotAllowed(_("Verify your email address first."), code="email_not_verified")
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
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    notify("api_token.revoked", actor=user, target=token)
