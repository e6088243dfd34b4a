"""Domain errors raised by actions; views show them as messages, the API as JSON 4xx.

Each error carries a user-facing message (already translated) and a stable machine `code`.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    default_code = "invalid"

    def __init__(self, message=None, code: str | None = None, field: str | None = None):
        self.message = message or _("The request could not be carried out.")
        self.code = code or self.default_code
        self.field = field
        super().__init__(str(self.message))


class NotAuthenticated(DomainError):
    """Credentials are missing or wrong: the API answers 401."""

    status = 401
    default_code = "not_authenticated"


class NotAllowed(DomainError):
    status = 403
    default_code = "forbidden"


class Conflict(DomainError):
    status = 409
    default_code = "conflict"


class NotFound(DomainError):
    status = 404
    default_code = "not_found"
