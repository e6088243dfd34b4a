from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject

from .plugins import navigation_entries


def _navigation(path: str) -> list[dict]:
    items = []
    for entry in navigation_entries():
        label = entry.label
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": path.startswith(url)})
    return items


def site(request):
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        # An error page for a request stopped before MunicipalityMiddleware (a host not in
        # ALLOWED_HOSTS answered 400, a body too large for the CSRF check answered 413): the
        # deployment's own municipality, as the host cannot be trusted.
        from .queries import current_municipality

        municipality = SimpleLazyObject(current_municipality)
    return {
        "municipality": municipality,
        "navigation": _navigation(request.path),
        "demo_mode": settings.DEMO_MODE,
    }
