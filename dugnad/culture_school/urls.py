from django.urls import path

from . import views, views_setup, views_teaching

app_name = "culture_school"
urlpatterns = [
    path("kulturskole/", views.index, name="index"),
    path("kulturskole/tilbud/<int:pk>/", views.offer_detail, name="offer"),
    path("kulturskole/familie/", views.family, name="family"),
    path("kulturskole/familie/ny-elev/", views.pupil_add, name="pupil_add"),
    path("kulturskole/familie/sok/", views.apply, name="apply"),
    path("kulturskole/familie/tilbud/<int:pk>/svar/", views.answer_offer, name="answer_offer"),
    path("kulturskole/familie/soknad/<int:pk>/trekk/", views.withdraw, name="withdraw"),
    path("kulturskole/familie/elev/<int:pk>/inviter/", views.invite, name="invite"),
    path("kulturskole/invitasjon/<str:token>/", views.invitation, name="invitation"),
    path("kulturskole/admin/", views.staff, name="staff"),
    path("kulturskole/admin/tilbud/nytt/", views.offer_edit, name="offer_create"),
    path("kulturskole/admin/tilbud/<int:pk>/", views.offer_edit, name="offer_edit"),
    path("kulturskole/admin/tilbud/<int:pk>/venteliste/", views.waiting_list, name="waiting_list"),
    path("kulturskole/admin/ar/<int:year_pk>/regler/", views.rules_save, name="rules"),
    path("kulturskole/admin/ar/<int:year_pk>/loddtrekning/", views.lottery, name="lottery"),
    path("kulturskole/familie/betaling/", views.family_fees, name="family_fees"),
    path("kulturskole/admin/betaling/", views.staff_fees, name="staff_fees"),
    path(
        "kulturskole/admin/reduksjon/<int:pk>/dokumentasjon/",
        views.reduction_evidence,
        name="reduction_evidence",
    ),
    path("kulturskole/admin/reduksjon/<int:pk>/vedtak/", views.reduction_decide, name="decide"),
    path("kulturskole/admin/plass/<int:pk>/friplass/", views.free_place, name="free_place"),
    path("kulturskole/admin/tilbud/<int:pk>/grupper/", views_teaching.groups, name="groups"),
    path(
        "kulturskole/admin/gruppe/<int:pk>/elever/",
        views_teaching.group_members,
        name="group_members",
    ),
    path("kulturskole/laerer/", views_teaching.teacher_week, name="teacher_week"),
    path("kulturskole/laerer/time/<int:pk>/", views_teaching.lesson, name="lesson"),
    path("kulturskole/laerer/time/<int:pk>/avlys/", views_teaching.lesson_cancel, name="cancel"),
    path(
        "kulturskole/laerer/gruppe/<int:group_pk>/elev/<int:place_pk>/",
        views_teaching.pupil_levels,
        name="pupil_levels",
    ),
    path(
        "kulturskole/familie/plass/<int:place_pk>/fravaer/<int:lesson_pk>/",
        views_teaching.absence,
        name="absence",
    ),
    path("kulturskole/familie/fortsettelse/", views.reregister, name="reregister"),
    path("kulturskole/admin/ar/<int:year_pk>/frist/", views.deadline_save, name="deadline"),
    path(
        "kulturskole/admin/ar/<int:year_pk>/befolkning/", views.population_save, name="population"
    ),
    path("kulturskole/admin/fag/", views_setup.subjects, name="subjects"),
    path("kulturskole/admin/fag/nytt/", views_setup.subject_edit, name="subject_create"),
    path("kulturskole/admin/fag/<int:pk>/", views_setup.subject_edit, name="subject_edit"),
    path("kulturskole/admin/betalingsplaner/", views_setup.fee_plans, name="fee_plans"),
    path(
        "kulturskole/admin/betalingsplaner/ny/", views_setup.fee_plan_edit, name="fee_plan_create"
    ),
    path(
        "kulturskole/admin/betalingsplaner/<int:pk>/",
        views_setup.fee_plan_edit,
        name="fee_plan_edit",
    ),
    path("kulturskole/admin/skolear/", views_setup.years, name="years"),
    path("kulturskole/admin/skolear/nytt/", views_setup.year_edit, name="year_create"),
    path(
        "kulturskole/admin/ar/<int:year_pk>/innstillinger/", views_setup.year_edit, name="year_edit"
    ),
    path("kulturskole/admin/ar/<int:year_pk>/inntektsgrenser/", views_setup.bands, name="bands"),
    path(
        "kulturskole/admin/ar/<int:year_pk>/inntektsgrenser/ny/",
        views_setup.band_edit,
        name="band_create",
    ),
    path(
        "kulturskole/admin/ar/<int:year_pk>/inntektsgrenser/<int:pk>/",
        views_setup.band_edit,
        name="band_edit",
    ),
    path(
        "kulturskole/admin/ar/<int:year_pk>/inntektsgrenser/<int:pk>/slett/",
        views_setup.band_delete,
        name="band_delete",
    ),
    path(
        "kulturskole/admin/ar/<int:year_pk>/fortsettelse/",
        views_setup.reregistration,
        name="reregistration",
    ),
]
