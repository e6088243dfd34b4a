from django.urls import path

from . import views

app_name = "volunteering"
urlpatterns = [
    path("frivillig/", views.index, name="index"),
    path("frivillig/profil/", views.profile, name="profile"),
    path("frivillig/min-side/", views.mine, name="mine"),
    path("frivillig/taushetserklaering/", views.confidentiality, name="confidentiality"),
    path("frivillig/oversikt/", views.overview, name="overview"),
    path("frivillig/oppdrag/nytt/", views.assignment_create, name="assignment_create"),
    path("frivillig/oppdrag/<int:pk>/", views.assignment_detail, name="assignment"),
    path("frivillig/oppdrag/<int:pk>/rediger/", views.assignment_edit, name="assignment_edit"),
    path("frivillig/vakter/<int:pk>/rediger/", views.shift_edit, name="shift_edit"),
    path("frivillig/vakter/<int:pk>/slett/", views.shift_delete, name="shift_delete"),
    path("frivillig/oppdrag/<int:pk>/interesse/", views.express_interest, name="interest"),
    path("frivillig/oppdrag/<int:pk>/vakter/", views.shift_create, name="shift_create"),
    path("frivillig/oppdrag/<int:pk>/vakter/serie/", views.shift_series, name="shift_series"),
    path("frivillig/oppdrag/<int:pk>/melding/", views.group_message, name="group_message"),
    path("frivillig/oppdrag/<int:pk>/politiattest/", views.record_certificate, name="certificate"),
    path("frivillig/oppdrag/<int:pk>/avslutt/", views.close, name="close"),
    path("frivillig/interesse/<int:pk>/svar/", views.answer_interest, name="answer"),
    path("frivillig/vakter/<int:pk>/meld-pa/", views.shift_sign_up, name="sign_up"),
    path("frivillig/pameldinger/<int:pk>/meld-av/", views.shift_drop, name="drop"),
    path("frivillig/timer/", views.hours_report, name="hours_report"),
    path("frivillig/timer/<int:pk>/", views.decide_hours, name="decide_hours"),
    path("frivillig/frivillige/", views.register, name="register"),
    path("frivillig/frivillige/<int:user_id>/", views.volunteer_profile, name="volunteer"),
    path("frivillig/slik-blir-du-frivillig/", views.how_to, name="how_to"),
]
