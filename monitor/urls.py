from django.urls import path

from . import views

app_name = "monitor"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("gedeeld/", views.shared_view, name="shared"),
    path("jaarrapport/<int:year>/", views.annual_report, name="annual_report"),
]
