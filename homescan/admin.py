"""Staff maintain the questionnaire here. Versioning is enforced: a published version is read
only; "Nieuwe versie maken" copies the newest version into a draft, "Publiceren" puts a draft
into use (and retires the one before). Only the English of a published version can still be
filled in: a translation changes neither the Dutch text nor the scoring (see the models). Scans
are never shown in the admin: their answers are for the owner only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from . import actions
from .models import (
    AnswerOption,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    StarterKit,
    StarterKitItem,
    VersionStatus,
)
from .workflow import TransitionNotAllowed


def _is_draft(obj):
    return obj is not None and obj.status == VersionStatus.DRAFT


def _all_but_english(fields):
    return [name for name in fields if not name.endswith("_en")]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    actions = ["new_version"]

    @admin.action(description=_("Nieuwe versie maken (kopie van de nieuwste)"))
    def new_version(self, request, queryset):
        for questionnaire in queryset:
            try:
                draft = actions.version_new_draft(actor=request.user, questionnaire=questionnaire)
            except PermissionDenied:
                self.message_user(request, _("U mag de vragenlijst niet wijzigen."), messages.ERROR)
                return
            self.message_user(request, _("Conceptversie %(n)s staat klaar.") % {"n": draft.number})


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "theme", "text", "text_en", "help_text", "help_text_en"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return _is_draft(obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None  # a published version: the English only

    def get_readonly_fields(self, request, obj=None):
        return [] if _is_draft(obj) else _all_but_english(self.fields)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj)


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "number", "status", "published_at"]
    list_filter = ["status"]
    fields = [
        "questionnaire",
        "number",
        "status",
        "introduction",
        "introduction_en",
        "elevated_from",
        "high_from",
        "change_note",
        "published_at",
    ]
    readonly_fields = ["questionnaire", "number", "status", "published_at"]
    inlines = [QuestionInline]
    actions = ["publish"]

    def has_add_permission(self, request):
        return False  # a version starts as a copy: the "Nieuwe versie maken" action

    def has_change_permission(self, request, obj=None):
        return True  # a published or retired version: the English only

    def get_readonly_fields(self, request, obj=None):
        if obj is None or _is_draft(obj):
            return self.readonly_fields
        return _all_but_english(self.fields)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj)

    @admin.action(description=_("Publiceren"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                actions.version_publish(actor=request.user, version=version)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            except TransitionNotAllowed as error:
                self.message_user(request, str(error), messages.ERROR)
            except PermissionDenied:
                self.message_user(request, _("U mag de vragenlijst niet wijzigen."), messages.ERROR)
            else:
                self.message_user(
                    request, _("Versie %(n)s is gepubliceerd.") % {"n": version.number}
                )


class AnswerOptionInline(admin.TabularInline):
    model = AnswerOption
    fields = [
        "position",
        "label",
        "label_en",
        "weight",
        "raises_to",
        "advice",
        "advice_en",
        "priority",
        "measure_kind",
        "measure_description",
        "measure_description_en",
    ]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return obj is not None and _is_draft(obj.version)

    def has_change_permission(self, request, obj=None):
        return True  # a published version: the English only

    def get_readonly_fields(self, request, obj=None):
        if obj is None or _is_draft(obj.version):
            return []
        return _all_but_english(self.fields)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and _is_draft(obj.version)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "version", "theme", "position"]
    list_filter = ["version__questionnaire", "version"]
    list_select_related = ["version__questionnaire"]
    fields = ["version", "position", "theme", "text", "text_en", "help_text", "help_text_en"]
    inlines = [AnswerOptionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["version"] if _is_draft(obj.version) else _all_but_english(self.fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = QuestionnaireVersion.objects.filter(status=VersionStatus.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return True  # a published version: the English only

    def has_delete_permission(self, request, obj=None):
        return obj is not None and _is_draft(obj.version)


class StarterKitItemInline(admin.TabularInline):
    model = StarterKitItem
    fields = ["code", "done_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(StarterKit)
class StarterKitAdmin(admin.ModelAdmin):
    list_display = ["mayor", "body", "created_at", "completed_at"]
    list_select_related = ["mayor", "body"]
    readonly_fields = ["mayor", "body", "created_at", "completed_at"]
    inlines = [StarterKitItemInline]

    def has_add_permission(self, request):
        return False
