from django.urls import path

from . import views, views_setup

app_name = "grants"

urlpatterns = [
    path("tilskudd/", views.index, name="index"),
    path("tilskudd/ordning/<slug:slug>/", views.scheme_detail, name="scheme"),
    path("tilskudd/ordning/<slug:slug>/forhandsvisning/", views.form_preview, name="preview"),
    path("tilskudd/ordning/<slug:slug>/sok/", views.start, name="start"),
    path("tilskudd/mine/", views.mine, name="mine"),
    path("tilskudd/soknad/<int:pk>/", views.application_detail, name="application"),
    path("tilskudd/soknad/<int:pk>/rediger/", views.edit, name="edit"),
    path("tilskudd/soknad/<int:pk>/autolagre/", views.autosave, name="autosave"),
    path("tilskudd/soknad/<int:pk>/send/", views.submit, name="submit"),
    path(
        "tilskudd/soknad/<int:pk>/vedlegg/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path(
        "tilskudd/soknad/<int:pk>/vedlegg/<int:attachment_id>/slett/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("tilskudd/soknad/<int:pk>/vedtak/", views.letter, name="letter"),
    path("tilskudd/soknad/<int:pk>/rapport/", views.report, name="report"),
    path("tilskudd/tildelinger/", views.awards, name="awards"),
    path("tilskudd/tildelinger.csv", views.awards_csv, name="awards_csv"),
    path("tilskudd/saker/", views.case_list, name="cases"),
    path("tilskudd/oversikt/", views.overview, name="overview"),
    path("tilskudd/sak/<int:pk>/", views.case, name="case"),
    path(
        "tilskudd/sak/<int:pk>/steg/<int:transition_id>/", views.case_transition, name="transition"
    ),
    path("tilskudd/sak/<int:pk>/inhabil/", views.case_conflict, name="conflict"),
    path("tilskudd/sak/<int:pk>/tildel/", views.case_assign, name="assign"),
    path("tilskudd/sak/<int:pk>/notat/", views.case_note, name="note"),
    path("tilskudd/sak/<int:pk>/poeng/", views.case_score, name="score"),
    path("tilskudd/sak/<int:pk>/rapport/", views.case_report, name="report_review"),
    path("tilskudd/sak/<int:pk>/vedtak/", views.decide, name="decide"),
    path("tilskudd/oppsett/", views_setup.schemes, name="setup"),
    path("tilskudd/oppsett/ny/", views_setup.scheme_create, name="setup_create"),
    path("tilskudd/oppsett/<int:pk>/", views_setup.scheme, name="setup_scheme"),
    path("tilskudd/oppsett/<int:pk>/skjema/", views_setup.form_builder, name="setup_form"),
    path(
        "tilskudd/oppsett/<int:pk>/skjema/felt/<int:field_pk>/",
        views_setup.field_edit,
        name="setup_field",
    ),
    path(
        "tilskudd/oppsett/<int:pk>/skjema/felt/<int:field_pk>/flytt/",
        views_setup.field_move,
        name="setup_field_move",
    ),
    path(
        "tilskudd/oppsett/<int:pk>/skjema/felt/<int:field_pk>/slett/",
        views_setup.field_delete,
        name="setup_field_delete",
    ),
    path(
        "tilskudd/oppsett/<int:pk>/skjema/del/<int:section_pk>/",
        views_setup.section_change,
        name="setup_section",
    ),
    path("tilskudd/oppsett/<int:pk>/saksgang/", views_setup.workflow, name="setup_workflow"),
    path(
        "tilskudd/oppsett/<int:pk>/saksgang/tilstand/<int:state_pk>/",
        views_setup.state_change,
        name="setup_state",
    ),
    path(
        "tilskudd/oppsett/<int:pk>/saksgang/steg/<int:step_pk>/",
        views_setup.step_change,
        name="setup_step",
    ),
    path("tilskudd/oppsett/<int:pk>/budsjett/", views_setup.budgets, name="setup_budgets"),
    path(
        "tilskudd/oppsett/<int:pk>/budsjett/<int:budget_pk>/slett/",
        views_setup.budget_delete,
        name="setup_budget_delete",
    ),
    path(
        "tilskudd/oppsett/<int:pk>/runde/<int:round_pk>/",
        views_setup.round_edit,
        name="setup_round",
    ),
]
