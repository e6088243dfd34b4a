from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class CultureSchoolConfig(DugnadAppConfig):
    name = "dugnad.culture_school"
    label = "culture_school"
    verbose_name = _("Culture school")
    navigation = (NavEntry("culture_school:index", _("Culture school"), 60),)
    api_routers = (("/culture-school", "dugnad.culture_school.api.router"),)
