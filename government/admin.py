from django.contrib import admin

from government.models import GovernmentBody


@admin.register(GovernmentBody)
class GovernmentBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "province", "active"]
    list_filter = ["kind", "province", "active"]
    search_fields = ["name", "code"]
