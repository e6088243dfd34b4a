from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class GrantsConfig(DugnadAppConfig):
    name = "dugnad.grants"
    label = "grants"
    verbose_name = _("Grants")
    navigation = (NavEntry("grants:index", _("Grants"), 50),)
    demo_loader = "dugnad.grants.demo.load"
    demo_order = 50
    key_figures = "dugnad.grants.figures.key_figures"
    api_routers = (("/grants", "dugnad.grants.api.router"),)
    my_page = "dugnad.grants.queries.my_page"
    personal_data = "dugnad.grants.privacy"
    work_queue = "dugnad.grants.queries.work_queue"
    personal_data_views = {
        name: "dugnad.grants.privacy.application_shown"
        for name in (
            "grants:case",
            "grants:attachment",
            "grants:application",
            "grants:letter",
            "grants:report_review",
        )
    }
