from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class ParticipationConfig(DugnadAppConfig):
    name = "dugnad.participation"
    label = "participation"
    verbose_name = _("Youth participation")
    navigation = (NavEntry("participation:index", _("Have your say"), 75),)
    api_routers = (("/participation", "dugnad.participation.api.router"),)
