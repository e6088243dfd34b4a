from django.urls import path

from . import views

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
]
