from django.contrib import admin

from weerbaar.admin import ReadOnlyAdmin

from .models import AccessEntry


@admin.register(AccessEntry)
class AccessEntryAdmin(ReadOnlyAdmin):
    """Read-only for everyone, superusers included."""

    list_display = ["at", "actor", "action", "what", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor"]
    fields = readonly_fields = list_display + ["session_hash"]
    actions = None
