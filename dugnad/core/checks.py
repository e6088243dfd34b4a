"""System checks for what a production deployment needs beyond Django's own."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PUBLIC_PAGE_CACHE_SECONDS and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is per process, so a change seen by one worker does not empty the "
                "public pages cached by the others.",
                hint="Set REDIS_URL (or PUBLIC_PAGE_CACHE_SECONDS=0 for one process only).",
                id="dugnad.W001",
            )
        ]
    return []
