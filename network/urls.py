from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("partners/", views.directory, name="directory"),
    path("partners/contactpersonen/", views.members_directory, name="members_directory"),
    path("partners/<slug:slug>/", views.organisation, name="organisation"),
    path("partners/<slug:slug>/aanmelden/", views.join, name="join"),
    path("partners/<slug:slug>/uitnodigen/", views.invite, name="invite"),
    path("aanmeldingen/<int:pk>/besluit/", views.join_decide, name="join_decide"),
    path("lidmaatschappen/<int:pk>/beeindigen/", views.membership_end, name="membership_end"),
    path("lidmaatschappen/<int:pk>/rol/", views.membership_role, name="membership_role"),
    path("kennisbank/", views.knowledge_list, name="knowledge"),
    path("kennisbank/nieuw/", views.item_create, name="item_create"),
    path("kennisbank/bijdragen/", views.review_queue, name="review_queue"),
    path("kennisbank/<int:pk>/", views.item_detail, name="item"),
    path("kennisbank/<int:pk>/bewerken/", views.item_edit, name="item_edit"),
    path("kennisbank/<int:pk>/status/", views.item_transition, name="item_transition"),
    path("kennisbank/<int:pk>/nuttig/", views.feedback, name="feedback"),
    path("kennisbank/<int:pk>/pdf/", views.item_pdf, name="item_pdf"),
    path("kennisbank/<int:pk>/bijlagen/", views.attachment_add, name="attachment_add"),
    path(
        "kennisbank/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "kennisbank/<int:pk>/bijlagen/<int:attachment_pk>/verwijderen/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "praktijkvoorbeeld-uit-subsidie/<int:application_pk>/",
        views.practice_from_application,
        name="practice_from_application",
    ),
    path(
        "praktijkvoorbeeld-uit-voorbereiding/<int:preparation_pk>/",
        views.practice_from_preparation,
        name="practice_from_preparation",
    ),
]
