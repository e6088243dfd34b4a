from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class InitiativesConfig(DugnadAppConfig):
    name = "dugnad.initiatives"
    label = "initiatives"
    verbose_name = _("Co-creation initiatives")
    navigation = (NavEntry("initiatives:index", _("Co-creation"), 70),)
    public_cache = True
    private_models = ("deskregistration",)
    demo_loader = "dugnad.initiatives.demo.load"
    demo_order = 80
    api_routers = (
        ("/initiatives", "dugnad.initiatives.api.initiatives_router"),
        ("/stories", "dugnad.initiatives.api.stories_router"),
    )
    personal_data = "dugnad.initiatives.privacy"
    personal_data_views = {
        "initiatives:desk": "dugnad.initiatives.privacy.desk_shown",
        "initiatives:desk_register": "dugnad.initiatives.privacy.desk_shown",
    }
    my_page = "dugnad.initiatives.queries.my_page"
    home_section = "dugnad.initiatives.queries.home_section"
    home_order = 50
    home_topics = ("initiatives",)
    work_queue = "dugnad.initiatives.queries.work_queue"
    key_figures = "dugnad.initiatives.figures.key_figures"
