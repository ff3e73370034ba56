"""Every write on deployment records and preparation requests. Keyword-only, with the actor;
atomic; the row locked. A role that may not act raises PermissionDenied (views answer 404)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from weerbaar.workflow import Transitions, move

from .. import actions as case_actions
from ..models import EventKind, Incident, SupportDeployment
from ..workflow import Status, TransitionNotAllowed
from . import notices
from .models import (
    Deployment,
    DeploymentKind,
    PracticeConsent,
    PreparationRequest,
    PreparationStatus,
)
from .selectors import may_edit, practice_drafted, requester_body

STAFF = "staff"
PREPARATION_TRANSITIONS = Transitions(
    {
        (PreparationStatus.REQUESTED, PreparationStatus.PLANNED): frozenset({STAFF}),
        (PreparationStatus.PLANNED, PreparationStatus.PLANNED): frozenset({STAFF}),
        (PreparationStatus.REQUESTED, PreparationStatus.DONE): frozenset({STAFF}),
        (PreparationStatus.PLANNED, PreparationStatus.DONE): frozenset({STAFF}),
    },
    states=PreparationStatus,
)

# What staff fill in on a deployment record; nothing else can be set from the form.
RECORD_FIELDS = ("kind", "place", "starts_at", "ends_at", "what_was_done", "outcome", "agreements")


def _require_staff(actor, incident=None):
    if not may_edit(actor, incident=incident):
        raise PermissionDenied


def _check_members(members):
    for member in members:
        if not member.is_support_team:
            raise ValidationError(_("Kies alleen leden van het Ondersteuningsteam."))


def _set_fields(record, data):
    fields = [name for name in RECORD_FIELDS if name in data]
    for name in fields:
        setattr(record, name, data[name])
    if record.kind and record.kind not in DeploymentKind.values:
        raise ValidationError(_("Kies een soort inzet."))
    if record.ends_at and (not record.starts_at or record.ends_at < record.starts_at):
        raise ValidationError(_("Het einde ligt vóór het begin."))
    return fields


def _add_members(actor, record, members):
    """Members join the record; on a case they are deployed on it (and so see it) through the
    case's own deploy action, with its event, stappenplan step and notices. For a preparation
    the member is told, and the requester once per record that the team comes."""
    if record.preparation_id is not None and members:
        notices.requester_team_deployed(record)
    for member in members:
        if record.incident_id is None:
            record.members.add(member)
            notices.member_deployed(record, member)
            continue
        already = SupportDeployment.objects.filter(
            incident_id=record.incident_id, member=member
        ).exists()
        if already:
            record.members.add(member)
        else:
            case_actions.incident_deploy(
                actor=actor, incident=record.incident, member=member, record=record
            )


@transaction.atomic
def deployment_create(*, actor, data, members, incident=None, preparation=None) -> Deployment:
    """Staff record a deployment on a sent, open case (not their own report) or for a
    preparation that is not done. `members` are deployed by it."""
    if (incident is None) == (preparation is None):
        raise ValueError("a deployment is on a case or for a preparation")
    _check_members(members)
    if incident is not None:
        _require_staff(actor, incident)
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if incident.status in (Status.DRAFT, Status.CLOSED):
            raise TransitionNotAllowed(_("Op deze melding kan niemand worden ingezet."))
    else:
        _require_staff(actor)
        preparation = PreparationRequest.objects.select_for_update().get(pk=preparation.pk)
        if preparation.status == PreparationStatus.DONE:
            raise TransitionNotAllowed(_("Deze voorbereiding is al afgerond."))
    record = Deployment(incident=incident, preparation=preparation, created_by=actor)
    _set_fields(record, data)
    record.save()
    _add_members(actor, record, members)
    audit.record(actor=actor, obj=record, action="change", what="deployment_create")
    return record


@transaction.atomic
def deployment_update(*, actor, deployment, data, members=()) -> Deployment:
    """Staff fill in or change a deployment record and may add members (a member once
    deployed stays on it: their access to the case is on record)."""
    record = Deployment.objects.select_for_update().get(pk=deployment.pk)
    _require_staff(actor, record.incident)
    _check_members(members)
    incident = record.incident
    if incident is not None and incident.status == Status.CLOSED and members:
        raise TransitionNotAllowed(_("Op een afgesloten melding kan niemand worden ingezet."))
    fields = _set_fields(record, data)
    record.save(update_fields=[*fields, "updated_at"])
    _add_members(actor, record, members)
    audit.record(actor=actor, obj=record, action="change", what="deployment_update")
    return record


@transaction.atomic
def deployment_member_remove(*, actor, deployment, member) -> Deployment:
    """Staff take a member off a deployment record. On a case the member loses the case at
    once (its SupportDeployment row goes) unless another record of the same case still has
    them; the case's timeline and the audit trail keep that they were deployed and when they
    were taken off. For a preparation the member no longer sees the request."""
    record = Deployment.objects.select_for_update().get(pk=deployment.pk)
    _require_staff(actor, record.incident)
    if not record.members.filter(pk=member.pk).exists():
        raise ValidationError(_("Dit teamlid is niet ingezet bij deze inzet."))
    record.members.remove(member)
    if record.incident_id is not None:
        incident = Incident.objects.select_for_update().get(pk=record.incident_id)
        elsewhere = (
            Deployment.objects.filter(incident=incident, members=member)
            .exclude(pk=record.pk)
            .exists()
        )
        if not elsewhere:
            SupportDeployment.objects.filter(incident=incident, member=member).delete()
            # The case's own event helper: the timeline row and an audit row on the case.
            case_actions._event(incident, actor, EventKind.UNDEPLOYED, "", member.pk)
    record.save(update_fields=["updated_at"])
    audit.record(actor=actor, obj=record, action="change", what="deployment_member_remove")
    return record


# What the requester fills in.
REQUEST_FIELDS = (
    "meeting_starts_at",
    "place",
    "subject",
    "expected_attendance",
    "earlier_incidents",
)


@transaction.atomic
def preparation_request(*, actor, data) -> PreparationRequest:
    """A mayor or griffier asks for preparation support for a meeting that has not begun,
    for their own body."""
    body = requester_body(actor)
    if body is None:
        raise PermissionDenied
    if data["meeting_starts_at"] <= timezone.now():
        raise ValidationError(_("Kies een vergadering die nog moet komen."))
    preparation = PreparationRequest(
        requester=actor, body=body, **{name: data[name] for name in REQUEST_FIELDS}
    )
    preparation.save()
    notices.preparation_requested(preparation)
    return preparation


def _lock_preparation(preparation):
    return PreparationRequest.objects.select_for_update().get(pk=preparation.pk)


@transaction.atomic
def preparation_plan(*, actor, preparation, scenario, agreements) -> PreparationRequest:
    """Staff plan the support: the scenarios for incidents and calamities and the agreements
    made with the body. Planning again changes them."""
    _require_staff(actor)
    preparation = _lock_preparation(preparation)
    preparation.scenario, preparation.agreements = scenario.strip(), agreements.strip()
    preparation.planned_by = actor
    move(
        preparation,
        PreparationStatus.PLANNED,
        table=PREPARATION_TRANSITIONS,
        actor=actor,
        parties={STAFF},
        extra_fields=["scenario", "agreements", "planned_by"],
        refusal=_("Deze voorbereiding is al afgerond."),
    )
    audit.record(actor=actor, obj=preparation, action="change", what="preparation_plan")
    notices.requester_planned(preparation)
    return preparation


@transaction.atomic
def preparation_close(*, actor, preparation, what_happened) -> PreparationRequest:
    """After the meeting, staff record what happened; the preparation is done."""
    _require_staff(actor)
    preparation = _lock_preparation(preparation)
    if preparation.meeting_starts_at > timezone.now():
        raise TransitionNotAllowed(_("De vergadering moet nog beginnen."))
    if not what_happened.strip():
        raise ValidationError(_("Beschrijf wat er is gebeurd."))
    preparation.what_happened = what_happened.strip()
    move(
        preparation,
        PreparationStatus.DONE,
        table=PREPARATION_TRANSITIONS,
        actor=actor,
        parties={STAFF},
        extra_fields=["what_happened"],
        refusal=_("Deze voorbereiding is al afgerond."),
    )
    audit.record(actor=actor, obj=preparation, action="change", what="preparation_done")
    return preparation


@transaction.atomic
def preparation_practice_consent_set(*, actor, preparation, given: bool) -> PreparationRequest:
    """The requester answers whether BZK may turn what happened into a practice example in
    the knowledge base (without names or anything that identifies the body). Only once the
    preparation is done, and only until BZK drafted the practice: the answer then stays."""
    preparation = _lock_preparation(preparation)
    if preparation.requester_id != actor.pk:
        raise PermissionDenied
    if preparation.status != PreparationStatus.DONE:
        raise TransitionNotAllowed(_("U kunt dit beantwoorden zodra de afloop is vastgelegd."))
    if practice_drafted(preparation):
        raise TransitionNotAllowed(
            _("BZK heeft er al een praktijkvoorbeeld van gemaakt. Neem contact op met BZK.")
        )
    preparation.practice_consent = PracticeConsent.GIVEN if given else PracticeConsent.REFUSED
    preparation.practice_consent_at = timezone.now()
    preparation.save(update_fields=["practice_consent", "practice_consent_at", "updated_at"])
    audit.record(actor=actor, obj=preparation, action="change", what="preparation_practice_consent")
    return preparation
