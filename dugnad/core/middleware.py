"""Request middleware of the kernel."""

from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject

from .access import access_for, end_scope, scope_to_municipality
from .errors import NotAllowed


class AccessMiddleware:
    """`request.access`: the person's one Access object (core.access), built on first use, and
    scoped to the request's municipality for every rule asked during the request.

    Comes after MunicipalityMiddleware; the municipality is looked up only when a rule asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = scope_to_municipality(lambda: getattr(request, "municipality", None))
        try:
            request.access = SimpleLazyObject(lambda: access_for(request.user))
            return self.get_response(request)
        finally:
            end_scope(token)


class ParameterMiddleware:
    """Ids and values from the address that cannot be used answer 404 or 400, never 500.

    A path id beyond the database's 64-bit integers cannot name a row, so it is a 404 before
    the view queries with it (the database would raise an error). A `BadParameter` from
    core.params that a page raises becomes a 400 page with its reason; the API answers it as
    JSON through its own handler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.http import Http404

        from .params import MAX_DB_INT

        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -MAX_DB_INT <= value <= MAX_DB_INT:
                raise Http404
        return None

    def process_exception(self, request, exception):
        from .params import BadParameter
        from .views import bad_request

        if isinstance(exception, BadParameter):
            return bad_request(request, reason=exception.message)
        return None


class MunicipalityMiddleware:
    """`request.municipality`: the municipality served at the request's host name.

    A host that no municipality claims (Municipality.hostname) gets the deployment's default,
    MUNICIPALITY_NUMBER; ALLOWED_HOSTS decides which hosts are answered at all. Resolved on
    first use (from the cache, see core.queries.municipality_for_host), so that answers which
    never read it (health checks, static files) do not pay for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.municipality = SimpleLazyObject(lambda: municipality_of(request))
        return self.get_response(request)


def municipality_of(request):
    from .queries import municipality_for_host

    host, _port = split_domain_port(request.get_host())
    return municipality_for_host(host)


class NotAllowedMiddleware:
    """The one place a refused permission becomes a page: a view (or an action it calls) raises
    `NotAllowed` (usually through `verdict.enforce()`), and this answers 403 with the reason.

    The API answers the same exception itself, as JSON (`core.api`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotAllowed):
            from .views import forbidden

            return forbidden(request, reason=exception.message)
        return None
