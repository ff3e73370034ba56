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
    path("starterspakket/risicoanalyse/", views.my_risk_analysis, name="risk_analysis"),
    path(
        "starterspakket/risicoanalyse/scan/",
        views.risk_analysis_include_scan,
        name="risk_analysis_scan",
    ),
    path(
        "starterspakket/risicoanalyse/aanvraag/",
        views.risk_analysis_fund,
        name="risk_analysis_fund",
    ),
    path("starterspakketten/", views.starter_kit_overview, name="starter_kits"),
    path("starterspakketten/<int:pk>/", views.kit_risk_analysis, name="kit_risk_analysis"),
]
