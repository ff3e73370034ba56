"""Retention (AVG/GDPR art. 5(1)(e)) and erasure (art. 17): the runner.

What is removed, and when, is each app's own business, written in that app's `privacy.py`
(docs/privacy.md lists every kind of personal data, its period and its test). Such a module
may define:

- `retain(*, now) -> dict[str, int]`: anonymise or remove what is past its retention period.
  Idempotent; returns counts of what it did.
- `erase(*, user) -> dict[str, int]`: remove what an erasure of this person removes.

The modules are found with `autodiscover_modules("privacy")`, so audit imports no app above
it. Retention runs the hooks in INSTALLED_APPS order; an erasure runs them in reverse, the apps
of the higher layers first and accounts last: until then the account still has its address,
by which invitations and other rows of the person are found.

An erasure request (made with the password, confirmed through a link in an e-mail, see
audit/actions.py) is carried out ERASURE_GRACE_DAYS after its confirmation, once a reminder
went out at least ERASURE_REMINDER_DAYS before (the person can withdraw it until then).

`apply_retention()` is idempotent and returns counts, never content.
"""

import logging
import sys
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from . import notices
from .models import ErasureRequest

logger = logging.getLogger(__name__)

# Counts the daily log always shows (zero or not); any other count only when something was done.
HEADLINE_COUNTS = ("cases_anonymised", "messages", "notes", "evidence_files", "erasures")


class RetentionReport(dict):
    """Counts by name; a count nothing contributed to reads as 0."""

    def __missing__(self, key):
        return 0

    def add(self, counts):
        for key, value in (counts or {}).items():
            if value:
                self[key] = self.get(key, 0) + value


def privacy_modules():
    """Every installed app's privacy.py, in INSTALLED_APPS order."""
    autodiscover_modules("privacy")
    names = (f"{config.name}.privacy" for config in apps.get_app_configs())
    return [sys.modules[name] for name in names if name in sys.modules]


def retention_hooks():
    return [module.retain for module in privacy_modules() if hasattr(module, "retain")]


def erasure_hooks():
    return [module.erase for module in reversed(privacy_modules()) if hasattr(module, "erase")]


def _erase_user(request):
    """Carry out one confirmed erasure request: every app's erasure hook, then the mark."""
    counts = RetentionReport()
    for erase in erasure_hooks():
        counts.add(erase(user=request.user))
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
    """Run every app's retention hook and carry out due erasure requests. Safe to run any
    number of times; returns what it did (counts)."""
    now = now or timezone.now()
    report = RetentionReport.fromkeys(HEADLINE_COUNTS, 0)
    for retain in retention_hooks():
        report.add(retain(now=now))
    report["erasures"] = _carry_out_erasures(now)
    logger.info("Retention: %s", dict(report))
    return report
