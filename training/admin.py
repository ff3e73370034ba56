"""Trainings and sessions are shown read-only in the admin: they change through the portal's
pages, whose actions check who may offer for which organisation and keep the waiting list."""

from django.contrib import admin

from weerbaar.admin import ReadOnlyAdmin

from .models import Registration, Session, Training


@admin.register(Training)
class TrainingAdmin(ReadOnlyAdmin):
    list_display = ["title", "provider", "created_at"]
    list_filter = ["provider"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["training", "starts_at", "online", "place", "capacity"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["session", "status", "created_at"]
    list_filter = ["status"]
