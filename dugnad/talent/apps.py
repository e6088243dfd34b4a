from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class TalentConfig(DugnadAppConfig):
    name = "dugnad.talent"
    label = "talent"
    verbose_name = _("Talent programmes")
    navigation = (NavEntry("talent:index", _("Talent programmes"), 65),)
    api_routers = (("/talent", "dugnad.talent.api.router"),)
    # The public programme pages show programmes and their parts; people's rows never.
    public_cache = True
    private_models = (
        "programmeadmin", "coordinator", "teacher", "panelmember", "nomination",
        "nominationfile", "conflict", "score", "auditionslot", "attendance", "progressnote",
    )  # fmt: skip
    role_source = "dugnad.talent.access.grants"
    demo_loader = "dugnad.talent.demo.load"
    demo_order = 75
    personal_data = "dugnad.talent.privacy"
    my_page = "dugnad.talent.queries.my_page"
    work_queue = "dugnad.talent.queries.work_queue"
    key_figures = "dugnad.talent.figures.key_figures"
    personal_data_views = {
        name: "dugnad.talent.privacy.nomination_shown"
        for name in ("talent:nomination", "talent:file", "talent:score")
    } | {
        "talent:nominations": "dugnad.talent.privacy.list_shown",
        "talent:session": "dugnad.talent.privacy.session_shown",
    }
