from django.urls import path

from . import views

app_name = "subsidies"

urlpatterns = [
    path("", views.application_list, name="list"),
    path("aanvragen/nieuw/", views.application_start, name="start"),
    path("aanvragen/namens/", views.on_behalf_start, name="on_behalf"),
    path("aanvragen/<int:pk>/", views.detail, name="detail"),
    path("aanvragen/<int:pk>/stap/<int:step>/", views.application_step, name="step"),
    path(
        "aanvragen/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("aanvragen/<int:pk>/beschikking/", views.decision_letter, name="letter"),
    path("aanvragen/<int:pk>/toestemming/", views.consent, name="consent"),
    path("aanvragen/<int:pk>/status/", views.transition, name="transition"),
    path("aanvragen/<int:pk>/beoordeling/", views.assess, name="assess"),
    path("aanvragen/<int:pk>/besluit/", views.decide, name="decide"),
    path("aanvragen/<int:pk>/uitbetaling/", views.pay, name="pay"),
    path("aanvragen/<int:pk>/facturen/", views.invoice, name="invoice"),
    path("aanvragen/<int:pk>/verantwoording/", views.account, name="account"),
    path(
        "aanvragen/<int:pk>/verantwoording/goedkeuren/",
        views.account_approve,
        name="account_approve",
    ),
    path(
        "aanvragen/<int:pk>/verantwoording/terugsturen/",
        views.account_return,
        name="account_return",
    ),
    path(
        "aanvragen/<int:pk>/verantwoording/datum/",
        views.account_due_date,
        name="account_due_date",
    ),
    path("budget/", views.budget_overview, name="budget"),
    path("export.csv", views.export_csv, name="export"),
]
