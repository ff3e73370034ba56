"""Schemes are data that staff maintain here; applications are read-only in the admin, since
every change of an application goes through the actions (workflow, events, budget guard)."""

from django.contrib import admin

from weerbaar.admin import ReadOnlyAdmin

from .models import ApplicationEvent, GrantApplication, GrantScheme


@admin.register(GrantScheme)
class GrantSchemeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "applicant_kind",
        "budget_ceiling",
        "opens_on",
        "closes_on",
        "cohort_size",
    ]
    prepopulated_fields = {"slug": ["name"]}


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ["at", "actor", "from_status", "to_status", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(GrantApplication)
class GrantApplicationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "scheme", "body", "status", "requested_total"]
    list_filter = ["scheme", "status"]
    list_select_related = ["scheme", "body"]
    fields = [
        "scheme",
        "body",
        "applicant",
        "reference",
        "status",
        "requested_total",
        "paid_amount",
    ]
    readonly_fields = fields
    inlines = [EventInline]
