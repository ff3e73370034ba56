"""What the audit app keeps of a person, and for how long (its own hook, called by
audit.retention like every app's; table in docs/privacy.md).

- The access trail (who read or changed which object, when; never content) is append-only and
  is kept: it is how a reporter sees who read their case. After an erasure its rows point to
  the anonymous account.
- An erasure request that was withdrawn, or never confirmed, is deleted
  ERASURE_REQUEST_KEEP_DAYS after it was made; a carried-out request stays as the record that
  the erasure was done (it points to the anonymous account only).
- Retention marks hold no personal data and stay.
"""

from datetime import timedelta

from django.db.models import Q

from .models import ErasureRequest

ERASURE_REQUEST_KEEP_DAYS = 365


def _abandoned():
    return ErasureRequest.objects.filter(
        Q(withdrawn_at__isnull=False) | Q(confirmed_at__isnull=True), done_at__isnull=True
    )


def retain(*, now):
    old = _abandoned().filter(requested_at__lt=now - timedelta(days=ERASURE_REQUEST_KEEP_DAYS))
    return {"erasure_requests_deleted": old.delete()[0]}


def erase(*, user):
    return {"erasure_requests": _abandoned().filter(user=user).delete()[0]}
