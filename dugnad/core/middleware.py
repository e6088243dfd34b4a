"""Request middleware of the kernel."""

from django.utils.functional import SimpleLazyObject

from .access import access_for


class AccessMiddleware:
    """`request.access`: the person's one Access object (core.access), built on first use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(lambda: access_for(request.user))
        return self.get_response(request)


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
