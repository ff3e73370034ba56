"""Permission-aware reads of scans and starterspakketten, and what stops a version's publication."""

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext as _

from accounts.models import OfficeType, Role, RoleAssignment
from government.models import GovernmentBody
from subsidies.selectors import scheme_by_slug

from . import risk_analysis
from .models import Questionnaire, RiskAnalysis, ScanResult, StarterKit

BASISSCAN = "basisscan-veilige-woning"
FUND_SLUG = "fonds-beveiligingsmaatregelen"


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


def starter_kits(*, overdue_only=False, include_completed=False):
    """The unfinished starterspakketten of current mayors (or all of them, finished ones too),
    with how many items are done and the risk analysis's level, oldest first, for staff
    follow-up."""
    if overdue_only:
        kits = StarterKit.objects.overdue()
    elif include_completed:
        kits = StarterKit.objects.all()
    else:
        kits = StarterKit.objects.incomplete()
    # Only people who are still an active mayor: a kit outlives a revoked role.
    still_mayor = RoleAssignment.objects.filter(
        user=OuterRef("mayor"), role=Role.OFFICEHOLDER, office_type=OfficeType.BURGEMEESTER
    )
    kits = kits.filter(Exists(still_mayor), mayor__is_active=True)
    return kits.select_related("mayor", "body").annotate(
        security_level=F("risk_analysis__level"),
        items_total=Count("items"),
        items_done=Count("items", filter=Q(items__done_at__isnull=False)),
    )


def publication_problems(version):
    """What stops this draft from being published (Dutch sentences)."""
    problems = []
    questions = list(version.questions.prefetch_related("options"))
    if not questions:
        problems.append(_("De versie heeft nog geen vragen."))
    for question in questions:
        if len(question.options.all()) < 2:
            problems.append(
                _("De vraag '%(q)s' heeft minstens twee antwoorden nodig.") % {"q": question.text}
            )
    if version.high_from <= version.elevated_from:
        problems.append(_("De grens voor hoog risico moet boven die voor verhoogd risico liggen."))
    kinds = _fund_measure_kinds()
    for question in questions:
        for option in question.options.all():
            if option.measure_kind and kinds is not None and option.measure_kind not in kinds:
                problems.append(
                    _("'%(code)s' is geen soort maatregel van het fonds (vraag '%(q)s').")
                    % {"code": option.measure_kind, "q": question.text}
                )
    return problems


def _fund_measure_kinds():
    scheme = scheme_by_slug(FUND_SLUG)
    return {code for code, _label in scheme.measure_kinds} if scheme else None


def fund_bodies(user):
    """The bodies for which this officeholder can ask a contribution of the fund."""
    return GovernmentBody.objects.filter(
        role_assignments__user=user, role_assignments__role=Role.OFFICEHOLDER
    ).distinct()


def latest_scan(user):
    """The officeholder's newest home scan, or None."""
    return ScanResult.objects.filter(owner=user).order_by("-created_at", "-pk").first()


def risk_analysis_of(kit):
    """The kit's risk analysis, or None while nobody has added anything to it."""
    return RiskAnalysis.objects.filter(kit=kit).select_related("scan", "answered_by").first()


def risk_analysis_outcome(analysis):
    """The assessment of an analysis (risk_analysis.assess), or None while a part is missing."""
    if analysis is None:
        return None
    return risk_analysis.assess(home_level=analysis.home_risk_level, answers=analysis.answers)
