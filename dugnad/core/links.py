from django.conf import settings


def site_url(request=None) -> str:
    """The site's public address without a trailing slash, for links that leave the page.

    In a request, the address the visitor used; elsewhere (emails, tasks) SITE_URL from settings.
    """
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.DUGNAD_SITE_URL
