from django.urls import path

from . import views, views_signup

app_name = "activities"
event = "kalender/arrangement/<int:pk>/"
occurrence = event + "dato/<int:occurrence_pk>/"
urlpatterns = [
    path("kalender/", views.calendar, name="calendar"),
    path("kalender.ics", views.calendar_ics, name="calendar_ics"),
    path("kalender/widget/", views.widget, name="widget"),
    path("kalender/widget/kode/", views.widget_code, name="widget_code"),
    path("kalender/nytt/", views.event_create, name="event_create"),
    path(event + "bilde/", views.event_image, name="event_image"),
    path("kalender/godkjenning/", views.review, name="review"),
    path(
        "kalender/godkjenning/organisasjoner/",
        views.approval_policies,
        name="approval_policies",
    ),
    path("kalender/organisasjon/<slug:slug>.ics", views.organisation_ics, name="organisation_ics"),
    path("kalender/avmelding/<str:token>/", views.cancel_signup, name="cancel_signup"),
    path(event, views.event_detail, name="event"),
    path(event + "rediger/", views.event_edit, name="event_edit"),
    path(event + "vurder/", views.review_event, name="review_event"),
    path(event + "pamelding/", views_signup.signup_setup, name="signup_setup"),
    path(occurrence + "plasser/", views_signup.occurrence_capacity, name="occurrence_capacity"),
    path(occurrence + "kalender.ics", views.occurrence_ics, name="occurrence_ics"),
    path(occurrence + "pamelding/", views_signup.sign_up, name="sign_up"),
    path(occurrence + "deltakere/", views_signup.participants, name="participants"),
    path(occurrence + "deltakere.csv", views_signup.participants_csv, name="participants_csv"),
    path(occurrence + "flytt/", views.move_occurrence, name="move_occurrence"),
    path(occurrence + "avlys/", views.occurrence_cancel, name="occurrence_cancel"),
    path(occurrence + "flytt-fremover/", views.reschedule_following, name="reschedule_following"),
]
