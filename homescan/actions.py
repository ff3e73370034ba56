"""Every write of the home scan and the starterspakket. Keyword-only, with the actor; atomic.

Vocabulary: `version_*` maintains the questionnaire (staff), `scan_*` is the officeholder's own
scan, `starter_kit_*` the checklist of a new mayor, `risk_analysis_*` the kit's risk analysis
(the mayor includes their scan, BZK staff answer the rest, the mayor turns the level's package
into a fund application).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

import audit
from accounts.models import OfficeType, Role
from subsidies.actions import application_add_suggested_lines
from subsidies.selectors import scheme_by_slug
from weerbaar.workflow import move

from . import risk_analysis, scoring, selectors, starter_kit, workflow
from .models import (
    AnswerOption,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    RiskAnalysis,
    ScanResult,
    StarterKit,
    StarterKitItem,
    VersionStatus,
)
from .permissions import can_assess_risk, can_maintain_questionnaire, can_take_scan

# Questionnaire versions (BZK staff) -------------------------------------------------------------


@transaction.atomic
def version_new_draft(*, actor, questionnaire, change_note=""):
    """Start a new version as a copy of the newest one (copy-on-write). The copy is a draft
    that staff edit; the version it was copied from stays exactly as it was. If a draft exists
    already, that draft is returned instead of a second one."""
    if not can_maintain_questionnaire(actor):
        raise PermissionDenied
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    existing = questionnaire.versions.filter(status=VersionStatus.DRAFT).first()
    if existing:
        return existing
    source = questionnaire.versions.order_by("-number").first()
    draft = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=(source.number + 1) if source else 1,
        introduction=source.introduction if source else "",
        introduction_en=source.introduction_en if source else "",
        elevated_from=source.elevated_from if source else 10,
        high_from=source.high_from if source else 20,
        change_note=change_note,
        created_by=actor,
    )
    if source:
        for question in source.questions.prefetch_related("options"):
            copy = Question.objects.create(
                version=draft,
                position=question.position,
                theme=question.theme,
                text=question.text,
                text_en=question.text_en,
                help_text=question.help_text,
                help_text_en=question.help_text_en,
            )
            for option in question.options.all():
                AnswerOption.objects.create(
                    question=copy,
                    position=option.position,
                    label=option.label,
                    label_en=option.label_en,
                    weight=option.weight,
                    raises_to=option.raises_to,
                    advice=option.advice,
                    advice_en=option.advice_en,
                    priority=option.priority,
                    measure_kind=option.measure_kind,
                    measure_description=option.measure_description,
                    measure_description_en=option.measure_description_en,
                )
    return draft


@transaction.atomic
def version_publish(*, actor, version):
    """Publish a draft: from now on new scans use it. The version published before is retired
    (its results keep pointing at it). A published version can never be edited again; moving
    one that is not a draft raises TransitionNotAllowed (the table in workflow.py)."""
    if not can_maintain_questionnaire(actor):
        raise PermissionDenied
    parties = {workflow.MAINTAINER}
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    Questionnaire.objects.select_for_update().get(pk=version.questionnaire_id)
    refusal = _("Alleen een conceptversie kan worden gepubliceerd.")
    workflow.TRANSITIONS.check(version.status, VersionStatus.PUBLISHED, parties, refusal=refusal)
    problems = selectors.publication_problems(version)
    if problems:
        raise ValidationError(problems)
    published_before = QuestionnaireVersion.objects.select_for_update().filter(
        questionnaire_id=version.questionnaire_id, status=VersionStatus.PUBLISHED
    )
    # Retired first: a questionnaire has at most one published version at any moment.
    for previous in published_before:
        move(
            previous,
            VersionStatus.RETIRED,
            table=workflow.TRANSITIONS,
            actor=actor,
            parties=parties,
        )
    version.published_at = timezone.now()
    version.published_by = actor
    move(
        version,
        VersionStatus.PUBLISHED,
        table=workflow.TRANSITIONS,
        actor=actor,
        parties=parties,
        extra_fields=["published_at", "published_by"],
        refusal=refusal,
    )
    return version


# The officeholder's scan ------------------------------------------------------------------------


@transaction.atomic
def scan_submit(*, actor, version, answers):
    """Score the answers ({question id: option id}) on a published version and keep the
    result (answers encrypted). Completes the scan item of the actor's starterspakket."""
    if not can_take_scan(actor):
        raise PermissionDenied
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("Deze versie van de scan is niet meer in gebruik."))
    outcome = scoring.evaluate(version, answers)
    scan = ScanResult(
        owner=actor, version=version, score=outcome.score, risk_level=outcome.risk_level
    )
    scan.set_answers(answers)
    scan.save()
    item = StarterKitItem.objects.filter(kit__mayor=actor, code=starter_kit.SCAN).first()
    if item and not item.is_done:
        _item_set_done(item, True)
    return scan


def _require_owner(actor, scan):
    if scan.owner_id != actor.pk:
        raise PermissionDenied


@transaction.atomic
def scan_share(*, actor, scan):
    """The owner shares the result and answers with BZK staff for a follow-up."""
    scan = ScanResult.objects.select_for_update().get(pk=scan.pk)
    _require_owner(actor, scan)
    if not scan.is_shared:
        scan.shared_with_staff_at = timezone.now()
        scan.save(update_fields=["shared_with_staff_at"])
    return scan


@transaction.atomic
def scan_unshare(*, actor, scan):
    """The owner withdraws the share; staff lose access from the next request."""
    scan = ScanResult.objects.select_for_update().get(pk=scan.pk)
    _require_owner(actor, scan)
    if scan.is_shared:
        scan.shared_with_staff_at = None
        scan.save(update_fields=["shared_with_staff_at"])
    return scan


@transaction.atomic
def scan_delete(*, actor, scan):
    """The owner removes a scan and its answers for good. The audit rows of staff reads stay
    (they hold the scan's id, no content)."""
    scan = ScanResult.objects.select_for_update().get(pk=scan.pk)
    _require_owner(actor, scan)
    scan.delete()


def scan_record_read(*, reader, scan, what):
    """A read by anyone but the owner leaves an audit row (who, which scan, what, when);
    returns it, or None for the owner's own read."""
    if reader.pk == scan.owner_id:
        return None
    return audit.record(actor=reader, obj=scan, what=what)


@transaction.atomic
def scan_request_fund(*, actor, scan, body, measures):
    """Put the measures the scan suggests (a list of (kind, description)) in the officeholder's
    own draft application to the security measures fund. That fund goes from the officeholder
    straight to BZK and never passes the council or its griffie, so the draft is theirs alone
    (see subsidies' application_add_suggested_lines): no griffier sees it or is told about it,
    and the answers of the scan never leave the scan. Returns (application, lines added)."""
    scan = ScanResult.objects.select_for_update().get(pk=scan.pk)
    _require_owner(actor, scan)
    scheme = scheme_by_slug(selectors.FUND_SLUG)
    if scheme is None:
        raise ValidationError(_("Het Fonds beveiligingsmaatregelen is niet beschikbaar."))
    lines = [{"kind": kind, "description": description} for kind, description in measures]
    application, added = application_add_suggested_lines(
        actor=actor, scheme=scheme, body=body, lines=lines
    )
    scan.fund_application = application
    scan.fund_requested_at = timezone.now()
    scan.save(update_fields=["fund_application", "fund_requested_at"])
    return application, added


# The starterspakket ----------------------------------------------------------------------------


def starter_kit_create(*, mayor, body):
    """Give a mayor their starterspakket (once; a second call returns the existing kit)."""
    with transaction.atomic():
        kit, created = StarterKit.objects.get_or_create(mayor=mayor, defaults={"body": body})
        if created:
            StarterKitItem.objects.bulk_create(
                StarterKitItem(kit=kit, code=item.code, position=position)
                for position, item in enumerate(starter_kit.ITEMS)
            )
            if ScanResult.objects.filter(owner=mayor).exists():
                _item_set_done(kit.items.get(code=starter_kit.SCAN), True)
    return kit


def starter_kit_on_role_assigned(*, assignment):
    """Called for every new role that accounts announces (`role_assigned`, see
    homescan/account_hooks.py): a burgemeester role (through an invitation or the admin) brings
    the starterspakket."""
    if assignment.role == Role.OFFICEHOLDER and assignment.office_type == OfficeType.BURGEMEESTER:
        starter_kit_create(mayor=assignment.user, body=assignment.body)


def _item_set_done(item, done):
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    kit = StarterKit.objects.select_for_update().get(pk=item.kit_id)
    complete = not kit.items.filter(done_at__isnull=True).exists()
    if complete != (kit.completed_at is not None):
        kit.completed_at = timezone.now() if complete else None
        kit.save(update_fields=["completed_at"])


@transaction.atomic
def starter_kit_training_attended(*, mayor):
    """The mayor attended a training meant for mayors (the training app calls this when the
    provider records their attendance): the kit's training item is done. No kit (not a mayor)
    or an item already done: nothing changes. A later correction of the attendance leaves the
    item as it is; the mayor may untick it."""
    item = (
        StarterKitItem.objects.select_for_update()
        .filter(kit__mayor=mayor, code=starter_kit.TRAINING)
        .first()
    )
    if item is not None and not item.is_done:
        _item_set_done(item, True)
    return item


@transaction.atomic
def starter_kit_item_mark(*, actor, item, done):
    """The mayor ticks an item off (or undoes it). The scan item follows the scan itself."""
    item = StarterKitItem.objects.select_for_update().select_related("kit").get(pk=item.pk)
    if item.kit.mayor_id != actor.pk:
        raise PermissionDenied
    if starter_kit.BY_CODE[item.code].automatic:
        raise ValidationError(_("Dit onderdeel is klaar zodra u de scan heeft afgerond."))
    if item.is_done != done:
        _item_set_done(item, done)
    return item


# The starterspakket's risk analysis ----------------------------------------------------------


def _analysis_of(kit):
    """The kit's analysis, locked, made on first use (older kits have none yet)."""
    analysis, _created = RiskAnalysis.objects.get_or_create(kit=kit)
    return RiskAnalysis.objects.select_for_update().select_related("kit").get(pk=analysis.pk)


def _analysis_reassess(analysis, *, fields):
    """Score the analysis again (risk_analysis.assess) and save `fields` with the outcome."""
    outcome = risk_analysis.assess(home_level=analysis.home_risk_level, answers=analysis.answers)
    level = outcome.level if outcome else ""
    points = outcome.points if outcome else None
    if (level, points) != (analysis.level, analysis.points):
        analysis.level_set_at = timezone.now() if outcome else None
    analysis.level, analysis.points = level, points
    analysis.save(update_fields=[*fields, "level", "points", "level_set_at"])
    return analysis


@transaction.atomic
def risk_analysis_include_scan(*, actor, kit, scan):
    """The mayor puts the risk level of their own home scan in the kit's analysis. Only the
    level goes in (staff never see the answers through the analysis); a later scan can
    replace it."""
    if kit.mayor_id != actor.pk or scan.owner_id != actor.pk:
        raise PermissionDenied
    analysis = _analysis_of(kit)
    analysis.scan = scan
    analysis.home_risk_level = scan.risk_level
    analysis.home_scanned_at = scan.created_at
    return _analysis_reassess(analysis, fields=["scan", "home_risk_level", "home_scanned_at"])


@transaction.atomic
def risk_analysis_answer(*, actor, kit, answers, police_advice):
    """BZK staff answer the questions about the municipality and the role and record the
    police's advice (`answers`: {question code: option code} of risk_analysis.QUESTIONS; the
    advice as free text, encrypted). Every question needs a valid answer."""
    if not can_assess_risk(actor):
        raise PermissionDenied
    answers = {code: answers.get(code) for code in risk_analysis.BY_CODE}
    if risk_analysis.missing_answers(answers):
        raise ValidationError(_("Beantwoord alle vragen van de risicoanalyse."))
    analysis = _analysis_of(kit)
    analysis.set_answers(answers)
    analysis.police_advice = police_advice
    analysis.answered_by = actor
    analysis.answered_at = timezone.now()
    return _analysis_reassess(
        analysis, fields=["answers_data", "police_advice", "answered_by", "answered_at"]
    )


@transaction.atomic
def risk_analysis_request_fund(*, actor, kit):
    """The mayor turns the package of their security level into their own draft application
    to the Fonds beveiligingsmaatregelen, in one step: every measure of the package the fund
    pays for becomes a line (no cost yet), through subsidies'
    `application_add_suggested_lines` for the kit's municipality. Only the measures go in,
    never the answers, the advice or the level. Returns (application, lines added)."""
    if kit.mayor_id != actor.pk:
        raise PermissionDenied
    analysis = _analysis_of(kit)
    outcome = risk_analysis.assess(home_level=analysis.home_risk_level, answers=analysis.answers)
    if outcome is None:
        raise ValidationError(_("Uw beveiligingsniveau is nog niet bepaald."))
    scheme = scheme_by_slug(selectors.FUND_SLUG)
    if scheme is None:
        raise ValidationError(_("Het Fonds beveiligingsmaatregelen is niet beschikbaar."))
    # The application is assessed in Dutch, whatever language the mayor reads.
    with override("nl"):
        lines = [
            {"kind": measure.kind, "description": str(measure.description)}
            for measure in outcome.fund_measures
        ]
    application, added = application_add_suggested_lines(
        actor=actor, scheme=scheme, body=kit.body, lines=lines
    )
    analysis.fund_requested_at = timezone.now()
    analysis.save(update_fields=["fund_requested_at"])
    return application, added


def risk_analysis_record_read(*, reader, analysis):
    """A read by anyone but the mayor (BZK staff) leaves an audit row; None for the mayor."""
    if reader.pk == analysis.kit.mayor_id:
        return None
    return audit.record(actor=reader, obj=analysis, what="detail")
