"""Which change of a case notifies whom, through the portal's one outbox (notifications/).
Notices carry a reference and a link, never the content of the report, the reporter's name or
address. `record()` must run inside the transaction of the change."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import active_users_with
from notifications import outbox
from notifications.kinds import Kind, register

from .models import Incident, NotifyBy, SupportDeployment, UrgentAlert


class NoticeKind(models.TextChoices):
    SUBMITTED = "submitted", _("Nieuwe melding")
    URGENT = "urgent", _("Melding urgent")
    ESCALATED = "escalated", _("Melding geëscaleerd")
    DEPLOYED = "deployed", _("Inzet gevraagd")
    CONFIRMATION = "confirmation", _("Ontvangstbevestiging aan de melder")


# The Ondersteuningsteam hears of a new, urgent or escalated case; a deployed member of their
# deployment; the reporter gets a confirmation.
TEAM_KINDS = frozenset({NoticeKind.SUBMITTED, NoticeKind.URGENT, NoticeKind.ESCALATED})


def support_team():
    return active_users_with(Role.SUPPORT_TEAM)


def _case_link(row):
    return reverse("incidents:detail", args=[row.object_id])


def _team_link(row):
    """The deployed member goes to the case; the rest of the team to their overview, since they
    may not open a case they are not deployed on."""
    deployed = SupportDeployment.objects.filter(
        incident_id=row.object_id, member_id=row.recipient_id
    ).exists()
    return _case_link(row) if deployed else reverse("incidents:support")


def _context(kind_value):
    def context(row):
        incident = row.subject
        return {
            "reference": incident.reference,
            "urgent": incident.urgent,
            "kind": kind_value,
            "bzk_phone": settings.BZK_CONTACT_PHONE,
        }

    return context


def _kind(value, link):
    return register(
        Kind(
            code=f"incidents.{value}",
            label=NoticeKind(value).label,
            subject_template="incidents/email/notice_subject.txt",
            body_template=f"incidents/email/{value}_body.txt",
            link=link,
            context=_context(value),
        )
    )


# Keyed by NoticeKind here and by ReporterNotice below.
KINDS: dict[str, Kind] = {
    NoticeKind.SUBMITTED: _kind(NoticeKind.SUBMITTED, _team_link),
    NoticeKind.URGENT: _kind(NoticeKind.URGENT, _team_link),
    NoticeKind.ESCALATED: _kind(NoticeKind.ESCALATED, _team_link),
    NoticeKind.DEPLOYED: _kind(NoticeKind.DEPLOYED, _team_link),
    NoticeKind.CONFIRMATION: _kind(NoticeKind.CONFIRMATION, _case_link),
}


def record(incident, kind, recipients=None, *, event=""):
    """Write the notices for `kind` about `incident` (one per recipient and event, never twice)
    and queue them after commit. Must run inside the transaction of the change."""
    if recipients is None:
        recipients = list(support_team()) if kind in TEAM_KINDS else []
    return outbox.record(kind=KINDS[kind], subject=incident, recipients=recipients, event=event)


# --- triage staff and on call -----------------------------------------------------------------
# BZK case handlers hear of every new report (at once, or outside office hours as one digest per
# hour if they choose), of every urgent report at once, and of a case whose first-contact
# deadline passed. The person on call (piket) is paged about an urgent report with a link to
# acknowledge it; unacknowledged, the page goes on to the next person on call and the team lead.
# Like the rest: a reference and a link, never content. Who gets what is decided in oncall.py.


def triage_staff():
    return active_users_with(Role.TRIAGE)


def _still_triage_staff(row):
    recipient = row.recipient
    return recipient is not None and recipient.is_active and recipient.is_triage_staff


def _ack_link(row):
    return reverse("incidents:urgent_ack", args=[row.object_id])


def _queue_link(row):
    return reverse("incidents:queue")


def _alert_still_open(row):
    """An escalation that is acknowledged before it goes out is not sent."""
    return (
        _still_triage_staff(row)
        and UrgentAlert.objects.filter(
            incident_id=row.object_id, acknowledged_at__isnull=True
        ).exists()
    )


def digest_hour_of(row):
    """The hour a digest row covers, from its event ("digest-<UTC hour>")."""
    event = row.key.split("|")[2]
    start = datetime.strptime(event.removeprefix("digest-"), "%Y%m%dT%HZ").replace(tzinfo=UTC)
    return start, start + timedelta(hours=1)


def _digest_context(row):
    start, end = digest_hour_of(row)
    sent = Incident.objects.sent().filter(submitted_at__gte=start, submitted_at__lt=end)
    return {
        "start": start,
        "end": end,
        "count": sent.count(),
        "urgent_count": sent.filter(urgent=True).count(),
        "kind": "digest",
    }


def _staff_context(kind_value):
    def context(row):
        incident = row.subject
        return {
            "reference": incident.reference,
            "urgent": incident.urgent,
            "due_at": incident.due_at,
            "kind": kind_value,
            "ack_minutes": settings.URGENT_ACK_MINUTES,
        }

    return context


def _staff_kind(value, label, link, *, still_wanted=_still_triage_staff, context=None):
    return register(
        Kind(
            code=f"incidents.{value}",
            label=label,
            subject_template="incidents/email/staff_subject.txt",
            body_template=f"incidents/email/{value}_body.txt",
            link=link,
            context=context or _staff_context(value),
            still_wanted=still_wanted,
        )
    )


class StaffNoticeKind(models.TextChoices):
    NEW = "staff_new", _("Nieuwe melding (BZK)")
    DIGEST = "staff_digest", _("Overzicht nieuwe meldingen per uur (BZK)")
    URGENT = "staff_urgent", _("Urgente melding (BZK)")
    DEADLINE = "staff_deadline", _("Termijn eerste contact verstreken (BZK)")
    ON_CALL = "oncall_urgent", _("Urgente melding voor de piket")
    UNANSWERED = (
        "oncall_unanswered",
        _("Urgente melding niet aangenomen (volgende piket, teamleider)"),
    )


STAFF_KINDS = {
    StaffNoticeKind.NEW: _staff_kind(StaffNoticeKind.NEW, StaffNoticeKind.NEW.label, _case_link),
    StaffNoticeKind.DIGEST: _staff_kind(
        StaffNoticeKind.DIGEST,
        StaffNoticeKind.DIGEST.label,
        _queue_link,
        context=_digest_context,
    ),
    StaffNoticeKind.URGENT: _staff_kind(
        StaffNoticeKind.URGENT, StaffNoticeKind.URGENT.label, _case_link
    ),
    StaffNoticeKind.DEADLINE: _staff_kind(
        StaffNoticeKind.DEADLINE, StaffNoticeKind.DEADLINE.label, _case_link
    ),
    StaffNoticeKind.ON_CALL: _staff_kind(
        StaffNoticeKind.ON_CALL, StaffNoticeKind.ON_CALL.label, _ack_link
    ),
    StaffNoticeKind.UNANSWERED: _staff_kind(
        StaffNoticeKind.UNANSWERED,
        StaffNoticeKind.UNANSWERED.label,
        _ack_link,
        still_wanted=_alert_still_open,
    ),
}


def record_for_staff(kind, *, subject=None, recipients, event="", not_before=None):
    """Write staff notices of `kind`; inside the transaction of the change."""
    return outbox.record(
        kind=STAFF_KINDS[kind],
        subject=subject,
        recipients=recipients,
        event=event,
        not_before=not_before,
    )


# --- the reporter ----------------------------------------------------------------------------
# What the reporter hears about their own case, at the address they chose for it (Incident.
# notify_by: their account's, another, or none), and what the handler hears from the reporter.
# The mails say what kind of thing happened and link to the case; never what was written.


class ReporterNotice(models.TextChoices):
    MESSAGE = "reporter_message", _("Nieuw bericht aan de melder")
    WAITING = "reporter_waiting", _("Vraag aan de melder (wacht op melder)")
    ASSIGNED = "reporter_assigned", _("Behandelaar toegewezen (aan de melder)")
    SUPPORT = "reporter_support", _("Ondersteuningsteam ingezet (aan de melder)")
    CLOSED = "reporter_closed", _("Melding afgesloten (aan de melder)")
    REOPENED = "reporter_reopened", _("Melding heropend (aan de melder)")
    # To the handler, or with none every triage staff member:
    REPLIED = "reporter_replied", _("Bericht van de melder")
    REOPENED_BY_REPORTER = "reopened_by_reporter", _("Heropend door een bericht van de melder")


TO_THE_HANDLER = frozenset({ReporterNotice.REPLIED, ReporterNotice.REOPENED_BY_REPORTER})


def reporter_recipients(incident) -> list:
    """Where the reporter wants to hear about this case: their account (the default), another
    address of their choice, or nowhere (no row at all: they look in the portal)."""
    if incident.notify_by == NotifyBy.NONE:
        return []
    if incident.notify_by == NotifyBy.OTHER:
        if not incident.notify_address:
            return []  # never fall back to an address the reporter chose against
        return [outbox.Recipient(user=incident.reporter, address=incident.notify_address)]
    return [incident.reporter]


def reporter_still_wants(row) -> bool:
    """Right before sending: the reporter has not changed their choice since the row was
    written (a notice for the old address or for "no e-mail" is withdrawn)."""
    incident = row.subject
    if incident is None or row.recipient_id != incident.reporter_id:
        return False
    if not incident.reporter.is_active:
        return False
    if incident.notify_by == NotifyBy.ACCOUNT:
        return not row.address
    if incident.notify_by == NotifyBy.OTHER:
        return bool(row.address) and row.address.lower() == incident.notify_address.lower()
    return False


def handler_recipients(incident) -> list:
    """The handler (also the last one of a closed case), or every active triage staff member
    when there is none (or they are no longer active staff); never the reporter themselves."""
    handler = incident.assignee
    if handler is not None and handler.is_active and handler.is_triage_staff:
        recipients = [handler]
    else:
        recipients = list(triage_staff())
    return [user for user in recipients if user.pk != incident.reporter_id]


def _handler_still_wanted(row) -> bool:
    return (
        _still_triage_staff(row)
        and row.subject is not None
        and row.recipient_id != row.subject.reporter_id
    )


def _reporter_kind(value: str, still_wanted) -> Kind:
    return register(
        Kind(
            code=f"incidents.{value}",
            label=ReporterNotice(value).label,
            subject_template="incidents/email/reporter_subject.txt",
            body_template="incidents/email/reporter_body.txt",
            link=_case_link,
            context=_context(value),
            still_wanted=still_wanted,
        )
    )


KINDS.update(
    {
        value: _reporter_kind(
            value, _handler_still_wanted if value in TO_THE_HANDLER else reporter_still_wants
        )
        for value in ReporterNotice
    }
)


def notify_reporter(incident, kind: str, *, event: str) -> list[int]:
    """Tell the reporter that `kind` happened on their case, as they chose. Inside the
    transaction of the change; `event` tells repeated occurrences apart."""
    return record(incident, kind, reporter_recipients(incident), event=event)


def notify_handler(incident, kind: str, *, event: str) -> list[int]:
    """Tell the handler (or triage) that the reporter wrote or reopened the case."""
    return record(incident, kind, handler_recipients(incident), event=event)
