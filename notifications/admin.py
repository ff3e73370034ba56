"""The outbox in the admin: read only (rows are written by outbox.record and the worker)."""

from django.contrib import admin

from . import kinds
from .models import DeliveryAttempt, Notification


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ["number", "started_at", "finished_at", "outcome", "error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind_label", "recipient", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "kind"]
    fields = [
        *("uid", "kind", "content_type", "object_id", "recipient", "language", "state"),
        *("attempts", "last_error", "created_at", "next_attempt_at", "lease_until", "sent_at"),
    ]
    readonly_fields = fields
    inlines = [AttemptInline]

    @admin.display(description="soort")
    def kind_label(self, obj):
        return kinds.label(obj.kind)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
