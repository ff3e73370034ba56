"""The learning network's meetings are shown read-only in the admin: they change through the
portal's pages, whose actions check the host and keep the waiting list."""

from django.contrib import admin

from weerbaar.admin import ReadOnlyAdmin

from .models import Meeting, MeetingRegistration


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "starts_at", "online", "place", "capacity", "cancelled_at"]


@admin.register(MeetingRegistration)
class MeetingRegistrationAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "status", "created_at"]
    list_filter = ["status"]
