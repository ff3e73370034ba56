"""The admin edits reference data (organisations, themes, target groups). Memberships and
knowledge items are shown read-only: they change through the portal's actions, which check
who may do what, render Markdown safely and record events."""

from django.contrib import admin

from weerbaar.admin import ReadOnlyAdmin

from .models import (
    JoinRequest,
    KnowledgeItem,
    Membership,
    PartnerOrganisation,
    Tag,
    TargetGroup,
    Theme,
)


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "joined_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme, TargetGroup)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "role", "joined_at", "ended_at"]
    list_filter = ["role", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(JoinRequest)
class JoinRequestAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["user", "organisation"]


@admin.register(KnowledgeItem)
class KnowledgeItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "audience", "status", "published_at", "review_on"]
    list_filter = ["kind", "audience", "status"]
    search_fields = ["title"]
    exclude = ["body_html", "search_vector"]
