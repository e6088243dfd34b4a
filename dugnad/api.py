"""The JSON API at /api/v1/: each app's router composed into one documented NinjaAPI.

Errors are always JSON `{"detail": ..., "code": ...}` with a 4xx status, never a 500 for bad
input. Scripts authenticate with a bearer token from `POST /api/v1/auth/token`.
"""

from ninja import NinjaAPI

from dugnad.accounts.api import router as accounts_router
from dugnad.activities.api import router as activities_router
from dugnad.core.api import install_error_handlers
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


install_error_handlers(api)

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
