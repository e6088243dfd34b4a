"""The JSON API at /api/v1/: each app's router composed into one documented NinjaAPI.

Errors are always JSON `{"detail": ..., "code": ...}` with a 4xx status, never a 500 for bad
input. Scripts authenticate with a bearer token from `POST /api/v1/auth/token`.
"""

from ninja import NinjaAPI

from dugnad.core.api import document_errors, install_error_handlers
from dugnad.core.plugins import api_routers

api = NinjaAPI(
    title="Dugnad API",
    version="1",
    description=(
        "Open data and integrations for Dugnad: organisations, events, premises, grants and "
        "volunteering. Public lists need no login; personal endpoints take a bearer token "
        "from `POST /api/v1/auth/token`; a request without valid credentials gets 401. "
        "Errors are JSON with `detail` and `code`. Every list takes `limit` (1-100, default "
        '20) and `offset` and answers `{"items": [...], "count": n}`.'
    ),
    urls_namespace="api",
    docs_url="/docs",
)


install_error_handlers(api)

for prefix, router in api_routers():
    api.add_router(prefix, router)

document_errors(api)
