"""What the deployment records and preparation requests keep, and for how long (called from
incidents.privacy, the app's hook for audit.retention; table in docs/privacy.md).

- When a case is anonymised (retention or the reporter's erasure), the free text of its
  deployment records goes too: place, what was done, outcome, agreements. Kind, members and
  times stay (who was deployed when is part of the case's history).
- A preparation request whose meeting lies more than RETENTION_CLOSED_CASE_DAYS back, or every
  request of a person who is erased, loses its free text (place, subject, earlier incidents,
  scenario, agreements, what happened) and that of its deployment records. Each gets a
  RetentionMark, so the hook is idempotent.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from audit.models import RetentionMark

from .models import Deployment, PreparationRequest

RECORD_TEXT = ["place", "what_was_done", "outcome", "agreements"]
REQUEST_TEXT = ["place", "subject", "earlier_incidents", "scenario", "agreements", "what_happened"]
OBJECT_TYPE = "incidents.preparationrequest"


def _clear_records(records) -> int:
    cleared = 0
    for record in records:
        for field in RECORD_TEXT:
            setattr(record, field, "")
        record.save(update_fields=[*RECORD_TEXT, "updated_at"])
        cleared += 1
    return cleared


def case_records_clear(incident) -> int:
    """Clear the free text of a case's deployment records (inside the case's anonymisation)."""
    return _clear_records(Deployment.objects.filter(incident=incident))


@transaction.atomic
def _preparation_anonymise(preparation, *, reason) -> bool:
    preparation = PreparationRequest.objects.select_for_update().get(pk=preparation.pk)
    marked = RetentionMark.objects.filter(object_type=OBJECT_TYPE, object_id=str(preparation.pk))
    if marked.exists():
        return False
    for field in REQUEST_TEXT:
        setattr(preparation, field, "")
    preparation.save(update_fields=[*REQUEST_TEXT, "updated_at"])
    _clear_records(Deployment.objects.filter(preparation=preparation))
    RetentionMark.objects.create(
        object_type=OBJECT_TYPE, object_id=str(preparation.pk), reason=reason
    )
    return True


def _anonymise_all(preparations, *, reason) -> int:
    marked = RetentionMark.objects.filter(object_type=OBJECT_TYPE).values_list(
        "object_id", flat=True
    )
    done = 0
    for preparation in preparations.exclude(pk__in=[int(pk) for pk in marked]).iterator():
        done += _preparation_anonymise(preparation, reason=reason)
    return done


def preparations_retain(*, now) -> int:
    before = now - timedelta(days=settings.RETENTION_CLOSED_CASE_DAYS)
    return _anonymise_all(
        PreparationRequest.objects.filter(meeting_starts_at__lt=before), reason="retention"
    )


def preparations_erase(*, user) -> int:
    return _anonymise_all(PreparationRequest.objects.filter(requester=user), reason="erasure")
