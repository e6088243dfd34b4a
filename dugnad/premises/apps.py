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
    api_routers = (
        ("/premises", "dugnad.premises.api.router"),
        ("/bookings", "dugnad.premises.api.bookings_router"),
    )
    my_page = "dugnad.premises.queries.my_page"
    personal_data = "dugnad.premises.privacy"
    personal_data_views = {
        "premises:booking": "dugnad.premises.privacy.booking_shown",
        "premises:invoice": "dugnad.premises.privacy.invoice_shown",
        "premises:manage": "dugnad.premises.privacy.manage_shown",
    }
