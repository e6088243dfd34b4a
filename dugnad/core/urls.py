from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("sok/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("sprak/", views.switch_language, name="switch_language"),
    path("kalenderlenker/<int:pk>/trekk-tilbake/", views.revoke_feed_link, name="revoke_feed_link"),
    path("demo/epost/", views.demo_mailbox, name="demo_mailbox"),
    path("tilgjengelighet/", views.accessibility_statement, name="accessibility"),
    path("frivillig-i-kommunen/", views.page_list, name="page_list"),
    path("frivillig-i-kommunen/ny/", views.page_edit, name="page_create"),
    path("frivillig-i-kommunen/<slug:slug>/", views.page_detail, name="page_detail"),
    path("frivillig-i-kommunen/<slug:slug>/rediger/", views.page_edit, name="page_edit"),
]
