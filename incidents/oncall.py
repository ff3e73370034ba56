"""BZK staff and on call (piket): who hears of which report when, the rota, and the page to the
person on call about an urgent report until someone acknowledges it.

Kept beside actions.py and selectors.py rather than in them (both are at the size where the
house style splits a module). Reads first (who is on call, the rota), then the writes, which
follow the actions' rules: keyword-only, the actor passed in, atomic, an event or audit row.
Functions called by the actions themselves (`report_submitted`, `report_became_urgent`) run
inside the caller's transaction. Every function that looks at the clock takes `now=` so the
periodic tasks can be tested with a controllable clock.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from notifications.models import Notification

from . import notices, workflow
from .models import (
    EventKind,
    Incident,
    IncidentEvent,
    OnCallShift,
    StaffNoticePreference,
    UrgentAlert,
)
from .notices import StaffNoticeKind
from .workflow import OPEN_STATES, TransitionNotAllowed

ROTA_WEEKS = 4
MAX_SHIFT = timedelta(days=14)


# --- reads -----------------------------------------------------------------------------------


def on_call_shifts(now):
    """The on-call (not team-lead) shifts covering `now`: the first is paged, the rest are the
    backup."""
    return list(
        OnCallShift.objects.covering(now)
        .filter(is_team_lead=False, person__is_active=True)
        .select_related("person")
        .order_by("starts_at", "pk")
    )


def person_on_call(now):
    shifts = on_call_shifts(now)
    return shifts[0].person if shifts else None


def is_someone_on_call(now=None):
    return person_on_call(now or timezone.now()) is not None


def team_lead(now):
    """The team lead on duty at `now`, else the next one in the rota."""
    shift = (
        OnCallShift.objects.current()
        .filter(is_team_lead=True, ends_at__gt=now, person__is_active=True)
        .select_related("person")
        .order_by("starts_at", "pk")
        .first()
    )
    return shift.person if shift else None


def next_on_call(now, *, after):
    """Who comes after `after` (a user, or None when no one was paged): a backup on call now,
    else the person of the next on-call shift."""
    shifts = (
        OnCallShift.objects.current()
        .filter(is_team_lead=False, ends_at__gt=now, person__is_active=True)
        .select_related("person")
        .order_by("starts_at", "pk")
    )
    if after is not None:
        shifts = shifts.exclude(person=after)
    shift = shifts.first()
    return shift.person if shift else None


def rota(now, weeks=ROTA_WEEKS):
    """The shifts that have not ended, for the coming weeks."""
    return list(
        OnCallShift.objects.current()
        .filter(ends_at__gt=now, starts_at__lt=now + timedelta(weeks=weeks))
        .select_related("person")
        .order_by("starts_at", "pk")
    )


def wants_digest(user):
    return StaffNoticePreference.objects.filter(
        user=user, digest_outside_office_hours=True
    ).exists()


def _staff_except_reporter(incident):
    # A case handler who is also an officeholder does not triage their own report.
    return list(notices.triage_staff().exclude(pk=incident.reporter_id).order_by("pk"))


def digest_slot(now):
    """The hour (UTC) `now` falls in: a digest row covers one such hour and goes out at its end."""
    start = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return start, start + timedelta(hours=1)


# --- what the actions call inside their transaction -------------------------------------------


def report_submitted(incident, *, now=None):
    """A report was sent: every case handler hears of it. Urgent: at once, and the person on
    call is paged instead. Otherwise at once, or, outside office hours for those who chose it,
    in the digest of this hour."""
    now = now or timezone.now()
    if incident.urgent:
        report_became_urgent(incident, now=now)
        return
    staff = _staff_except_reporter(incident)
    digest_ids = set()
    if not workflow.is_office_hours(now):
        digest_ids = set(
            StaffNoticePreference.objects.filter(
                user__in=staff, digest_outside_office_hours=True
            ).values_list("user_id", flat=True)
        )
    at_once = [user for user in staff if user.pk not in digest_ids]
    notices.record_for_staff(StaffNoticeKind.NEW, subject=incident, recipients=at_once)
    start, end = digest_slot(now)
    for user in staff:
        if user.pk in digest_ids:
            notices.record_for_staff(
                StaffNoticeKind.DIGEST,
                subject=None,
                recipients=[user],
                event=f"digest-{start:%Y%m%dT%H}Z",
                not_before=end,
            )


def report_became_urgent(incident, *, now=None):
    """The case is urgent (when sent, or marked so by staff): the person on call is paged with
    a link to acknowledge it, every other case handler is told at once. Once per case."""
    now = now or timezone.now()
    alert, created = UrgentAlert.objects.get_or_create(
        incident=incident, defaults={"raised_at": now}
    )
    if not created:
        return alert
    paged = person_on_call(now)
    if paged is not None and paged.pk == incident.reporter_id:
        paged = next_on_call(now, after=paged)
    staff = _staff_except_reporter(incident)
    if paged is not None:
        alert.paged = paged
        alert.save(update_fields=["paged"])
        notices.record_for_staff(StaffNoticeKind.ON_CALL, subject=incident, recipients=[paged])
    notices.record_for_staff(
        StaffNoticeKind.URGENT,
        subject=incident,
        recipients=[user for user in staff if paged is None or user.pk != paged.pk],
    )
    return alert


# --- writes ----------------------------------------------------------------------------------


def _require_triage_staff(actor):
    if not actor.is_authenticated or not actor.is_triage_staff:
        raise PermissionDenied


def _event(incident, actor, kind, to_value=""):
    if actor is not None:
        audit.record(actor=actor, obj=incident, action="change", what=kind)
    return IncidentEvent.objects.create(
        incident=incident, actor=actor, kind=kind, to_value=str(to_value)
    )


@transaction.atomic
def urgent_alert_acknowledge(*, actor, incident, now=None):
    """A case handler takes on the urgent case: who and when are recorded on the case (an
    event row) and the page goes no further. Once; the reporter of the case may not."""
    _require_triage_staff(actor)
    if incident.reporter_id == actor.pk:
        raise PermissionDenied
    alert = UrgentAlert.objects.select_for_update().filter(incident=incident).first()
    if alert is None:
        raise TransitionNotAllowed(_("Voor deze melding loopt geen piketoproep."))
    if alert.acknowledged_at is not None:
        raise TransitionNotAllowed(_("Deze urgente melding is al aangenomen."))
    alert.acknowledged_at = now or timezone.now()
    alert.acknowledged_by = actor
    alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    _event(incident, actor, EventKind.URGENT_ACKNOWLEDGED, actor.pk)
    return alert


def _waiting_alerts(now):
    return (
        UrgentAlert.objects.filter(
            acknowledged_at__isnull=True,
            escalated_at__isnull=True,
            raised_at__lte=now - timedelta(minutes=settings.URGENT_ACK_MINUTES),
            incident__urgent=True,
            incident__status__in=OPEN_STATES,
            incident__first_response_at__isnull=True,
        )
        .order_by("raised_at", "pk")
        .values_list("pk", flat=True)
    )


def urgent_alerts_escalate(*, now=None):
    """Periodic (every minute): an urgent case that no one acknowledged within
    URGENT_ACK_MINUTES goes to the next person on call and the team lead (to every case
    handler when the rota names no one). Once per case. Returns the ids of the escalated cases."""
    now = now or timezone.now()
    escalated = []
    for alert_id in list(_waiting_alerts(now)):
        with transaction.atomic():
            alert = (
                UrgentAlert.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=alert_id, acknowledged_at__isnull=True, escalated_at__isnull=True)
                .select_related("incident", "paged")
                .first()
            )
            if alert is None:
                continue
            incident = alert.incident
            following = next_on_call(now, after=alert.paged)
            lead = team_lead(now)
            recipients = {user.pk: user for user in (following, lead) if user is not None}
            recipients.pop(incident.reporter_id, None)
            if not recipients:
                recipients = {user.pk: user for user in _staff_except_reporter(incident)}
            alert.escalated_at = now
            alert.save(update_fields=["escalated_at"])
            _event(incident, None, EventKind.URGENT_UNANSWERED, following.pk if following else "")
            notices.record_for_staff(
                StaffNoticeKind.UNANSWERED, subject=incident, recipients=list(recipients.values())
            )
            escalated.append(incident.pk)
    return escalated


def passed_deadlines_notify(*, now=None):
    """Periodic: a case past its first-contact deadline without a first response is reported
    to its handler, or, unassigned, to every case handler. Once per case and deadline (the
    deadline is part of the notice's event; a new deadline gives a new notice)."""
    now = now or timezone.now()
    already = Notification.objects.filter(
        kind=notices.STAFF_KINDS[StaffNoticeKind.DEADLINE].code,
        object_id=OuterRef("pk"),
        created_at__gte=OuterRef("due_at"),
    )
    overdue = (
        Incident.objects.overdue(now)
        .filter(~Exists(already))
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)
    )
    notified = []
    for incident_id in list(overdue):
        with transaction.atomic():
            incident = Incident.objects.select_related("assignee").get(pk=incident_id)
            assignee = incident.assignee
            if assignee is not None and assignee.is_active and assignee.is_triage_staff:
                recipients = [assignee]
            else:
                recipients = _staff_except_reporter(incident)
            due_at = incident.due_at
            assert due_at is not None  # overdue() holds only cases past a deadline
            notices.record_for_staff(
                StaffNoticeKind.DEADLINE,
                subject=incident,
                recipients=recipients,
                event=f"deadline-{due_at.astimezone(UTC):%Y%m%dT%H%M%S}Z",
            )
            notified.append(incident.pk)
    return notified


@transaction.atomic
def on_call_shift_add(*, actor, person, starts_at, ends_at, is_team_lead=False, now=None):
    """A case handler puts a colleague (or themselves) on the rota. Only triage staff, for
    triage staff; the shift ends after it starts, not in the past, and lasts at most
    MAX_SHIFT. Leaves an audit row."""
    _require_triage_staff(actor)
    now = now or timezone.now()
    if not person.is_active or not person.is_triage_staff:
        raise ValidationError(_("Alleen een medewerker van BZK kan piket hebben."))
    if ends_at <= starts_at:
        raise ValidationError(_("Het einde moet na het begin liggen."))
    if ends_at <= now:
        raise ValidationError(_("Deze dienst ligt helemaal in het verleden."))
    if ends_at - starts_at > MAX_SHIFT:
        raise ValidationError(_("Een dienst duurt hoogstens twee weken."))
    shift = OnCallShift.objects.create(
        person=person,
        starts_at=starts_at,
        ends_at=ends_at,
        is_team_lead=is_team_lead,
        created_by=actor,
    )
    audit.record(actor=actor, obj=shift, action="change", what="on_call_shift_add")
    return shift


@transaction.atomic
def on_call_shift_remove(*, actor, shift, now=None):
    """Take a shift off the rota. The row stays (removed_at/by) so the rota keeps its history;
    leaves an audit row."""
    _require_triage_staff(actor)
    shift = OnCallShift.objects.select_for_update().get(pk=shift.pk)
    if shift.removed_at is not None:
        raise TransitionNotAllowed(_("Deze dienst is al van het rooster gehaald."))
    shift.removed_at = now or timezone.now()
    shift.removed_by = actor
    shift.save(update_fields=["removed_at", "removed_by"])
    audit.record(actor=actor, obj=shift, action="change", what="on_call_shift_remove")
    return shift


@transaction.atomic
def staff_notice_preference_set(*, actor, digest_outside_office_hours):
    """A case handler chooses how new reports reach them outside office hours."""
    _require_triage_staff(actor)
    preference, _created = StaffNoticePreference.objects.update_or_create(
        user=actor, defaults={"digest_outside_office_hours": digest_outside_office_hours}
    )
    return preference
