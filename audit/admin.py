from django.contrib import admin

from .models import AccessEntry


@admin.register(AccessEntry)
class AccessEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included."""

    list_display = ["at", "actor", "action", "what", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor"]
    fields = readonly_fields = list_display + ["session_hash"]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
