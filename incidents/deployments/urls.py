from django.urls import path

from . import views

app_name = "deployments"

urlpatterns = [
    path("agenda/", views.calendar, name="calendar"),
    path("melding/<int:pk>/", views.case_records, name="case_records"),
    path("melding/<int:pk>/nieuw/", views.create_for_case, name="create_for_case"),
    path("<int:deployment_pk>/", views.detail, name="detail"),
    path("<int:deployment_pk>/bewerken/", views.edit, name="edit"),
    path("<int:deployment_pk>/terugtrekken/", views.member_remove, name="member_remove"),
    path("voorbereiding/", views.preparations, name="preparations"),
    path("voorbereiding/nieuw/", views.preparation_start, name="preparation_start"),
    path("voorbereiding/<int:preparation_pk>/", views.preparation, name="preparation"),
    path(
        "voorbereiding/<int:preparation_pk>/plannen/",
        views.preparation_plan,
        name="preparation_plan",
    ),
    path(
        "voorbereiding/<int:preparation_pk>/inzet/",
        views.create_for_preparation,
        name="create_for_preparation",
    ),
    path(
        "voorbereiding/<int:preparation_pk>/afloop/",
        views.preparation_outcome,
        name="preparation_outcome",
    ),
    path(
        "voorbereiding/<int:preparation_pk>/praktijkvoorbeeld/",
        views.practice_consent,
        name="practice_consent",
    ),
]
