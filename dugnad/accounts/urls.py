from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("min-side/", views.dashboard, name="dashboard"),
    # Under the kernel's information pages, whose URLs are mounted after this app's.
    path("frivillig-i-kommunen/kontakter/", views.contacts, name="contacts"),
    path("min-side/api-tokener/", views.tokens, name="tokens"),
    path("min-side/api-tokener/ny/", views.token_create, name="token_create"),
    path("min-side/api-tokener/<int:pk>/trekk-tilbake/", views.token_revoke, name="token_revoke"),
]
