"""Every write on incident reports. Keyword-only, with the actor; atomic; the row locked.

A change of status goes through `_move`: it names the parties the actor plays and hands the move
to weerbaar.workflow.move(), which checks the table in workflow.py, saves with update_fields and
writes an IncidentEvent; `_move` adds the audit row and the reporter's notice. Notices to the
Ondersteuningsteam and the reporter are written to the outbox (notices.record) in the same
transaction and sent after commit. A role that may not act raises PermissionDenied (views
answer 404); an illegal move raises TransitionNotAllowed with a Dutch message.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from accounts.models import Role
from weerbaar.uploads import (
    AUDIO_KINDS,
    DOCUMENT_KINDS,
    KIND_HEIC,
    VIDEO_KINDS,
    SizeLimits,
    display_name,
    store_upload,
)
from weerbaar.workflow import move

from . import concerned, notices, oncall, selectors, workflow
from .deployments.records import feed_case_record
from .models import (
    CaseVisit,
    ContactPreference,
    EventKind,
    Evidence,
    Incident,
    IncidentEvent,
    IncidentKindTag,
    InternalNote,
    Kind,
    Message,
    NotifyBy,
    SavedQueueFilter,
    SupportDeployment,
    Target,
    TriageStep,
    kind_bits,
)
from .permissions import is_concerned, is_deployed, is_reporter
from .workflow import REPORTER, REPORTER_MESSAGE, STAFF, Status, Step, TransitionNotAllowed

# Photos and screenshots (HEIC from phones stored as JPEG), letters, text, voice mail, video.
EVIDENCE_KINDS = DOCUMENT_KINDS | {KIND_HEIC} | AUDIO_KINDS | VIDEO_KINDS
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_AUDIO_BYTES = 25 * 1024 * 1024
EVIDENCE_MAX_VIDEO_BYTES = 100 * 1024 * 1024  # about a minute of phone video; see uploads.py
EVIDENCE_SIZE_LIMITS = SizeLimits(
    other=EVIDENCE_MAX_BYTES, audio=EVIDENCE_MAX_AUDIO_BYTES, video=EVIDENCE_MAX_VIDEO_BYTES
)
EVIDENCE_MAX_FILES = 30

# What the reporter fills in; nothing else can be set from the report form.
CONTENT_FIELDS = (
    "immediate_danger",
    "channel",
    "occurred_on",
    "occurred_time",
    "municipality",
    "targets",
    "perpetrator_known",
    "perpetrator_details",
    "ongoing",
    "description",
    "police_report",
    "police_reference",
    "vpt_code",
    "impact",
    "affects_decisions",
    "wants_support",
    "contact_preference",
    "contact_phone",
    "notify_by",
    "notify_address",
    "reported_for",
    "concerned_person",
)


def _lock(incident):
    return Incident.objects.select_for_update().get(pk=incident.pk)


def _require_staff(actor, incident=None):
    """Staff only, and never on their own report or one about them: a case handler who is also
    an officeholder does not triage what they reported themselves or what a colleague reported
    about them."""
    if not actor.is_triage_staff or (
        incident is not None and (is_reporter(actor, incident) or is_concerned(actor, incident))
    ):
        raise PermissionDenied


def _require_sent(incident):
    if incident.status == Status.DRAFT:
        raise TransitionNotAllowed(_("Deze melding is nog niet verstuurd."))


def _event(incident, actor, kind, from_value="", to_value=""):
    if actor is not None and not is_reporter(actor, incident):
        audit.record(actor=actor, obj=incident, action="change", what=kind)
    return IncidentEvent.objects.create(
        incident=incident,
        actor=actor,
        kind=kind,
        from_value=str(from_value),
        to_value=str(to_value),
    )


def _parties(actor, incident, *, by_message=False):
    """The sides the actor plays in a move of this case: the reporter (by writing a message,
    too, when that is how the move comes about), or staff, never on their own report."""
    if is_reporter(actor, incident):
        return {REPORTER, REPORTER_MESSAGE} if by_message else {REPORTER}
    return {STAFF} if actor.is_triage_staff else set()


# What the reporter hears of a status move made by staff.
_REPORTER_NOTICE_OF_MOVE = {
    Status.WAITING: notices.ReporterNotice.WAITING,
    Status.CLOSED: notices.ReporterNotice.CLOSED,
}


def _move(*, actor, incident, to_status, extra_fields=(), by_message=False):
    """Change the (locked) incident's status, or raise TransitionNotAllowed. A move by staff
    tells the reporter (a question waits on them, closed, reopened) and counts as the answer
    to a reopening by the reporter (the case leaves the top of the queue)."""
    from_status = incident.status
    extra_fields = list(extra_fields)
    by_staff = not is_reporter(actor, incident)
    if by_staff and incident.reopened_at is not None:
        incident.reopened_at = None
        extra_fields.append("reopened_at")
    event = move(
        incident,
        to_status,
        table=workflow.TRANSITIONS,
        actor=actor,
        parties=_parties(actor, incident, by_message=by_message),
        event=IncidentEvent,
        extra_fields=extra_fields,
        kind=EventKind.STATUS,
    )
    assert event is not None  # an event model was given, so move() wrote its row
    if by_staff:
        audit.record(actor=actor, obj=incident, action="change", what=EventKind.STATUS)
        kind = _REPORTER_NOTICE_OF_MOVE.get(to_status)
        if from_status == Status.CLOSED:
            kind = notices.ReporterNotice.REOPENED
        if kind:
            notices.notify_reporter(incident, kind, event=f"event-{event.pk}")
    return incident


# --- Reporting -------------------------------------------------------------------------------


@transaction.atomic
def incident_start(*, actor, immediate_danger=False):
    """Start a draft report. Only an officeholder. Immediate danger marks it urgent from the
    start (the 112 advice is shown before anything else by the view)."""
    if not actor.is_officeholder:
        raise PermissionDenied
    office = (
        actor.role_assignments.filter(role=Role.OFFICEHOLDER).order_by("granted_at", "pk").first()
    )
    return Incident.objects.create(
        reporter=actor,
        reporter_office_type=office.office_type if office else "",
        reporter_body=office.body if office else None,
        immediate_danger=immediate_danger,
        urgent=immediate_danger,
        municipality=office.body if office and office.body.kind == "municipality" else None,
        contact_preference=ContactPreference.PORTAL,
    )


def _require_own_draft(actor, incident):
    if not is_reporter(actor, incident):
        raise PermissionDenied
    if incident.status != Status.DRAFT:
        raise TransitionNotAllowed(
            _(
                "Deze melding is verstuurd en kan niet meer worden gewijzigd. U kunt wel iets "
                "toevoegen met een bericht of een bewijsstuk."
            )
        )


class DraftChanged(Exception):
    """The draft was saved since the save this one builds on (see draft_version)."""


def draft_version(incident):
    """Which save of the draft a page shows. The autosave sends it back so that an older save
    that arrives late never overwrites a newer one, and the script keeps unsaved text in the
    tab's sessionStorage under it, put back only on a page that shows the same save."""
    return str(int(incident.updated_at.timestamp() * 1_000_000))


@transaction.atomic
def incident_save_draft(*, actor, incident, data, kinds=None, based_on=None):
    """Save the reporter's draft: only CONTENT_FIELDS and the kinds. Only while a draft.
    With `based_on` (a draft_version), only if the draft was not saved since: DraftChanged."""
    incident = _lock(incident)
    _require_own_draft(actor, incident)
    if based_on is not None and draft_version(incident) != based_on:
        raise DraftChanged
    fields = [name for name in data if name in CONTENT_FIELDS]
    for name in fields:
        setattr(incident, name, data[name])
    if "notify_by" in fields or "notify_address" in fields:
        incident.notify_by, incident.notify_address = clean_notify_choice(
            incident.notify_by, incident.notify_address
        )
        fields = list(dict.fromkeys([*fields, "notify_by", "notify_address"]))
    if "reported_for" in fields or "concerned_person" in fields:
        incident.reported_for, incident.concerned_person = concerned.clean_colleague(
            actor=actor,
            reported_for=incident.reported_for,
            person=incident.concerned_person,
        )
        fields = list(dict.fromkeys([*fields, "reported_for", "concerned_person"]))
    if "targets" in fields:
        incident.targets = [code for code in incident.targets if code in Target.values]
    if incident.immediate_danger and not incident.urgent:
        incident.urgent = True
        fields.append("urgent")
    if kinds is not None:
        wanted = {kind for kind in kinds if kind in Kind.values}
        incident.kind_bits = kind_bits(wanted)
        fields.append("kind_bits")
    incident.save(update_fields=[*fields, "updated_at"])
    if kinds is not None:
        incident.kind_tags.exclude(kind__in=wanted).delete()
        present = set(incident.kind_tags.values_list("kind", flat=True))
        IncidentKindTag.objects.bulk_create(
            IncidentKindTag(incident=incident, kind=kind) for kind in sorted(wanted - present)
        )
    return incident


@transaction.atomic
def incident_draft_delete(*, actor, incident):
    """The reporter deletes their own draft for good: the evidence files leave storage, the
    row and what hangs on it (kinds, evidence rows, events, visits) go. Only a draft that was
    never sent; anything sent stays on record (TransitionNotAllowed)."""
    incident = _lock(incident)
    _require_own_draft(actor, incident)
    for item in list(incident.evidence.all()):
        if item.file:
            item.file.storage.delete(item.file.name)
    incident.delete()


def clean_notify_choice(notify_by: str, notify_address: str | None) -> tuple[str, str]:
    """The reporter's choice of how they hear about their case, checked: a known choice, and an
    address only with "another address" (none is kept otherwise). Raises ValidationError with
    Dutch messages per field."""
    if notify_by not in NotifyBy.values:
        raise ValidationError({"notify_by": _("Kies hoe u bericht wilt krijgen.")})
    address = (notify_address or "").strip()
    if notify_by != NotifyBy.OTHER:
        return notify_by, ""
    if not address:
        raise ValidationError(
            {"notify_address": _("Vul het e-mailadres in waarop u berichten wilt krijgen.")}
        )
    try:
        validate_email(address)
    except ValidationError as error:
        raise ValidationError(
            {
                "notify_address": _(
                    "Dit is geen geldig e-mailadres. Vul een adres in zoals naam@voorbeeld.nl, "
                    "of kies een andere manier."
                )
            }
        ) from error
    return notify_by, address


@transaction.atomic
def incident_submit(*, actor, incident):
    """Send the report (draft → new): gives it a reference and a deadline for the first
    contact, lays out the stappenplan, and records the notices to the Ondersteuningsteam (new,
    and urgent when it is) and the confirmation to the reporter."""
    incident = _lock(incident)
    if not is_reporter(actor, incident):
        raise PermissionDenied
    if incident.status != Status.DRAFT:
        raise TransitionNotAllowed(_("Deze melding is al verstuurd."))
    problems = selectors.submission_problems(incident)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    incident.submitted_at = now
    incident.reference = f"WB-{timezone.localdate().year}-{incident.pk:06d}"
    incident.due_at = workflow.response_deadline(now, urgent=incident.urgent)
    _move(
        actor=actor,
        incident=incident,
        to_status=Status.NEW,
        extra_fields=["submitted_at", "reference", "due_at"],
    )
    TriageStep.objects.bulk_create(
        TriageStep(incident=incident, step=step, position=position)
        for position, step in enumerate(Step.values)
    )
    concerned.link_on_submit(incident)
    notices.record(incident, notices.NoticeKind.SUBMITTED)
    if incident.urgent:
        notices.record(incident, notices.NoticeKind.URGENT)
    notices.record(
        incident,
        notices.NoticeKind.CONFIRMATION,
        recipients=notices.reporter_recipients(incident),
    )
    oncall.report_submitted(incident, now=now)
    return incident


@transaction.atomic
def incident_set_notify_choice(
    *, actor, incident: Incident, notify_by: str, notify_address: str = ""
) -> Incident:
    """The reporter changes how they hear about this case: mail to their account address, to
    another address, or none (they look in the portal). Any time, also after closing (a message
    can reopen it). Notices already queued for the old choice are withdrawn at delivery
    (notices.reporter_still_wants)."""
    incident = _lock(incident)
    if not is_reporter(actor, incident):
        raise PermissionDenied
    incident.notify_by, incident.notify_address = clean_notify_choice(notify_by, notify_address)
    incident.save(update_fields=["notify_by", "notify_address", "updated_at"])
    return incident


@transaction.atomic
def evidence_add(*, actor, incident, uploaded_file, remove_location=True):
    """Add evidence (JPEG, PNG, HEIC, PDF, plain text, sound or video, checked by content).
    The reporter adds it, to a draft or to a sent case that is not closed. What is stored is
    the portal's rebuilt copy (see weerbaar.uploads): images re-encoded from their pixels
    (HEIC as JPEG), without any metadata, or, when the reporter asks to keep the location,
    with only the EXIF position and time; sound and video remuxed without any metadata.
    The file is stored encrypted."""
    incident = _lock(incident)
    if not is_reporter(actor, incident):
        raise PermissionDenied
    if incident.status == Status.CLOSED:
        raise TransitionNotAllowed(_("Deze melding is afgesloten."))
    if incident.evidence.count() >= EVIDENCE_MAX_FILES:
        raise ValidationError(
            _("U kunt hoogstens %(n)s bewijsstukken toevoegen.") % {"n": EVIDENCE_MAX_FILES}
        )
    evidence = Evidence(
        incident=incident,
        original_name=display_name(uploaded_file, default="bewijs"),
        uploaded_by=actor,
    )
    stored = store_upload(
        uploaded_file,
        into=evidence.file,
        allowed=EVIDENCE_KINDS,
        max_bytes=EVIDENCE_SIZE_LIMITS,
        keep_location=not remove_location,
    )
    evidence.content_type, evidence.size = stored.content_type, stored.size
    evidence.width, evidence.height = stored.width, stored.height
    evidence.location_removed = stored.metadata_removed
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence):
    """The reporter removes evidence from a draft (after sending, evidence stays)."""
    incident = _lock(evidence.incident)
    _require_own_draft(actor, incident)
    evidence.file.delete(save=False)
    evidence.delete()


# --- Triage ----------------------------------------------------------------------------------


@transaction.atomic
def incident_transition(*, actor, incident, to_status):
    """A status move by staff (or the reporter, where the table allows). Acknowledging counts
    as the first response and ticks the first step; closing and reopening keep the date."""
    incident = _lock(incident)
    _require_sent(incident)
    extra = []
    now = timezone.now()
    if to_status == Status.ACKNOWLEDGED and incident.first_response_at is None:
        incident.first_response_at = now
        extra.append("first_response_at")
    if to_status == Status.CLOSED:
        incident.closed_at = now
        extra.append("closed_at")
    if incident.status == Status.CLOSED:
        incident.closed_at = None
        extra.append("closed_at")
    _move(actor=actor, incident=incident, to_status=to_status, extra_fields=extra)
    if to_status == Status.ACKNOWLEDGED:
        _complete_step(actor, incident, Step.ACKNOWLEDGE)
    return incident


def incident_acknowledge(*, actor, incident):
    return incident_transition(actor=actor, incident=incident, to_status=Status.ACKNOWLEDGED)


def incident_close(*, actor, incident):
    return incident_transition(actor=actor, incident=incident, to_status=Status.CLOSED)


def incident_reopen(*, actor, incident):
    if incident.status != Status.CLOSED:
        raise TransitionNotAllowed(_("Alleen een afgesloten melding kan worden heropend."))
    return incident_transition(actor=actor, incident=incident, to_status=Status.IN_PROGRESS)


@transaction.atomic
def incident_set_urgency(*, actor, incident, urgent):
    """Staff mark a case urgent or not. Becoming urgent tightens the first-contact deadline
    to an hour and tells the Ondersteuningsteam."""
    _require_staff(actor, incident)
    incident = _lock(incident)
    _require_sent(incident)
    if incident.urgent == urgent:
        return incident
    incident.urgent = urgent
    fields = ["urgent", "updated_at"]
    if incident.first_response_at is None:
        # Urgent: within the hour from now (or sooner if it already was); otherwise back to
        # one working day after submission.
        if urgent:
            incident.due_at = min(incident.due_at, timezone.now() + workflow.URGENT_RESPONSE)
        else:
            incident.due_at = workflow.response_deadline(incident.submitted_at, urgent=False)
        fields.append("due_at")
    incident.save(update_fields=fields)
    _event(incident, actor, EventKind.URGENCY, int(not urgent), int(urgent))
    if urgent:
        notices.record(incident, notices.NoticeKind.URGENT)
        oncall.report_became_urgent(incident)
    return incident


@transaction.atomic
def incident_assign(*, actor, incident, assignee):
    """Staff assign the case to a staff member, or to nobody (assignee None)."""
    _require_staff(actor, incident)
    if assignee is not None and not assignee.is_triage_staff:
        raise ValidationError(_("Alleen een medewerker van BZK kan een melding behandelen."))
    incident = _lock(incident)
    _require_sent(incident)
    previous = incident.assignee_id
    incident.assignee = assignee
    incident.save(update_fields=["assignee", "updated_at"])
    event = _event(
        incident, actor, EventKind.ASSIGNED, previous or "", assignee.pk if assignee else ""
    )
    if assignee is not None and assignee.pk != previous:
        notices.notify_reporter(
            incident, notices.ReporterNotice.ASSIGNED, event=f"event-{event.pk}"
        )
    return incident


@transaction.atomic
def incident_escalate(*, actor, incident):
    """Staff escalate an open case to the Ondersteuningsteam (once)."""
    _require_staff(actor, incident)
    incident = _lock(incident)
    _require_sent(incident)
    if incident.status == Status.CLOSED:
        raise TransitionNotAllowed(_("Een afgesloten melding kan niet worden geëscaleerd."))
    if incident.escalated_at is not None:
        raise TransitionNotAllowed(_("Deze melding is al geëscaleerd."))
    incident.escalated_at = timezone.now()
    incident.save(update_fields=["escalated_at", "updated_at"])
    _event(incident, actor, EventKind.ESCALATED)
    notices.record(incident, notices.NoticeKind.ESCALATED)
    return incident


@transaction.atomic
def incident_deploy(*, actor, incident, member, record=None):
    """Staff deploy an Ondersteuningsteam member on the case; from then on the member sees it
    and is notified. The member joins the deployment record `record` (a Deployment of this
    case), or else the case's latest record, a new one if the case has none."""
    _require_staff(actor, incident)
    if not member.is_support_team:
        raise ValidationError(_("Kies een lid van het Ondersteuningsteam."))
    incident = _lock(incident)
    _require_sent(incident)
    if incident.status == Status.CLOSED:
        raise TransitionNotAllowed(_("Op een afgesloten melding kan niemand worden ingezet."))
    refusal = concerned.sharing_refusal(incident)
    if refusal:
        raise TransitionNotAllowed(refusal)
    deployment, created = SupportDeployment.objects.get_or_create(
        incident=incident, member=member, defaults={"deployed_by": actor}
    )
    if not created:
        raise TransitionNotAllowed(_("Dit teamlid is al ingezet op deze melding."))
    feed_case_record(actor=actor, incident=incident, member=member, record=record)
    _event(incident, actor, EventKind.DEPLOYED, "", member.pk)
    _tick_step(actor, incident, Step.INVOLVE_SUPPORT_TEAM)
    notices.record(incident, notices.NoticeKind.DEPLOYED, recipients=[member])
    notices.notify_reporter(
        incident, notices.ReporterNotice.SUPPORT, event=f"deployment-{deployment.pk}"
    )
    return deployment


def _tick_step(actor, incident, step):
    """Tick a step as a side effect of an action (messaging the reporter, deploying the
    team). A step already ticked keeps its first who and when; a case without a stappenplan
    (never submitted through the portal) is left alone."""
    row = TriageStep.objects.select_for_update().filter(incident=incident, step=step).first()
    if row is not None:
        _mark_step_done(actor, incident, row)


def _complete_step(actor, incident, step):
    row = TriageStep.objects.select_for_update().get(incident=incident, step=step)
    return _mark_step_done(actor, incident, row)


def _mark_step_done(actor, incident, row):
    if row.done_at is not None:
        return row, False
    row.done_by = actor
    row.done_at = timezone.now()
    row.save(update_fields=["done_by", "done_at"])
    _event(incident, actor, EventKind.STEP, "", row.step)
    return row, True


@transaction.atomic
def incident_complete_step(*, actor, incident, step):
    """Staff tick off a step of the stappenplan; who and when are recorded once."""
    _require_staff(actor, incident)
    if step not in Step.values:
        raise ValidationError(_("Onbekende stap."))
    incident = _lock(incident)
    _require_sent(incident)
    row, done_now = _complete_step(actor, incident, step)
    if not done_now:
        raise TransitionNotAllowed(_("Deze stap is al afgerond."))
    if step == Step.CONTACT_REPORTER and incident.first_response_at is None:
        incident.first_response_at = row.done_at
        incident.save(update_fields=["first_response_at", "updated_at"])
    return row


@transaction.atomic
def message_send(*, actor, incident, body, unless_sent_since=None):
    """A message the reporter sees: from staff to the reporter, or the reporter's reply or
    addition. A staff message counts as the first response, answers a reopening, and tells the
    reporter (each message its own notice). A reply of the reporter puts a waiting case back in
    progress and tells the handler (or, with none, every triage staff member); on a closed case
    it reopens the case (the standard closing text promises so), puts it at the top of the
    queue and tells the last handler: the returned message then has `reopened_case` True.
    With `unless_sent_since` (when the sender confirmed the text), the same text from the same
    sender on this case since then is returned instead of being sent again: a second click on
    "Versturen" or a reload sends nothing new. A member of the Ondersteuningsteam deployed on
    the case writes to the reporter as staff do."""
    if not body.strip():
        raise ValidationError(_("Het bericht is leeg."))
    incident = _lock(incident)
    _require_sent(incident)
    # From the network's side: staff, or a member of the Ondersteuningsteam deployed on it;
    # never the reporter, nor the colleague the report is about.
    from_staff = (
        not is_reporter(actor, incident)
        and not is_concerned(actor, incident)
        and (actor.is_triage_staff or is_deployed(actor, incident))
    )
    if not from_staff and not is_reporter(actor, incident):
        raise PermissionDenied
    if unless_sent_since is not None:
        recent = Message.objects.filter(
            incident=incident, author=actor, created_at__gte=unless_sent_since
        )
        # The body is encrypted at rest, so the comparison happens here, over a handful of rows.
        for earlier in recent:
            if earlier.body == body.strip():
                return earlier
    if from_staff:
        # Before the message, so that the message stays the latest change the reporter sees.
        _tick_step(actor, incident, Step.CONTACT_REPORTER)
    message = Message.objects.create(
        incident=incident, author=actor, from_staff=from_staff, body=body.strip()
    )
    message.reopened_case = False
    event = f"message-{message.pk}"
    if from_staff:
        fields = []
        if incident.first_response_at is None:
            incident.first_response_at = message.created_at
            fields.append("first_response_at")
        if incident.reopened_at is not None:
            incident.reopened_at = None
            fields.append("reopened_at")
        if fields:
            incident.save(update_fields=[*fields, "updated_at"])
        notices.notify_reporter(incident, notices.ReporterNotice.MESSAGE, event=event)
        return message
    if incident.status == Status.CLOSED:
        incident.closed_at = None
        incident.reopened_at = message.created_at
        _move(
            actor=actor,
            incident=incident,
            to_status=Status.IN_PROGRESS,
            extra_fields=["closed_at", "reopened_at"],
            by_message=True,
        )
        message.reopened_case = True
        notices.notify_handler(incident, notices.ReporterNotice.REOPENED_BY_REPORTER, event=event)
        return message
    if incident.status == Status.WAITING:
        _move(actor=actor, incident=incident, to_status=Status.IN_PROGRESS)
    notices.notify_handler(incident, notices.ReporterNotice.REPLIED, event=event)
    return message


@transaction.atomic
def note_add(*, actor, incident, body):
    """An internal note: staff and deployed Ondersteuningsteam members; never the reporter, nor
    the colleague the report is about."""
    if not body.strip():
        raise ValidationError(_("De notitie is leeg."))
    incident = _lock(incident)
    _require_sent(incident)
    if is_reporter(actor, incident) or is_concerned(actor, incident):
        raise PermissionDenied
    if not (actor.is_triage_staff or is_deployed(actor, incident)):
        raise PermissionDenied
    return InternalNote.objects.create(incident=incident, author=actor, body=body.strip())


@transaction.atomic
def saved_filter_save(*, actor, name, query):
    """Save (or overwrite) a named queue filter of a staff member."""
    _require_staff(actor)
    saved, _created = SavedQueueFilter.objects.update_or_create(
        owner=actor, name=name.strip()[:60], defaults={"query": query[:500]}
    )
    return saved


@transaction.atomic
def saved_filter_delete(*, actor, saved_filter):
    if saved_filter.owner_id != actor.pk:
        raise PermissionDenied
    saved_filter.delete()


def case_visit_record(*, actor, incident: Incident) -> datetime | None:
    """Remember that `actor` opened the case now; returns when they opened it before (None on
    the first visit). What changed after that is new to them. Not a change of the case: no
    event row, no audit row (the reporter's own reads are not audited)."""
    now = timezone.now()
    with transaction.atomic():
        visit = CaseVisit.objects.select_for_update().filter(user=actor, incident=incident).first()
        if visit is not None:
            previous = visit.seen_at
            visit.seen_at = now
            visit.save(update_fields=["seen_at"])
            return previous
    try:
        with transaction.atomic():
            CaseVisit.objects.create(user=actor, incident=incident, seen_at=now)
    except IntegrityError:  # the same person's other tab recorded the first visit just now
        pass
    return None


def case_read_record(*, reader, incident, what):
    """Audit a read by anyone other than the reporter: who, which case, what, when. Returns
    the audit.AccessEntry (None for the reporter's own read)."""
    if is_reporter(reader, incident):
        return None
    return audit.record(actor=reader, obj=incident, what=what)
