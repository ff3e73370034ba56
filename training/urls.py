from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("nieuw/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/bijeenkomsten/nieuw/", views.session_add, name="session_add"),
    path("bijeenkomsten/<int:pk>/aanmelden/", views.sign_up, name="sign_up"),
    path("bijeenkomsten/<int:pk>/aanmelden-namens/", views.sign_up_member, name="sign_up_member"),
    path("bijeenkomsten/<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
    path("aanmeldingen/<int:pk>/afmelden/", views.cancel, name="cancel"),
    path("aanmeldingen/<int:pk>/certificaat/", views.certificate, name="certificate"),
]
