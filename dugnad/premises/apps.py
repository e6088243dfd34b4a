from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class PremisesConfig(DugnadAppConfig):
    name = "dugnad.premises"
    label = "premises"
    verbose_name = _("Premises")
    navigation = (NavEntry("premises:index", _("Premises"), 40),)
    public_cache = True
    model_topics = {"booking": "bookings", "bookingseries": "bookings", "seriesskip": "bookings"}
    private_models = ("slotwish", "allocatedslot")
    demo_loader = "dugnad.premises.demo.load"
    demo_order = 30
    key_figures = "dugnad.premises.figures.key_figures"
    api_routers = (
        ("/premises", "dugnad.premises.api.router"),
        ("/bookings", "dugnad.premises.api.bookings_router"),
    )
    my_page = "dugnad.premises.queries.my_page"
    personal_data = "dugnad.premises.privacy"
    work_queue = "dugnad.premises.queries.work_queue"
    personal_data_views = {
        "premises:booking": "dugnad.premises.privacy.booking_shown",
        "premises:invoice": "dugnad.premises.privacy.invoice_shown",
        "premises:manage": "dugnad.premises.privacy.manage_shown",
        "premises:requests": "dugnad.premises.privacy.queue_shown",
        "premises:block": "dugnad.premises.privacy.queue_shown",
    }

    def ready(self):
        super().ready()
        from .cache import connect

        connect()
