from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from .plugins import navigation_entries

# The links base.html shows on every page. They change only with the URL configuration and the
# script prefix, so they are reversed once per process for each of those, not on every page.
SITE_URL_NAMES = {
    "home": "core:home",
    "search": "core:search",
    "switch_language": "core:switch_language",
    "demo_mailbox": "core:demo_mailbox",
    "accessibility": "core:accessibility",
    "contacts": "accounts:contacts",
    "dashboard": "accounts:dashboard",
    "work": "accounts:work",
    "login": "account_login",
}
_constants: dict[tuple, tuple] = {}


def _reversed_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _site_constants() -> tuple[dict, list, list]:
    """(the base template's links, the menu's (url, label) pairs, the language switcher's
    options): the same for every request of this process and URL configuration."""
    key = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    found = _constants.get(key)
    if found is None:
        urls = {
            name: url
            for name, url_name in SITE_URL_NAMES.items()
            if (url := _reversed_or_none(url_name)) is not None
        }
        menu = [
            (url, entry.label)  # the label stays lazy: translated in the request's language
            for entry in navigation_entries()
            if (url := _reversed_or_none(entry.url_name)) is not None
        ]
        languages = [
            {"code": code, "name_local": get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ]
        found = _constants[key] = (urls, menu, languages)
    return found


def site(request):
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        # An error page for a request stopped before MunicipalityMiddleware (a host not in
        # ALLOWED_HOSTS answered 400, a body too large for the CSRF check answered 413): the
        # deployment's own municipality, as the host cannot be trusted.
        from .queries import current_municipality

        municipality = SimpleLazyObject(current_municipality)
    urls, menu, languages = _site_constants()
    return {
        "municipality": municipality,
        "navigation": [
            {"url": url, "label": label, "current": request.path.startswith(url)}
            for url, label in menu
        ],
        "site_urls": urls,
        "site_languages": languages,
        "demo_mode": settings.DEMO_MODE,
    }
