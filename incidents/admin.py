"""Standard replies are data staff maintain here. Cases are read-only in the admin: every change
goes through the actions (workflow, events, notices). The access log can only be read."""

from django.contrib import admin

from weerbaar.admin import ReadOnlyAdmin

from .models import Incident, IncidentEvent, ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "active"]
    list_editable = ["position", "active"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = IncidentEvent
    fields = readonly_fields = ("at", "actor", "kind", "from_value", "to_value")


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    # No free text here: the admin shows the case's handling, not what was reported.
    list_display = ["__str__", "status", "urgent", "reporter_office_type", "submitted_at"]
    list_filter = ["status", "urgent", "reporter_office_type"]
    list_select_related = ["assignee"]
    fields = readonly_fields = (
        "reference",
        "status",
        "urgent",
        "assignee",
        "reporter_office_type",
        "submitted_at",
        "due_at",
        "first_response_at",
        "closed_at",
    )
    inlines = [EventInline]
