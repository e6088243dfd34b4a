from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig


class PlansConfig(DugnadAppConfig):
    name = "dugnad.plans"
    label = "plans"
    verbose_name = _("Action plans")
    api_routers = (("/plans", "dugnad.plans.api.router"),)
