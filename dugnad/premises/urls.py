from django.urls import path

from . import views, views_setup, views_staff

app_name = "premises"
urlpatterns = [
    path("lokaler/", views.index, name="index"),
    path("lokaler/rom/<int:pk>/", views.room, name="room"),
    path("lokaler/rom/<int:pk>/bestill/", views.book, name="book"),
    path("lokaler/rom/<int:pk>/bilde/", views.room_photo, name="room_photo"),
    path(
        "lokaler/rom/<int:pk>/bilde/<int:photo_pk>/", views.room_photo_file, name="room_photo_file"
    ),
    path("lokaler/bestillinger/", views.my_bookings, name="my_bookings"),
    path("lokaler/bestillinger/<int:pk>/", views.booking, name="booking"),
    path("lokaler/bestillinger/<int:pk>/kalender.ics", views.booking_ics, name="booking_ics"),
    path("lokaler/bestillinger/<int:pk>/<slug:name>/", views.booking_transition, name="transition"),
    path("lokaler/serier/<int:pk>/", views.series, name="series"),
    path("lokaler/serier/<int:pk>/avlys/", views.series_cancel, name="series_cancel"),
    path("lokaler/feed/<str:kind>/<int:pk>/<str:token>.ics", views.feed, name="feed"),
    path("lokaler/feed/<str:kind>/<int:pk>/ny-lenke/", views.feed_link_create, name="feed_link"),
    path("lokaler/forvaltning/", views.manage, name="manage"),
    path("lokaler/forvaltning/sperring/", views_staff.block, name="block"),
    path("lokaler/forvaltning/foresporsler/", views_staff.requests, name="requests"),
    path("lokaler/oppsett/", views_setup.buildings, name="setup"),
    path("lokaler/oppsett/bygg/nytt/", views_setup.building_create, name="setup_building_create"),
    path("lokaler/oppsett/bygg/<int:pk>/", views_setup.building, name="setup_building"),
    path(
        "lokaler/oppsett/bygg/<int:pk>/nytt-rom/", views_setup.room_create, name="setup_room_create"
    ),
    path("lokaler/oppsett/rom/<int:pk>/", views_setup.room, name="setup_room"),
    path("lokaler/oppsett/tildeling/ny/", views_setup.round_create, name="setup_round_create"),
    path("lokaler/oppsett/tildeling/<int:pk>/", views_setup.round_edit, name="setup_round"),
    path(
        "lokaler/forvaltning/foresporsler/avgjor/",
        views_staff.decide_requests,
        name="decide_requests",
    ),
    path("lokaler/forvaltning/sperring/<int:pk>/fjern/", views.unblock, name="unblock"),
    path("lokaler/forvaltning/fakturagrunnlag/", views.invoice, name="invoice"),
    path("lokaler/tildeling/<int:pk>/", views_staff.allocation, name="allocation"),
    path(
        "lokaler/tildeling/<int:pk>/publiser/",
        views_staff.allocation_publish,
        name="allocation_publish",
    ),
    path(
        "lokaler/tildeling/<int:pk>/rapport/",
        views_staff.allocation_report,
        name="allocation_report",
    ),
    path("lokaler/tildeling/<int:pk>/soknad/", views.apply_for_slot, name="apply"),
    path("lokaler/tildeling/onske/<int:pk>/tildel/", views_staff.allocate_wish, name="allocate"),
]
