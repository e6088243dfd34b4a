from django.urls import path

from . import views, views_setup

app_name = "talent"

urlpatterns = [
    path("talent/", views.index, name="index"),
    path("talent/mine/", views.mine, name="mine"),
    path("talent/program/<slug:slug>/", views.programme, name="programme"),
    path("talent/program/<slug:slug>/oppsett/", views_setup.setup, name="setup"),
    path(
        "talent/program/<slug:slug>/oppsett/program/",
        views_setup.setup_programme,
        name="setup_programme",
    ),
    path("talent/program/<slug:slug>/oppsett/rolle/", views_setup.add_role, name="add_role"),
    path(
        "talent/program/<slug:slug>/oppsett/rolle/<str:role>/<int:row_id>/fjern/",
        views_setup.remove_role,
        name="remove_role",
    ),
    path("talent/program/<slug:slug>/oppsett/opptak/", views_setup.add_call, name="add_call"),
    path("talent/program/<slug:slug>/oppsett/<str:kind>/", views_setup.add_part, name="add_part"),
    path(
        "talent/program/<slug:slug>/oppsett/<str:kind>/<int:part_id>/fjern/",
        views_setup.remove_part,
        name="remove_part",
    ),
    path("talent/opptak/<int:pk>/", views_setup.call, name="call"),
    path("talent/opptak/<int:pk>/sporsmal/", views_setup.add_question, name="add_question"),
    path(
        "talent/opptak/<int:pk>/sporsmal/<int:question_id>/fjern/",
        views_setup.remove_question,
        name="remove_question",
    ),
    path("talent/opptak/<int:pk>/provespill/", views_setup.add_slots, name="add_slots"),
    path("talent/opptak/<int:pk>/samling/", views_setup.add_session, name="add_session"),
    path("talent/samling/<int:pk>/", views_setup.session, name="session"),
    path("talent/opptak/<int:pk>/nominer/", views.nominate, name="nominate"),
    path("talent/nominasjon/<int:pk>/utdanning/", views.higher_education, name="higher_education"),
    path("talent/nominasjon/<int:pk>/forny/", views.renew, name="renew"),
    path("talent/opptak/<int:pk>/nominasjoner/", views.nominations, name="nominations"),
    path("talent/opptak/<int:pk>/panel/", views.panel, name="panel"),
    path("talent/opptak/<int:pk>/rangering/", views.ranking, name="ranking"),
    path("talent/nominasjon/<int:pk>/", views.nomination, name="nomination"),
    path("talent/nominasjon/<int:pk>/fullfor/", views.complete, name="complete"),
    path("talent/nominasjon/<int:pk>/samtykke/", views.consent, name="consent"),
    path("talent/nominasjon/<int:pk>/trekk/", views.withdraw, name="withdraw"),
    path("talent/nominasjon/<int:pk>/fil/<int:file_id>/", views.file, name="file"),
    path(
        "talent/nominasjon/<int:pk>/fil/<int:file_id>/slett/", views.file_delete, name="file_delete"
    ),
    path("talent/nominasjon/<int:pk>/svar/", views.answer, name="answer"),
    path("talent/nominasjon/<int:pk>/provespill/", views.book, name="book"),
    path("talent/nominasjon/<int:pk>/vedtak/", views.decide, name="decide"),
    path("talent/nominasjon/<int:pk>/inhabil/", views.conflict, name="conflict"),
    path("talent/nominasjon/<int:pk>/notat/", views.note, name="note"),
    path("talent/nominasjon/<int:pk>/poeng/", views.score, name="score"),
]
