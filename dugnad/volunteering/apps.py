from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class VolunteeringConfig(DugnadAppConfig):
    name = "dugnad.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")
    navigation = (NavEntry("volunteering:index", _("Volunteer"), 30),)
    # Open assignments show on the home page, the site search and an organisation's page;
    # the people found for them (accepted interests) change what "needs people" lists.
    model_topics = {"assignment": "assignments", "interest": "assignments"}
    home_section = "dugnad.volunteering.queries.home_section"
    home_order = 20
    home_topics = ("assignments", "organisations")
    site_search = "dugnad.volunteering.queries.site_search"
    search_order = 30
    organisation_section = "dugnad.volunteering.queries.organisation_section"
    organisation_order = 20
    organisation_topics = ("assignments",)  # the page reads "organisations" already
    demo_loader = "dugnad.volunteering.demo.load"
    demo_order = 60
    key_figures = "dugnad.volunteering.figures.key_figures"
    api_routers = (("/volunteering", "dugnad.volunteering.api.router"),)
    my_page = "dugnad.volunteering.queries.my_page"
    personal_data = "dugnad.volunteering.privacy"
    work_queue = "dugnad.volunteering.queries.work_queue"
    personal_data_views = {
        "volunteering:volunteer": "dugnad.volunteering.privacy.profile_shown",
        "volunteering:assignment": "dugnad.volunteering.privacy.phones_shown",
        "volunteering:hours_report": "dugnad.volunteering.privacy.hours_report_shown",
        "volunteering:overview": "dugnad.volunteering.privacy.overview_shown",
        "volunteering:register": "dugnad.volunteering.privacy.register_shown",
    }
