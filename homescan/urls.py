from django.urls import path

from . import views

app_name = "homescan"

urlpatterns = [
    path("", views.index, name="index"),
    path("scan/", views.scan_new, name="scan"),
    path("scans/<int:pk>/", views.result, name="result"),
    path("scans/<int:pk>/pdf/", views.result_pdf, name="pdf"),
    path("scans/<int:pk>/delen/", views.share, name="share"),
    path("scans/<int:pk>/inzage/", views.readers, name="readers"),
    path("scans/<int:pk>/verwijderen/", views.delete, name="delete"),
    path("scans/<int:pk>/bijdrage/", views.fund_request, name="fund_request"),
    path("gedeeld/", views.shared_list, name="shared"),
    path("starterspakket/", views.my_starter_kit, name="starter_kit"),
    path("starterspakketten/", views.starter_kit_overview, name="starter_kits"),
]
