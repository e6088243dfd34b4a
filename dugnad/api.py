"""The JSON API at /api/v1/: each app's router composed into one documented NinjaAPI.

Errors are always JSON `{"detail": ..., "code": ...}` with a 4xx status, never a 500 for bad
input. Scripts authenticate with a bearer token from `POST /api/v1/auth/token`.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from dugnad.accounts.api import router as accounts_router
from dugnad.activities.api import router as activities_router
from dugnad.core.errors import DomainError
from dugnad.culture_school.api import router as culture_school_router
from dugnad.grants.api import router as grants_router
from dugnad.initiatives.api import router as initiatives_router
from dugnad.organisations.api import router as organisations_router
from dugnad.plans.api import router as plans_router
from dugnad.premises.api import bookings_router
from dugnad.premises.api import router as premises_router
from dugnad.volunteering.api import router as volunteering_router

api = NinjaAPI(
    title="Dugnad API",
    version="1",
    description=(
        "Open data and integrations for Dugnad: organisations, events, premises, grants and "
        "volunteering. Public lists need no login; personal endpoints take a bearer token "
        "from `POST /api/v1/auth/token`. Errors are JSON with `detail` and `code`."
    ),
    urls_namespace="api",
    docs_url="/docs",
)


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
        {"detail": _("The request is not valid."), "code": "validation_error", "errors": exc.errors},
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
    return error(request, 403, str(exc) or _("You do not have permission to do this."), "forbidden")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(request, 404, _("Not found."), "not_found")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return error(request, exc.status_code, str(exc), "error")


api.add_router("/auth", accounts_router)
api.add_router("/organisations", organisations_router)
api.add_router("/events", activities_router)
api.add_router("/premises", premises_router)
api.add_router("/bookings", bookings_router)
api.add_router("/grants", grants_router)
api.add_router("/volunteering", volunteering_router)
api.add_router("/culture-school", culture_school_router)
api.add_router("/initiatives", initiatives_router)
api.add_router("/plans", plans_router)
