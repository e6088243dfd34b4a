from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureSchoolConfig(AppConfig):
    name = "dugnad.culture_school"
    label = "culture_school"
    verbose_name = _("Culture school")
