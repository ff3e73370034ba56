from django.urls import path

from .views import meetings, membership, threads

app_name = "learning"

# The exchange's pages live under "vragen/" (views/threads.py).
urlpatterns = [
    path("", membership.home, name="home"),
    path("deelnemen/", membership.join, name="join"),
    path("aanvragen/", membership.requests, name="requests"),
    path("aanvragen/<int:pk>/", membership.decide, name="decide"),
    path("aanvragen/<int:pk>/intrekken/", membership.withdraw, name="withdraw"),
    path("deelnemers/", membership.participants, name="participants"),
    path("deelnemers/<int:pk>/beeindigen/", membership.participant_end, name="participant_end"),
    path("overheden/<int:body_id>/mensen/", membership.body_people, name="body_people"),
    path("mensen/<int:pk>/beeindigen/", membership.member_end, name="member_end"),
    path("bijeenkomsten/", meetings.meeting_list, name="meetings"),
    path("bijeenkomsten/nieuw/", meetings.meeting_create, name="meeting_create"),
    path("bijeenkomsten/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("bijeenkomsten/<int:pk>/aanmelden/", meetings.register, name="register"),
    path("bijeenkomsten/<int:pk>/afmelden/", meetings.cancel_registration, name="unregister"),
    path("bijeenkomsten/<int:pk>/annuleren/", meetings.meeting_cancel, name="meeting_cancel"),
    path("bijeenkomsten/<int:pk>/aanwezigheid/", meetings.attendance, name="attendance"),
    path("bijeenkomsten/<int:pk>/verslag/", meetings.report, name="report"),
    path(
        "bijeenkomsten/<int:pk>/verslag/toestemming/",
        meetings.report_consent,
        name="report_consent",
    ),
    path(
        "bijeenkomsten/<int:pk>/verslag/praktijkvoorbeeld/",
        meetings.report_practice,
        name="report_practice",
    ),
    path(
        "bijeenkomsten/<int:pk>/materiaal/<int:material_pk>/",
        meetings.material_download,
        name="material",
    ),
    # The exchange: questions and experiences ("vragen/").
    path("vragen/", threads.thread_list, name="threads"),
    path("vragen/nieuw/", threads.thread_create, name="thread_create"),
    path("vragen/<int:pk>/", threads.thread_detail, name="thread"),
    path("vragen/<int:pk>/antwoorden/", threads.thread_answer, name="thread_answer"),
    path("vragen/<int:pk>/verbergen/", threads.thread_hide, name="thread_hide"),
    path("vragen/<int:pk>/sluiten/", threads.thread_lock, name="thread_lock"),
    path("vragen/<int:pk>/toestemming/", threads.thread_consent, name="thread_consent"),
    path("vragen/<int:pk>/praktijkvoorbeeld/", threads.thread_practice, name="thread_practice"),
    path("vragen/antwoord/<int:pk>/nuttig/", threads.answer_helpful, name="answer_helpful"),
    path("vragen/antwoord/<int:pk>/verbergen/", threads.answer_hide, name="answer_hide"),
]
