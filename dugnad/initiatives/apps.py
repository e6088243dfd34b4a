from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class InitiativesConfig(DugnadAppConfig):
    name = "dugnad.initiatives"
    label = "initiatives"
    verbose_name = _("Co-creation initiatives")
    navigation = (NavEntry("initiatives:index", _("Co-creation"), 70),)
    api_routers = (("/initiatives", "dugnad.initiatives.api.router"),)
