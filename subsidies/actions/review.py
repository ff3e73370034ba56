"""Staff: review, four-eyes decision with the budget guard, and the decision letter."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .. import notices, workflow
from ..models import (
    OBJECTION_PERIOD,
    ZERO,
    Assessment,
    Decision,
    GrantApplication,
    GrantedMeasure,
    GrantScheme,
    Outcome,
)
from ..pdf import (
    application_state,
    letter_token,
    render_decision_letter,
    render_letter_body,
    render_preview_pdf,
    sent_letter_token,
    token_matches,
)
from ..workflow import Status, TransitionNotAllowed
from .base import BudgetExceeded, _lock, _move


@transaction.atomic
def application_transition(*, actor, application, to_status, reason=""):
    """A plain status move by staff: start the review, ask for more information, close.
    Asking for more information notifies the applicant's side (a link, never the reason)."""
    application = _lock(application)
    if to_status in workflow.BY_FORM:
        raise TransitionNotAllowed(_("Gebruik hiervoor het juiste formulier."))
    if to_status in workflow.NEEDS_REASON and not reason.strip():
        raise ValidationError(_("Schrijf op welke informatie ontbreekt."))
    application = _move(actor=actor, application=application, to_status=to_status, reason=reason)
    if to_status == Status.INFO_REQUESTED:
        notices.record_info_requested(application, application.events.latest("pk"))
    return application


@transaction.atomic
def assessment_record(*, actor, application, **fields):
    """Record the review of an application that is in review. Staff only."""
    application = _lock(application)
    if not actor.is_triage_staff:
        raise PermissionDenied
    if application.status != Status.IN_REVIEW:
        raise TransitionNotAllowed(_("Alleen een aanvraag in beoordeling kan worden beoordeeld."))
    return Assessment.objects.create(application=application, reviewer=actor, **fields)


class StalePreview(ValidationError):
    """The letter about to be sent is not the letter that was previewed and confirmed."""


@dataclass(frozen=True)
class LetterPreview:
    """A decision that is not recorded yet, its letter and the token that confirms it."""

    decision: Decision
    granted: dict
    token: str

    @property
    def body_html(self):
        return render_letter_body(self.decision, self.granted)

    def pdf(self):
        return render_preview_pdf(self.decision, self.granted)


def _check_decision(*, actor, scheme, application, outcome, amounts):
    """Everything that stops `actor` from deciding now; returns the lines, the granted amount
    per line and the total."""
    if not actor.is_triage_staff:
        raise PermissionDenied
    if application.status != Status.IN_REVIEW:
        raise TransitionNotAllowed(
            _("Alleen over een aanvraag in beoordeling kan worden besloten.")
        )
    reviewers = set(application.assessments.values_list("reviewer_id", flat=True))
    if not reviewers:
        raise ValidationError(_("Deze aanvraag is nog niet beoordeeld."))
    if actor.pk in reviewers:
        raise ValidationError(
            _("U heeft deze aanvraag beoordeeld. Een collega moet het besluit nemen (vier ogen).")
        )
    lines = list(application.lines.all())
    granted = _granted_amounts(outcome, lines, amounts)
    total = sum(granted.values(), ZERO)
    if outcome != Outcome.REJECTED:
        _guard_budget(scheme, application, total)
    return lines, granted, total


def decision_preview(
    *, actor, application, outcome, amounts, conditions="", explanation="", effective_date=None
):
    """The decision letter as it would be sent now, without recording anything: the same checks
    as deciding (staff, in review, four eyes, amounts, budget), an unsaved Decision dated today
    and a token that binds a later confirmation to exactly this letter and this state of the
    application. Writes nothing."""
    application = GrantApplication.objects.select_related("scheme", "body", "applicant").get(
        pk=application.pk
    )
    _lines, granted, total = _check_decision(
        actor=actor,
        scheme=application.scheme,
        application=application,
        outcome=outcome,
        amounts=amounts,
    )
    today = timezone.localdate()
    decision = Decision(
        application=application,
        outcome=outcome,
        decided_by=actor,
        decision_date=today,
        effective_date=effective_date or today,
        send_date=today,
        objection_deadline=_objection_deadline(today),
        granted_total=total,
        conditions=conditions,
        explanation=explanation,
    )
    token = letter_token(decision, granted, application_state(application))
    return LetterPreview(decision=decision, granted=granted, token=token)


@transaction.atomic
def application_decide_and_send(
    *,
    actor,
    application,
    previewed_token,
    outcome,
    amounts,
    conditions="",
    explanation="",
    effective_date=None,
):
    """Record the decision and send its letter, but only if the letter is exactly the one the
    actor previewed (`previewed_token` from `decision_preview`) and the application has not
    changed since. Otherwise raise StalePreview and record nothing."""
    if not previewed_token:
        raise StalePreview(_("Bekijk eerst het voorbeeld van de beschikking."))
    # The same lock order as application_decide: the scheme first, then the application.
    GrantScheme.objects.select_for_update().get(pk=application.scheme_id)
    state = application_state(_lock(application))
    decision = application_decide(
        actor=actor,
        application=application,
        outcome=outcome,
        amounts=amounts,
        conditions=conditions,
        explanation=explanation,
        effective_date=effective_date,
    )
    return decision_send(
        actor=actor, decision=decision, expected_token=previewed_token, application_state=state
    )


@transaction.atomic
def application_decide(
    *, actor, application, outcome, amounts, conditions="", explanation="", effective_date=None
):
    """Decide on an application in review.

    Four-eyes: it must have an assessment, and whoever assessed it cannot decide. `amounts`
    maps measure line ids to the granted amount (ignored for a rejection; the full cost of
    every line for a full grant). Locks the scheme row first, then checks the ceiling and the
    cohort against every other granted application of the scheme. Staff decide through
    `application_decide_and_send`, after a preview.
    """
    if not actor.is_triage_staff:
        raise PermissionDenied
    scheme = GrantScheme.objects.select_for_update().get(pk=application.scheme_id)
    application = _lock(application)
    lines, granted, total = _check_decision(
        actor=actor, scheme=scheme, application=application, outcome=outcome, amounts=amounts
    )
    today = timezone.localdate()
    decision = Decision.objects.create(
        application=application,
        outcome=outcome,
        decided_by=actor,
        decision_date=today,
        effective_date=effective_date or today,
        granted_total=total,
        conditions=conditions,
        explanation=explanation,
    )
    GrantedMeasure.objects.bulk_create(
        GrantedMeasure(decision=decision, line=line, amount=granted[line.pk])
        for line in lines
        if line.pk in granted
    )
    _move(actor=actor, application=application, to_status=outcome, reason=explanation)
    return decision


def _granted_amounts(outcome, lines, amounts):
    if outcome == Outcome.REJECTED:
        return {}
    if outcome == Outcome.GRANTED:
        return {line.pk: line.cost for line in lines}
    granted = {}
    for line in lines:
        amount = Decimal(amounts.get(line.pk) or ZERO)
        if amount < 0 or amount > line.cost:
            raise ValidationError(
                _("Het toegekende bedrag per maatregel ligt tussen € 0 en de gevraagde kosten.")
            )
        granted[line.pk] = amount
    total = sum(granted.values(), ZERO)
    if total == 0:
        raise ValidationError(_("Bij een deeltoekenning is ten minste één bedrag hoger dan € 0."))
    if total == sum((line.cost for line in lines), ZERO):
        raise ValidationError(_("U kent alles toe: kies dan 'Toegekend'."))
    return granted


def _guard_budget(scheme, application, total):
    """Refuse when this grant would pass the ceiling or the cohort. The caller holds the
    scheme's row lock, so no other decision of this scheme can commit in between."""
    others = GrantApplication.objects.granted().filter(scheme=scheme).exclude(pk=application.pk)
    already = (
        Decision.objects.filter(application__in=others).aggregate(s=Sum("granted_total"))["s"]
        or ZERO
    )
    if already + total > scheme.budget_ceiling:
        raise BudgetExceeded(
            _(
                "Dit besluit past niet in het budget: er is nog € %(left)s over van het "
                "budgetplafond van € %(ceiling)s."
            )
            % {
                "left": number_format(scheme.budget_ceiling - already, 2, force_grouping=True),
                "ceiling": number_format(scheme.budget_ceiling, 2, force_grouping=True),
            }
        )
    if scheme.cohort_size is not None and others.count() >= scheme.cohort_size:
        raise BudgetExceeded(
            _("De groep deelnemers is vol: er zijn al %(n)s overheden toegelaten.")
            % {"n": scheme.cohort_size}
        )


@transaction.atomic
def decision_send(*, actor, decision, expected_token=None, application_state=None):
    """Render the decision letter, store it with the application and notify the applicant.
    Once sent, the letter never changes. With `expected_token` (from a preview) the letter is
    sent only if it is exactly the previewed one, else StalePreview (the caller's transaction
    then records nothing)."""
    decision = (
        Decision.objects.select_for_update().select_related("application").get(pk=decision.pk)
    )
    if not actor.is_triage_staff:
        raise PermissionDenied
    if decision.is_sent:
        raise TransitionNotAllowed(_("Dit besluit is al verstuurd en kan niet meer veranderen."))
    decision.send_date = timezone.localdate()
    decision.objection_deadline = _objection_deadline(decision.send_date)
    if expected_token is not None and not token_matches(
        expected_token, sent_letter_token(decision, application_state)
    ):
        raise StalePreview(
            _(
                "De aanvraag of de beschikking is veranderd sinds u het voorbeeld zag. Bekijk "
                "het nieuwe voorbeeld en bevestig opnieuw."
            )
        )
    pdf = render_decision_letter(decision)
    decision.letter.save("beschikking.pdf", ContentFile(pdf), save=False)
    decision.save(update_fields=["send_date", "objection_deadline", "letter"])
    notices.record_decision_sent(decision)
    return decision


def _objection_deadline(send_date: date) -> date:
    """Bezwaar within six weeks of sending (Awb art. 6:7 and 6:8)."""
    return send_date + OBJECTION_PERIOD
