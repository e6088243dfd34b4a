"""JSON errors for the API: always `{"detail": ..., "code": ...}` with a 4xx status."""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .errors import DomainError

logger = logging.getLogger(__name__)


def install_error_handlers(api: NinjaAPI) -> None:
    def error(request, status: int, detail, code: str):
        return api.create_response(request, {"detail": detail, "code": code}, status=status)

    @api.exception_handler(DomainError)
    def on_domain_error(request, exc: DomainError):
        body = {"detail": str(exc.message), "code": exc.code}
        if exc.field:
            body["field"] = exc.field
        return api.create_response(request, body, status=exc.status)

    @api.exception_handler(NinjaValidationError)
    def on_validation_error(request, exc: NinjaValidationError):
        return api.create_response(
            request,
            {
                "detail": _("The request is not valid."),
                "code": "validation_error",
                "errors": exc.errors,
            },
            status=422,
        )

    @api.exception_handler(DjangoValidationError)
    def on_django_validation_error(request, exc: DjangoValidationError):
        detail = "; ".join(str(message) for message in exc.messages)
        return error(request, 400, detail, "invalid")

    @api.exception_handler(AuthenticationError)
    def on_authentication_error(request, exc):
        return error(request, 401, _("Log in or send a valid bearer token."), "not_authenticated")

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request, exc):
        return error(
            request, 403, str(exc) or _("You do not have permission to do this."), "forbidden"
        )

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return error(request, 404, _("Not found."), "not_found")

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        return error(request, exc.status_code, str(exc), "error")

    @api.exception_handler(Exception)
    def on_unexpected(request, exc):
        # A bug, not bad input: log it with the traceback and answer in the API's own shape.
        logger.exception("Unhandled API error on %s", request.path)
        return error(request, 500, _("Something went wrong on our side."), "server_error")
