from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("min-side/", views.dashboard, name="dashboard"),
]
