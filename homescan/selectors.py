"""Permission-aware reads of scans and starterspakketten."""

from django.db.models import Count, Exists, OuterRef, Q

from accounts.models import OfficeType, Role, RoleAssignment

from .models import Questionnaire, ScanResult, StarterKit

BASISSCAN = "basisscan-veilige-woning"


def current_version():
    """The published version new scans use, or None."""
    questionnaire = Questionnaire.objects.filter(slug=BASISSCAN).first()
    return questionnaire.current_version if questionnaire else None


def scans_of(user):
    return ScanResult.objects.filter(owner=user).select_related("version").order_by("-created_at")


def shared_scans(user):
    """The scans shared with BZK staff, newest share first (staff only; else nothing)."""
    if not user.is_triage_staff:
        return ScanResult.objects.none()
    return (
        ScanResult.objects.filter(shared_with_staff_at__isnull=False)
        .select_related("owner", "version")
        .order_by("-shared_with_staff_at")
    )


def starter_kits(*, overdue_only=False):
    """The unfinished starterspakketten of current mayors, with how many items are done, oldest
    first, for staff follow-up."""
    kits = StarterKit.objects.overdue() if overdue_only else StarterKit.objects.incomplete()
    # Only people who are still an active mayor: a kit outlives a revoked role.
    still_mayor = RoleAssignment.objects.filter(
        user=OuterRef("mayor"), role=Role.OFFICEHOLDER, office_type=OfficeType.BURGEMEESTER
    )
    kits = kits.filter(Exists(still_mayor), mayor__is_active=True)
    return kits.select_related("mayor", "body").annotate(
        items_total=Count("items"),
        items_done=Count("items", filter=Q(items__done_at__isnull=False)),
    )
