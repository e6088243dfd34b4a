from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("min-side/", views.dashboard, name="dashboard"),
    path("min-side/mine-data/", views.my_data, name="my_data"),
    path("min-side/mine-data.json", views.my_data_json, name="my_data_json"),
    path("min-side/innsyn/", views.data_access, name="data_access"),
    path("min-side/slett-konto/", views.delete_account, name="delete_account"),
]
