"""The outbox in the admin: read only (rows are written by outbox.record and the worker)."""

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from . import kinds
from .models import DeliveryAttempt, Notification

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = ("number", "started_at", "finished_at", "outcome", "error")

    def has_add_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind_label", "recipient", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "kind"]
    fields = readonly_fields = (
        *("uid", "kind", "content_type", "object_id", "recipient", "language", "state"),
        *("attempts", "last_error", "created_at", "next_attempt_at", "lease_until", "sent_at"),
    )
    inlines = [AttemptInline]

    @admin.display(description="soort")
    def kind_label(self, obj: Notification) -> "StrOrPromise":
        return kinds.label(obj.kind)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False
