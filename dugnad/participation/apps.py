from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class ParticipationConfig(DugnadAppConfig):
    name = "dugnad.participation"
    label = "participation"
    verbose_name = _("Youth participation")
    navigation = (NavEntry("participation:index", _("Have your say"), 75),)
    api_routers = (("/participation", "dugnad.participation.api.router"),)
    public_cache = True
    private_models = (
        "youthmoderator",
        "participant",
        "vote",
        "votechoice",
        "moderationentry",
        "schoolclass",
    )
    demo_loader = "dugnad.participation.demo.load"
    demo_order = 90
    # The youth council's moderators hold their role in a municipality (see access.py).
    role_source = "dugnad.participation.access.grants"
    personal_data = "dugnad.participation.privacy"
    personal_data_views = {
        "participation:work": "dugnad.participation.privacy.work_shown",
        "participation:idea": "dugnad.participation.privacy.held_idea_shown",
    }
    my_page = "dugnad.participation.queries.my_page"
    home_section = "dugnad.participation.queries.home_section"
    home_order = 60
    home_topics = ("participation",)
    work_queue = "dugnad.participation.queries.work_queue"
    key_figures = "dugnad.participation.figures.key_figures"
