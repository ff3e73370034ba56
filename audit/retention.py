"""Retention (AVG/GDPR art. 5(1)(e) and art. 17): what is removed, and when.

- A closed case older than RETENTION_CLOSED_CASE_DAYS loses its personal content: the
  encrypted free text (description, perpetrator, impact), the phone number and police
  registration number, every message and internal note, and every evidence file (removed from
  storage). What the monitor counts stays: kinds, channel, office type, government body,
  municipality, dates and status. The audit trail (no content) stays.
- An erasure request (made with the password, confirmed through a link in an e-mail, see
  audit/actions.py) is carried out ERASURE_GRACE_DAYS after its confirmation, once a reminder
  went out at least ERASURE_REMINDER_DAYS before (the person can withdraw it until then): the
  person's reports are anonymised as above whatever their state, drafts included, their home
  scans deleted, and the account (with allauth's copies of its address) is made anonymous and
  unusable.

`apply_retention()` is idempotent (a RetentionMark per anonymised object) and returns counts.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from incidents.models import Incident, NotifyBy
from incidents.workflow import Status

from . import notices
from .models import ErasureRequest, RetentionMark

logger = logging.getLogger(__name__)

CLEARED_FIELDS = ["description", "perpetrator_details", "impact", "contact_phone", "notify_address"]


def _already(incident):
    return RetentionMark.objects.filter(
        object_type="incidents.incident", object_id=str(incident.pk)
    ).exists()


@transaction.atomic
def incident_anonymise(*, incident, reason):
    """Remove a case's personal content; returns what was removed (counts)."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if _already(incident):
        return None
    removed = {"messages": 0, "notes": 0, "evidence_files": 0}
    for evidence in list(incident.evidence.all()):
        if evidence.file:
            name = evidence.file.name
            evidence.file.storage.delete(name)
            removed["evidence_files"] += 1
        evidence.delete()
    removed["messages"] = incident.messages.all().delete()[0]
    removed["notes"] = incident.notes.all().delete()[0]
    for field in CLEARED_FIELDS:
        setattr(incident, field, "")
    incident.police_reference = ""
    if incident.notify_by == NotifyBy.OTHER:
        # The address they chose is gone; never fall back to the one they chose against.
        incident.notify_by = NotifyBy.NONE
    incident.visits.all().delete()  # when the reporter looked at it is theirs too
    incident.save(update_fields=[*CLEARED_FIELDS, "police_reference", "notify_by", "updated_at"])
    RetentionMark.objects.create(
        object_type="incidents.incident", object_id=str(incident.pk), reason=reason
    )
    return removed


def _erase_user(request):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.sessions.models import Session

    from homescan.models import ScanResult

    user = request.user
    counts = {"cases": 0, "scans": 0}
    for incident in Incident.objects.filter(reporter=user):
        if incident_anonymise(incident=incident, reason="erasure") is not None:
            counts["cases"] += 1
    counts["scans"] = (
        ScanResult.objects.filter(owner=user).delete()[1].get("homescan.ScanResult", 0)
    )
    Authenticator.objects.filter(user=user).delete()
    # allauth's copies of the address (and any pending change) go with the account's own.
    EmailAddress.objects.filter(user=user).delete()
    user.role_assignments.all().delete()
    user.email = f"verwijderd-{user.pk}@verwijderd.invalid"
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    # Sign the person out everywhere.
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    request.done_at = timezone.now()
    request.save(update_fields=["done_at"])
    return counts


def _carry_out_erasures(now):
    """Mail the reminder ERASURE_REMINDER_DAYS
    before an erasure is due, and carry out the confirmed requests whose grace period has
    passed and whose reminder went out at least ERASURE_REMINDER_DAYS ago (a reminder that
    was late postpones the erasure rather than being skipped). Returns how many were erased."""
    grace = timedelta(days=settings.ERASURE_GRACE_DAYS)
    notice = timedelta(days=settings.ERASURE_REMINDER_DAYS)
    open_requests = ErasureRequest.objects.filter(done_at__isnull=True, withdrawn_at__isnull=True)
    with transaction.atomic():
        notices.erasure_reminders_record(now)
    erased = 0
    due = open_requests.filter(confirmed_at__lt=now - grace, reminder_sent_at__lte=now - notice)
    for request in due.select_related("user"):
        with transaction.atomic():
            _erase_user(request)
        erased += 1
    return erased


def apply_retention(*, now=None):
    """Anonymise closed cases past the retention period and carry out due erasure requests.
    Safe to run any number of times; returns what it did."""
    now = now or timezone.now()
    report = {"cases_anonymised": 0, "messages": 0, "notes": 0, "evidence_files": 0,
              "erasures": 0}  # fmt: skip
    cutoff = now - timedelta(days=settings.RETENTION_CLOSED_CASE_DAYS)
    marked = {
        int(object_id)
        for object_id in RetentionMark.objects.filter(object_type="incidents.incident").values_list(
            "object_id", flat=True
        )
    }
    due = Incident.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff).exclude(pk__in=marked)
    for incident in due.iterator():
        removed = incident_anonymise(incident=incident, reason="retention")
        if removed is not None:
            report["cases_anonymised"] += 1
            for key, value in removed.items():
                report[key] += value
    report["erasures"] = _carry_out_erasures(now)
    logger.info("Retention: %s", report)
    return report
