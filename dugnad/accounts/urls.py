from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("min-side/", views.dashboard, name="dashboard"),
    path("arbeid/", views.work, name="work"),
    # Under the kernel's information pages, whose URLs are mounted after this app's.
    path("frivillig-i-kommunen/kontakter/", views.contacts, name="contacts"),
    path("min-side/api-tokener/", views.tokens, name="tokens"),
    path("min-side/api-tokener/ny/", views.token_create, name="token_create"),
    path("min-side/api-tokener/<int:pk>/trekk-tilbake/", views.token_revoke, name="token_revoke"),
    path("min-side/mine-data/", views.my_data, name="my_data"),
    path("min-side/mine-data.json", views.my_data_json, name="my_data_json"),
    path("min-side/innsyn/", views.data_access, name="data_access"),
    path("min-side/slett-konto/", views.delete_account, name="delete_account"),
]
