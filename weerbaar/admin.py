"""Admin pieces every app uses."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin, never added, changed or deleted there: the rows are written by the
    apps' actions only (state with history, audit logs)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
