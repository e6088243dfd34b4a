"""The API's shared contract: JSON errors `{"detail": ..., "code": ...}` with a 4xx status,
documented on every operation, and one pagination shape for every list."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.constants import NOT_SET
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import LimitOffsetPagination

from .errors import DomainError
from .params import MAX_DB_INT

logger = logging.getLogger(__name__)

# Every list: `?limit=&offset=`, answered as `{"items": [...], "count": n}`.
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class ErrorOut(Schema):
    """The body of every 4xx (and 5xx) answer."""

    detail: str = Field(..., description="What went wrong, in the request's language.")
    code: str = Field(..., description="A stable machine-readable code, e.g. not_found.")
    field: str | None = Field(None, description="The input field the error is about, if one.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="Per-field validation errors (422 only)."
    )


class Pagination(LimitOffsetPagination):
    """django-ninja's limit/offset pagination, with the limit capped and the offset bounded."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most 100.")
        # Bounded so that offset + limit stays within the database's integers.
        offset: int = Field(0, ge=0, le=MAX_DB_INT - MAX_LIMIT)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


class MappedRows:
    """A query's rows turned into dicts as the paginator slices them: count() stays a COUNT.

    With `whole_page=True`, `convert` is given the page's slice of the queryset and returns the
    page's dicts: for rows read in another shape than the count's (values()) or with what the
    page's rows share read in one query, not one per row.
    """

    def __init__(self, queryset, convert, *, whole_page: bool = False):
        self.queryset, self.convert, self.whole_page = queryset, convert, whole_page
        self._counted = None

    def count(self):
        # A page that came back short ended the rows: its offset and length are the count, and
        # the COUNT query is not needed.
        if self._counted is not None:
            return self._counted
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if self.whole_page:
            page = self.convert(self.queryset[item])
        else:
            page = [self.convert(row) for row in self.queryset[item]]
        if isinstance(item, slice) and item.step in (None, 1) and item.stop is not None:
            start = item.start or 0
            if 0 <= start < item.stop and len(page) < item.stop - start and (page or not start):
                self._counted = start + len(page)
        return page


def document_errors(api: NinjaAPI) -> None:
    """Add the error answers each operation can give to its documented responses."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                statuses = {400, 404, 422}
                # The operation's own settings: no router or the API sets auth or throttles.
                if operation.auth_param not in (NOT_SET, None):
                    statuses |= {401, 403}
                if set(operation.methods) & {"POST", "PUT", "PATCH", "DELETE"}:
                    statuses |= {403, 409, 413}
                if operation.throttle_param not in (NOT_SET, None):
                    statuses.add(429)
                for status in sorted(statuses):
                    operation.response_models.setdefault(
                        status, operation._create_response_model(ErrorOut)
                    )


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

    @api.exception_handler(RequestDataTooBig)
    def on_too_large(request, exc):
        from .views import too_large_message

        return error(request, 413, too_large_message(), "request_too_large")

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        return error(request, exc.status_code, str(exc), "error")

    @api.exception_handler(Exception)
    def on_unexpected(request, exc):
        # A bug, not bad input: log it with the traceback and answer in the API's own shape.
        logger.exception("Unhandled API error on %s", request.path)
        return error(request, 500, _("Something went wrong on our side."), "server_error")
