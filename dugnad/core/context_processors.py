from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .queries import current_municipality

# Main navigation: (url name, label). A section shows once its app defines the URL.
NAVIGATION = [
    ("organisations:list", _("Organisations")),
    ("activities:calendar", _("Calendar")),
    ("volunteering:index", _("Volunteer")),
    ("premises:index", _("Premises")),
    ("grants:index", _("Grants")),
    ("culture_school:index", _("Culture school")),
    ("initiatives:index", _("Co-creation")),
    ("core:page_list", _("Volunteering in the municipality")),
]


def _navigation(path: str) -> list[dict]:
    items = []
    for name, label in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": path.startswith(url)})
    return items


def site(request):
    return {
        "municipality": current_municipality(),
        "navigation": _navigation(request.path),
    }
