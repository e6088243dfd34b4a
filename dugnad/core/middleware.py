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
