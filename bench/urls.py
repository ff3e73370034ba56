"""The portal's URLs plus the benchmark's own (only with weerbaar.settings_bench)."""

from django.urls import path

from bench import views
from weerbaar.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/floor/", views.floor, name="bench_floor"),
    path("bench/letter/<int:pk>/", views.decision_letter_render, name="bench_letter"),
    *portal_urlpatterns,
]
