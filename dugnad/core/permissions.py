"""Permission answers that carry a reason the UI can show.

Every `can_*` function in an app's `rules.py` returns a `Verdict`: truthy when allowed; when
refused, `reason` says why in the user's language. These functions are the only authority on
permissions (there is no second registry of permission names): views and actions call
`verdict.enforce()`, and one handler shows the refusal with its reason (`core.middleware`
for pages, `core.api` for the API).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .errors import NotAllowed


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str | Promise = ""

    def __bool__(self) -> bool:
        return self.allowed

    def enforce(self) -> None:
        """Raise NotAllowed with the reason when refused; actions call this first."""
        if not self.allowed:
            raise NotAllowed(self.reason or _("You do not have permission to do this."))


ALLOW = Verdict(True)


def deny(reason) -> Verdict:
    return Verdict(False, reason)


def require_login(user) -> Verdict:
    if user is None or not user.is_authenticated:
        return deny(_("You must log in first."))
    return ALLOW
