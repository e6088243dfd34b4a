from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig, NavEntry


class CultureSchoolConfig(DugnadAppConfig):
    name = "dugnad.culture_school"
    label = "culture_school"
    verbose_name = _("Culture school")
    navigation = (NavEntry("culture_school:index", _("Culture school"), 60),)
    public_cache = True
    # Families' and pupils' rows never show on a public page; the catalogue's counts of places
    # and waiting applications do, so applications, offers of a place and places invalidate it.
    private_models = ("pupil", "guardianship", "guardianinvitation", "feereduction", "incomeband")
    demo_loader = "dugnad.culture_school.demo.load"
    demo_order = 70
    api_routers = (("/culture-school", "dugnad.culture_school.api.router"),)
    personal_data = "dugnad.culture_school.privacy"
    personal_data_views = {
        "culture_school:waiting_list": "dugnad.culture_school.privacy.waiting_list_shown",
        "culture_school:staff_fees": "dugnad.culture_school.privacy.payers_shown",
        "culture_school:reduction_evidence": "dugnad.culture_school.privacy.evidence_shown",
        "culture_school:free_place": "dugnad.culture_school.privacy.place_shown",
        "culture_school:reregistration": "dugnad.culture_school.privacy.reregistration_shown",
    }
    home_section = "dugnad.culture_school.queries.home_section"
    home_order = 40
    home_topics = ("culture_school",)
    my_page = "dugnad.culture_school.queries.my_page"
    work_queue = "dugnad.culture_school.queries.work_queue"
    key_figures = "dugnad.culture_school.figures.key_figures"
