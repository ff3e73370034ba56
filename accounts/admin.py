from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import actions
from accounts.models import PRIVILEGED_ROLES, Invitation, RoleAssignment, User


class RoleAssignmentAdminForm(forms.ModelForm):
    """The admin must not be a way around four eyes: a privileged role (triage, support team,
    administrator) is granted only through an invitation that a second person approves."""

    def clean_role(self):
        role = self.cleaned_data["role"]
        unchanged = self.instance.pk is not None and self.instance.role == role
        if role in PRIVILEGED_ROLES and not unchanged:
            raise ValidationError(
                _(
                    "Deze rol geeft u via Uitnodigingen op het portaal: een tweede medewerker "
                    "met zo'n rol keurt de uitnodiging goed."
                )
            )
        return role

    def clean(self):
        # The rules role_assign keeps, shown on the form rather than refused after it.
        cleaned = super().clean()
        if cleaned.get("role"):
            actions.check_role_fields(
                role=cleaned["role"],
                office_type=cleaned.get("office_type") or "",
                body=cleaned.get("body"),
            )
        if cleaned.get("chairs_body") and cleaned.get("office_type") != "waterschapsbestuurder":
            raise ValidationError(
                {
                    "chairs_body": _(
                        "Alleen een waterschapsbestuurder kan voorzitter (dijkgraaf) zijn."
                    )
                }
            )
        return cleaned


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    form = RoleAssignmentAdminForm
    fk_name = "user"
    extra = 0
    fields = ["role", "office_type", "body", "chairs_body", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]
    autocomplete_fields = ["body"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["email", "full_name"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("full_name",)}),
        (_("Toegang"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    # Staff and superuser status give the admin and every permission: not set from here, so
    # one administrator cannot make a second privileged account alone (manage.py only).
    readonly_fields = ["last_login", "date_joined", "is_staff", "is_superuser"]

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            actions.role_assignment_remove(actor=request.user, assignment=obj)
        for assignment in instances:
            chairs = assignment.chairs_body
            if assignment.pk:
                assignment = actions.role_assignment_change(
                    actor=request.user,
                    assignment=assignment,
                    role=assignment.role,
                    office_type=assignment.office_type,
                    body=assignment.body,
                )
            else:
                assignment = actions.role_assign(
                    actor=request.user,
                    user=form.instance,
                    role=assignment.role,
                    office_type=assignment.office_type,
                    body=assignment.body,
                )
            actions.role_assignment_set_chair(
                actor=request.user, assignment=assignment, chairs=chairs
            )
        return None


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made, approved and revoked on the portal, where the rules of
    ownership and four eyes are kept and the e-mail is sent."""

    list_display = [
        "email",
        "role",
        "body",
        "invited_by",
        "needs_approval",
        "approved_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role", "needs_approval"]
    search_fields = ["email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
