from django.utils.translation import gettext_lazy as _

from .plugins import DugnadAppConfig, NavEntry


class CoreConfig(DugnadAppConfig):
    name = "dugnad.core"
    label = "core"
    verbose_name = _("Core")
    navigation = (NavEntry("core:page_list", _("Volunteering in the municipality"), 90),)
    public_cache = True
    private_models = ("activitylog", "personaldataaccess", "feedtoken")
    demo_loader = "dugnad.core.demo.load"
    demo_order = 0
    personal_data = "dugnad.core.personal"
    site_search = "dugnad.core.queries.site_search"
    search_order = 90

    def ready(self):
        from . import caching, checks, database, search  # noqa: F401  (checks registers itself)

        caching.connect_signals()
        database.connect_signals()
        search.connect_signals()
        self._forget_municipality_on_change()

    def _forget_municipality_on_change(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Municipality
        from .queries import forget_municipality

        for signal in (post_save, post_delete):
            signal.connect(
                forget_municipality,
                sender=Municipality,
                dispatch_uid=f"forget-municipality-{id(signal)}",
            )
