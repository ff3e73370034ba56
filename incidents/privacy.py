"""What the incidents app keeps of a person, and for how long (the hook audit.retention calls;
table in docs/privacy.md).

- A closed case older than RETENTION_CLOSED_CASE_DAYS (730) loses its personal content: the
  encrypted free text (description, perpetrator, impact), the phone number, another address for
  notices and police registration number, every message and internal note, every evidence file
  (removed from storage) and the reporter's visits. What the monitor counts stays: kinds,
  channel, office type, government body, municipality, dates and status. The audit trail (no
  content) stays.
- A draft that was never sent in and not touched for RETENTION_DRAFT_CASE_DAYS (365) is
  anonymised the same way.
- An erasure anonymises all the person's reports in the same way, whatever their state, and
  the reports of colleagues about them (as a witness or on their behalf).
- Deployment records and preparation requests: see deployments/privacy.py.

Each anonymised case gets a RetentionMark, which makes the hook idempotent.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from audit.models import RetentionMark

from .deployments.privacy import case_records_clear, preparations_erase, preparations_retain
from .models import Incident, NotifyBy
from .workflow import Status

OBJECT_TYPE = "incidents.incident"
CLEARED_FIELDS = ["description", "perpetrator_details", "impact", "contact_phone", "notify_address"]


def _already(incident):
    return RetentionMark.objects.filter(
        object_type=OBJECT_TYPE, object_id=str(incident.pk)
    ).exists()


@transaction.atomic
def incident_anonymise(*, incident, reason):
    """Remove a case's personal content; returns what was removed (counts), or None when it
    was removed before."""
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
    case_records_clear(incident)  # the deployment records' free text (deployments/privacy.py)
    incident.save(update_fields=[*CLEARED_FIELDS, "police_reference", "notify_by", "updated_at"])
    RetentionMark.objects.create(object_type=OBJECT_TYPE, object_id=str(incident.pk), reason=reason)
    return removed


def _anonymise_all(incidents, *, reason):
    counts = {"cases_anonymised": 0, "messages": 0, "notes": 0, "evidence_files": 0}
    marked = RetentionMark.objects.filter(object_type=OBJECT_TYPE).values_list("object_id")
    for incident in incidents.exclude(pk__in=_as_ids(marked)).iterator():
        removed = incident_anonymise(incident=incident, reason=reason)
        if removed is not None:
            counts["cases_anonymised"] += 1
            for key, value in removed.items():
                counts[key] += value
    return counts


def _as_ids(object_ids):
    return {int(object_id) for (object_id,) in object_ids}


def retain(*, now):
    closed = now - timedelta(days=settings.RETENTION_CLOSED_CASE_DAYS)
    counts = _anonymise_all(
        Incident.objects.filter(status=Status.CLOSED, closed_at__lt=closed), reason="retention"
    )
    untouched = now - timedelta(days=settings.RETENTION_DRAFT_CASE_DAYS)
    drafts = _anonymise_all(
        Incident.objects.filter(status=Status.DRAFT, updated_at__lt=untouched), reason="retention"
    )
    counts["drafts_anonymised"] = drafts.pop("cases_anonymised")
    for key, value in drafts.items():
        counts[key] += value
    counts["preparations_anonymised"] = preparations_retain(now=now)
    return counts


def erase(*, user):
    # A colleague's report about them (as a witness or on their behalf) is about them too.
    cases = Incident.objects.filter(Q(reporter=user) | Q(concerned_person=user))
    counts = _anonymise_all(cases, reason="erasure")
    return {
        "erased_cases": counts["cases_anonymised"],
        "erased_preparations": preparations_erase(user=user),
    }
