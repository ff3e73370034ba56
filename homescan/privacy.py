"""What the home scan app keeps of a person, and for how long (the hook audit.retention calls;
table in docs/privacy.md).

- A home scan (the answers about a person's home and habits) is deleted HOME_SCAN_KEEP_DAYS
  after it was filled in: by then the advice is out of date and the person fills in a new one.
  A fund request made from it lives on as the fund application (subsidies/privacy.py).
- The risk analysis of a starterspakket holds a copy of the scan's level (not its answers), so
  it outlives a deleted scan; it goes with the kit.
- An erasure deletes all the person's scans and their starterspakket (with its risk analysis).
"""

from datetime import timedelta

from .models import ScanResult, StarterKit

HOME_SCAN_KEEP_DAYS = 730


def _deleted(queryset, model):
    return queryset.delete()[1].get(model._meta.label, 0)


def retain(*, now):
    old = ScanResult.objects.filter(created_at__lt=now - timedelta(days=HOME_SCAN_KEEP_DAYS))
    return {"scans_deleted": _deleted(old, ScanResult)}


def erase(*, user):
    return {
        "scans": _deleted(ScanResult.objects.filter(owner=user), ScanResult),
        "starter_kits": _deleted(StarterKit.objects.filter(mayor=user), StarterKit),
    }
