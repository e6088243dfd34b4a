"""Request middleware of the kernel."""

from django.utils.functional import SimpleLazyObject

from .access import access_for
from .errors import NotAllowed


class AccessMiddleware:
    """`request.access`: the person's one Access object (core.access), built on first use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(lambda: access_for(request.user))
        return self.get_response(request)


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
