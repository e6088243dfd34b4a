"""Permission answers that carry a reason the UI can show.

Every `can_*` function in an app's `rules.py` returns a `Verdict`: truthy when allowed; when
refused, `reason` says why in the user's language. These functions are the only authority on
permissions (there is no second registry of permission names): views and actions call
`verdict.enforce()`, and one handler shows the refusal with its reason (`core.middleware`
for pages, `core.api` for the API).
"""

import functools
import inspect
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


OTHER_MUNICIPALITY = _("This belongs to another municipality.")


def municipality_id_of(obj) -> int | None:
    """The id of the municipality `obj` belongs to: its own `municipality` field, or the one its
    queryset's `municipality_path` leads to (e.g. "room__building__municipality")."""
    if hasattr(obj, "municipality_id"):
        return obj.municipality_id
    path = getattr(type(obj)._default_manager.get_queryset(), "municipality_path", None)
    if not path:
        return None
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def same_municipality(param: str, municipality_of=municipality_id_of):
    """Decorate a rule `(user, ..., <param>, ...)` to refuse an object of another municipality
    than the one access is scoped to (the request's, see core.access).

    Staff roles count only in the request's municipality, but a rule that checks a role with no
    unit (the volunteer coordinator's) would otherwise let a coordinator act on any
    municipality's object through their own host. Anonymous users are left to the rule."""

    def decorate(rule):
        signature = inspect.signature(rule)

        @functools.wraps(rule)
        def checked(*args, **kwargs):
            arguments = signature.bind(*args, **kwargs).arguments
            user, obj = arguments.get("user"), arguments.get(param)
            if obj is not None and user is not None and user.is_authenticated:
                from .access import access_for

                if not access_for(user).covers_municipality(municipality_of(obj)):
                    return deny(OTHER_MUNICIPALITY)
            return rule(*args, **kwargs)

        return checked

    return decorate
