from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class OrganisationsConfig(DugnadAppConfig):
    name = "dugnad.organisations"
    label = "organisations"
    verbose_name = _("Voluntary organisations")
    navigation = (NavEntry("organisations:list", _("Organisations"), 10),)
    public_cache = True
    private_models = ("invitation",)
    demo_loader = "dugnad.organisations.demo.load"
    demo_order = 20
    api_routers = (("/organisations", "dugnad.organisations.api.router"),)
    role_source = "dugnad.organisations.access.grants"
    my_page = "dugnad.organisations.queries.my_page"
    personal_data = "dugnad.organisations.privacy"
    work_queue = "dugnad.organisations.queries.work_queue"
    site_search = "dugnad.organisations.queries.site_search"
    search_order = 10
    personal_data_views = {"organisations:review": "dugnad.organisations.privacy.review_shown"}
