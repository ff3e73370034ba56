from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("meldingen/<int:pk>/", views.case_trail, name="case_trail"),
    path("mijn-meldingen/<int:pk>/", views.case_readers, name="case_readers"),
    path("account-verwijderen/", views.erasure, name="erasure"),
]
