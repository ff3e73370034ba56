from django.urls import path

from .views import threads

app_name = "learning"

urlpatterns: list = [
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
