from django.urls import path

from . import views, views_desk, views_gatherings, views_stories

app_name = "initiatives"

initiative = "samskaping/<slug:slug>/"
story = "frivillighet/gode-historier/<int:pk>/"
conference = "frivillighet/frivilligkonferansen/<int:year>/"
council = "frivillighet/frivilligradet/"
urlpatterns = [
    path("frivillighet/", views.volunteering, name="volunteering"),
    path("frivillighet/enheter/<slug:slug>/", views.unit_page, name="unit"),
    path("frivillighet/frivilligkonferansen/", views.conference, name="conference"),
    path(
        "frivillighet/frivilligkonferansen/ny/",
        views_gatherings.conference_create,
        name="conference_create",
    ),
    path(conference + "rediger/", views_gatherings.conference_manage, name="conference_manage"),
    path(conference + "program/", views_gatherings.session_add, name="session_add"),
    path(conference + "program/<int:pk>/", views_gatherings.session_edit, name="session_edit"),
    path(
        conference + "program/<int:pk>/fjern/",
        views_gatherings.session_delete,
        name="session_delete",
    ),
    path(conference + "dokumenter/", views_gatherings.document_add, name="document_add"),
    path(
        conference + "dokumenter/<int:pk>/",
        views_gatherings.conference_document,
        name="conference_document",
    ),
    path(
        conference + "dokumenter/<int:pk>/fjern/",
        views_gatherings.document_delete,
        name="document_delete",
    ),
    path(council, views.council, name="council"),
    path(council + "rediger/", views_gatherings.council_manage, name="council_manage"),
    path(council + "medlemmer/", views_gatherings.member_add, name="member_add"),
    path(council + "medlemmer/<int:pk>/", views_gatherings.member_edit, name="member_edit"),
    path(
        council + "medlemmer/<int:pk>/fjern/", views_gatherings.member_delete, name="member_delete"
    ),
    path(council + "moter/", views_gatherings.meeting_add, name="meeting_add"),
    path(council + "moter/<int:pk>/", views_gatherings.meeting_edit, name="meeting_edit"),
    path(council + "moter/<int:pk>/fjern/", views_gatherings.meeting_delete, name="meeting_delete"),
    path(council + "moter/<int:pk>/referat/", views_gatherings.council_minutes, name="minutes"),
    path("frivillighet/gode-historier/", views_stories.stories, name="stories"),
    path("frivillighet/gode-historier/feed.atom", views_stories.stories_feed, name="stories_feed"),
    path("frivillighet/gode-historier/ny/", views_stories.story_create, name="story_create"),
    path(
        "frivillighet/gode-historier/til-gjennomsyn/",
        views_stories.story_review_list,
        name="story_review_list",
    ),
    path(story, views_stories.story_detail, name="story"),
    path(story + "rediger/", views_stories.story_edit, name="story_edit"),
    path(story + "send/", views_stories.story_submit, name="story_submit"),
    path(story + "gjennomsyn/", views_stories.story_review, name="story_review"),
    path(story + "bilder/", views_stories.story_photo_add, name="story_photo_add"),
    path(story + "bilder/<int:photo_pk>/", views_stories.story_photo, name="story_photo"),
    path(
        story + "bilder/<int:photo_pk>/fjern/",
        views_stories.story_photo_remove,
        name="story_photo_remove",
    ),
    path("innbyggertorg/", views_desk.desk_page, name="desk"),
    path("innbyggertorg/<str:kind>/", views_desk.desk_page, name="desk_register"),
    path("samskaping/", views.index, name="index"),
    path("samskaping/ny/", views.create, name="create"),
    path(initiative, views.detail, name="detail"),
    path(initiative + "rediger/", views.edit, name="edit"),
    path(initiative + "historikk/", views.history, name="history"),
    path(initiative + "arrangementer/", views.link_event, name="link_event"),
    path(
        initiative + "arrangementer/<int:event_pk>/fjern/", views.unlink_event, name="unlink_event"
    ),
    path(initiative + "oppdrag/", views.link_assignment, name="link_assignment"),
    path(
        initiative + "oppdrag/<int:assignment_pk>/fjern/",
        views.unlink_assignment,
        name="unlink_assignment",
    ),
    path(initiative + "ressurser/", views.add_resource, name="add_resource"),
    path(initiative + "rekkevidde/", views.add_reach, name="add_reach"),
    path(initiative + "oppdateringer/", views.post_update, name="post_update"),
]
