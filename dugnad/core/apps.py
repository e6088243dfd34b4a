from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dugnad.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import caching, checks  # noqa: F401  (checks registers itself)

        caching.connect_signals()
