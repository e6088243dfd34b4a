from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class TalentConfig(DugnadAppConfig):
    name = "dugnad.talent"
    label = "talent"
    verbose_name = _("Talent programmes")
    navigation = (NavEntry("talent:index", _("Talent programmes"), 65),)
    api_routers = (("/talent", "dugnad.talent.api.router"),)
