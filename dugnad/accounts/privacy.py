"""The account's part of a person's data (protocol: core.privacy)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.utils.translation import gettext_lazy as _

from dugnad.core.privacy import Kept, end_sessions

from .models import ApiToken, UnitRole

PERSONAL_DATA_LABEL = _("Account")
LABELS = {
    "email": _("Email"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "phone": _("Phone"),
    "joined": _("Account created"),
    "last_login": _("Last logged in"),
    "email_addresses": _("Email addresses"),
    "verified": _("Verified"),
    "primary": _("Primary"),
    "two_factor_methods": _("Two-factor methods"),
    "type": _("Type"),
    "created_at": _("Created"),
    "last_used_at": _("Last used"),
    "external_logins": _("Logins through other services"),
    "provider": _("Service"),
    "municipal_roles": _("Roles in the municipality"),
    "unit": _("Municipal unit"),
    "role": _("Role"),
    "shown_publicly": _("Shown publicly"),
    "api_tokens": _("API tokens"),
    "name": _("Name"),
    "starts_with": _("Starts with"),
    "expires_at": _("Expires"),
    "revoked_at": _("Revoked"),
}


def export(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        # The kind of second factor and when it was last used; never the secret.
        "two_factor_methods": [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(user=user)
        ],
        "external_logins": [
            {"provider": a.provider, "last_login": a.last_login}
            for a in SocialAccount.objects.filter(user=user)
        ],
        "municipal_roles": [
            {
                "unit": r.unit.name,
                "role": str(r.get_role_display()),
                "shown_publicly": r.show_publicly,
            }
            for r in UnitRole.objects.filter(user=user).select_related("unit")
        ],
        # Only the first characters of a token are stored in readable form.
        "api_tokens": [
            {
                "name": t.name,
                "starts_with": t.prefix,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
                "last_used_at": t.last_used_at,
                "revoked_at": t.revoked_at,
            }
            for t in ApiToken.objects.filter(user=user)
        ],
    }


def erase(user) -> list[Kept]:
    ApiToken.objects.filter(user=user).delete()
    UnitRole.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    end_sessions(user)
    return []
