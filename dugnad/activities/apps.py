from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class ActivitiesConfig(DugnadAppConfig):
    name = "dugnad.activities"
    label = "activities"
    verbose_name = _("Activity calendar")
    navigation = (NavEntry("activities:calendar", _("Calendar"), 20),)
    public_cache = True
    # Places left show on the calendar, the event page and the API, not in the feeds: a
    # sign-up raises its own topic and leaves the feeds cached. Those pages read it per date
    # (core.caching.shows): a sign-up changes the pages that show its date, see ready().
    model_topics = {"signup": "signups"}
    private_models = ("signupanswer",)
    demo_loader = "dugnad.activities.demo.load"
    demo_order = 40
    key_figures = "dugnad.activities.figures.key_figures"
    api_routers = (("/events", "dugnad.activities.api.router"),)
    my_page = "dugnad.activities.queries.my_page"
    personal_data = "dugnad.activities.privacy"
    work_queue = "dugnad.activities.queries.work_queue"
    home_section = "dugnad.activities.queries.home_section"
    home_order = 10
    home_topics = ("activities", "organisations", "premises")
    site_search = "dugnad.activities.queries.site_search"
    search_order = 20
    organisation_section = "dugnad.activities.queries.organisation_section"
    organisation_order = 10
    organisation_topics = ("activities", "premises")
    personal_data_views = {
        "activities:participants": "dugnad.activities.privacy.participants_shown",
        "activities:participants_csv": "dugnad.activities.privacy.participants_shown",
    }

    def ready(self):
        super().ready()
        from dugnad.core.caching import narrow_topics, row_topics

        from .models import SignUp
        from .queries import SIGNUPS

        # The date's id is on the row: no query to find what a sign-up changes.
        narrow_topics(SignUp, lambda signup: row_topics(SIGNUPS, signup.occurrence_id))
