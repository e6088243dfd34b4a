from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("min-side/", views.dashboard, name="dashboard"),
    path("min-side/api-nokler/", views.tokens, name="tokens"),
    path("min-side/api-nokler/ny/", views.token_create, name="token_create"),
    path("min-side/api-nokler/<int:pk>/trekk-tilbake/", views.token_revoke, name="token_revoke"),
]
