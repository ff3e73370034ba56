from django.urls import path

from . import views

app_name = "incidents"

urlpatterns = [
    path("", views.my_reports, name="list"),
    path("nieuw/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/gevaar/", views.danger, name="danger"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/automatisch-opslaan/", views.autosave, name="autosave"),
    path("<int:pk>/concept-verwijderen/", views.draft_delete, name="draft_delete"),
    path("<int:pk>/bewijs/", views.evidence, name="evidence"),
    path("<int:pk>/bewijs/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    path("<int:pk>/versturen/", views.submit, name="submit"),
    path("<int:pk>/verstuurd/", views.sent, name="sent"),
    path("<int:pk>/bericht/", views.message, name="message"),
    path("<int:pk>/notitie/", views.note, name="note"),
    path("<int:pk>/toestemming/", views.consent, name="consent"),
    path("<int:pk>/berichtgeving/", views.notify_choice, name="notify_choice"),
    path("<int:pk>/dossier.pdf", views.dossier, name="dossier"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/urgentie/", views.urgency, name="urgency"),
    path("<int:pk>/behandelaar/", views.assign, name="assign"),
    path("<int:pk>/escaleren/", views.escalate, name="escalate"),
    path("<int:pk>/inzetten/", views.deploy, name="deploy"),
    path("<int:pk>/stap/", views.step, name="step"),
    path("<int:pk>/piket/", views.urgent_ack, name="urgent_ack"),
    path("<int:pk>/inzagelogboek/", views.case_trail, name="case_trail"),
    path("<int:pk>/inzage/", views.case_readers, name="case_readers"),
    path("triage/", views.queue, name="queue"),
    path("triage/bulk/", views.queue_bulk, name="queue_bulk"),
    path("triage/export.csv", views.queue_export, name="queue_export"),
    path("triage/filters/", views.save_filter, name="save_filter"),
    path("triage/filters/<int:filter_pk>/verwijderen/", views.delete_filter, name="delete_filter"),
    path("ondersteuning/", views.support_overview, name="support"),
    path("piket/", views.rota, name="rota"),
    path("piket/dienst/", views.rota_add, name="rota_add"),
    path("piket/dienst/<int:shift_pk>/verwijderen/", views.rota_remove, name="rota_remove"),
    path("piket/voorkeur/", views.notice_preference, name="notice_preference"),
]
