from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("organisasjoner/", views.directory, name="list"),
    path("organisasjoner/registrer/", views.register, name="register"),
    path("organisasjoner/behandling/", views.review_queue, name="review"),
    path("organisasjoner/invitasjon/<str:token>/", views.invitation, name="invitation"),
    path("organisasjoner/<slug:slug>/", views.detail, name="detail"),
    path("organisasjoner/<slug:slug>/rediger/", views.edit, name="edit"),
    path("organisasjoner/<slug:slug>/roller/", views.roles, name="roles"),
    path("organisasjoner/<slug:slug>/behandle/", views.review, name="review_one"),
    path("organisasjoner/<slug:slug>/logo/", views.logo, name="logo"),
]
