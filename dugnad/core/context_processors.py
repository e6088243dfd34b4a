from django.urls import NoReverseMatch, reverse

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
    return {
        "municipality": request.municipality,
        "navigation": _navigation(request.path),
    }
