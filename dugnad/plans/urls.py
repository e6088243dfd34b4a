from django.urls import path, re_path

from . import views

app_name = "plans"
urlpatterns = [
    path("tiltaksplan/", views.plan_list, name="list"),
    path("tiltaksplan/<int:pk>/", views.plan_detail, name="plan"),
    path("tiltaksplan/<int:pk>/oppfolging/", views.follow_up, name="follow_up"),
    path("tiltaksplan/<int:pk>/arsrapport/ny/", views.report_new, name="report_new"),
    path("tiltaksplan/mine-tiltak/", views.mine, name="mine"),
    path("nokkeltall/", views.figures, name="figures"),
    path("tiltaksplan/tiltak/<int:pk>/", views.measure_detail, name="measure"),
    path("tiltaksplan/tiltak/<int:pk>/oppdater/", views.measure_update, name="measure_update"),
    path("tiltaksplan/tiltak/<int:pk>/kommenter/", views.measure_comment, name="measure_comment"),
    path("tiltaksplan/tiltak/<int:pk>/lenker/", views.link_add, name="link_add"),
    path("tiltaksplan/lenke/<int:pk>/fjern/", views.link_remove, name="link_remove"),
    path("arsrapport/<int:pk>/", views.report_detail, name="report"),
    path("arsrapport/<int:pk>/rediger/", views.report_edit, name="report_edit"),
    path("arsrapport/<int:pk>/godkjenn/", views.report_approve, name="report_approve"),
    path("arsrapport/<int:pk>/rapport.pdf", views.report_pdf, name="report_pdf"),
    re_path(
        r"^arsrapport/(?P<pk>[0-9]+)/nokkeltall\.(?P<extension>csv|xlsx)$",
        views.report_figures,
        name="report_figures",
    ),
]
