from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig


class PlansConfig(DugnadAppConfig):
    name = "dugnad.plans"
    label = "plans"
    verbose_name = _("Action plans")
    public_cache = True
    # The plan's page, its measures and approved reports are public; comments name no person.
    demo_loader = "dugnad.plans.demo.load"
    # After every app whose data the report's figures are built from.
    demo_order = 900
    api_routers = (
        ("/plans", "dugnad.plans.api.router"),
        ("/figures", "dugnad.plans.api.figures_router"),
    )
    personal_data = "dugnad.plans.privacy"
    home_section = "dugnad.plans.queries.home_section"
    home_order = 80
    home_topics = ("plans",)
    work_queue = "dugnad.plans.queries.work_queue"
