"""Writes of the monitor: releasing a closed year's shared figures."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User

from . import aggregate
from .models import SharedRelease
from .shared import release_due_on, release_figures, years_due


class ReleaseNotDue(Exception):
    """The year has not ended, or not long enough ago (MONITOR_SHARED_DELAY_DAYS)."""


def shared_release_publish(
    *, year: int, actor: User | None = None, today: date | None = None
) -> SharedRelease:
    """Freeze and publish the shared figures of `year`.

    Precondition: the year ended at least MONITOR_SHARED_DELAY_DAYS ago (else ReleaseNotDue).
    Effect: the year's months are recomputed from the reports, the protected figures are stored,
    and from then on the shared monitor shows exactly these, whatever happens to the reports.
    A year that already has a release keeps it (the existing release is returned): published
    figures never change, so two moments can never be compared. `actor` is None for the beat.
    """
    today = today or timezone.localdate()
    if release_due_on(year) > today:
        raise ReleaseNotDue(year)
    existing = SharedRelease.objects.filter(year=year).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            aggregate.refresh(months=[date(year, month, 1) for month in range(1, 13)])
            return SharedRelease.objects.create(
                year=year, released_at=timezone.now(), figures=release_figures(year)
            )
    except IntegrityError:  # another worker released it at the same moment
        return SharedRelease.objects.get(year=year)


def shared_releases_publish_due(
    *, actor: User | None = None, today: date | None = None
) -> list[int]:
    """Publish every closed year whose delay has passed and that has no release yet."""
    return [
        shared_release_publish(year=year, actor=actor, today=today).year
        for year in years_due(today)
    ]
