from urllib.parse import urlsplit

from django.conf import settings


def site_url(request) -> str:
    """The address the visitor used, without a trailing slash, for links that leave the page."""
    return request.build_absolute_uri("/").rstrip("/")


def municipality_url(municipality) -> str:
    """The public address of the municipality's site, without a trailing slash, for links sent
    outside a request (emails, calendar attachments).

    One deployment serves several municipalities, each at its own host name, and an object is
    found only under its own municipality's host: a link to it must use that host. The scheme
    and port are SITE_URL's (https in production; one server serves every host). A municipality
    without a host name is served at SITE_URL.
    """
    hostname = getattr(municipality, "hostname", "") if municipality is not None else ""
    if not hostname:
        return settings.DUGNAD_SITE_URL
    default = urlsplit(settings.DUGNAD_SITE_URL)
    port = f":{default.port}" if default.port else ""
    return f"{default.scheme or 'https'}://{hostname}{port}"
