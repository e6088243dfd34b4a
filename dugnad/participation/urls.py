from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("ungdom/", views.index, name="index"),
    path("ungdom/bli-med/", views.join, name="join"),
    path("ungdom/arbeid/", views.work, name="work"),
    path("ungdom/ny/", views.process_new, name="process_new"),
    path("ungdom/<int:pk>/", views.process, name="process"),
    path("ungdom/<int:pk>/endre/", views.process_edit, name="process_edit"),
    path("ungdom/<int:pk>/ny-ide/", views.idea_new, name="idea_new"),
    path("ungdom/<int:pk>/stem/", views.vote, name="vote"),
    path("ungdom/<int:pk>/tell/", views.compute, name="compute"),
    path("ungdom/<int:pk>/klasse/", views.class_new, name="class_new"),
    path("ungdom/ide/<int:pk>/", views.idea, name="idea"),
    path("ungdom/ide/<int:pk>/endre/", views.idea_edit, name="idea_edit"),
    path("ungdom/ide/<int:pk>/bilde/", views.idea_image, name="idea_image"),
    path("ungdom/ide/<int:pk>/stott/", views.support, name="support"),
    path("ungdom/ide/<int:pk>/kommenter/", views.comment, name="comment"),
    path("ungdom/ide/<int:pk>/moderer/", views.moderate_idea, name="moderate_idea"),
    path("ungdom/ide/<int:pk>/svar/", views.answer, name="answer"),
    path("ungdom/ide/<int:pk>/oppfolging/", views.follow_up, name="follow_up"),
    path("ungdom/kommentar/<int:pk>/moderer/", views.moderate_comment, name="moderate_comment"),
]
