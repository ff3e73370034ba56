from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("account-verwijderen/", views.erasure, name="erasure"),
]
