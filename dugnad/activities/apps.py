from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class ActivitiesConfig(DugnadAppConfig):
    name = "dugnad.activities"
    label = "activities"
    verbose_name = _("Activity calendar")
    navigation = (NavEntry("activities:calendar", _("Calendar"), 20),)
    public_cache = True
    demo_loader = "dugnad.activities.demo.load"
    demo_order = 40
    api_routers = (("/events", "dugnad.activities.api.router"),)
    my_page = "dugnad.activities.queries.my_page"
    personal_data = "dugnad.activities.privacy"
    personal_data_views = {
        "activities:participants": "dugnad.activities.privacy.participants_shown",
        "activities:participants_csv": "dugnad.activities.privacy.participants_shown",
    }
