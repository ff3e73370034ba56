"""Reads of the outbox: the delivery state staff see per object."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model

from .models import DeliveryAttempt, Notification

_ATTEMPT = {
    "a_id": "delivery_attempts__id",
    "a_number": "delivery_attempts__number",
    "a_started_at": "delivery_attempts__started_at",
    "a_finished_at": "delivery_attempts__finished_at",
    "a_outcome": "delivery_attempts__outcome",
    "a_error": "delivery_attempts__error",
}


def notifications_about(obj: Model) -> list[Notification]:
    """Every notice about `obj` with its attempt history, oldest first: one query, a row per
    attempt (joined), each notice's `delivery_attempts.all()` filled as a prefetch would."""
    # Any: the rows carry the annotations, and the loop fills the prefetch cache.
    rows: Any = (
        Notification.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("recipient")
        .annotate(**{name: F(path) for name, path in _ATTEMPT.items()})
        .order_by("created_at", "pk", "delivery_attempts__number")
    )
    notices: dict[int, Any] = {}
    attempts: dict[int, list[DeliveryAttempt]] = {}
    for row in rows:
        notice = notices.setdefault(row.pk, row)
        found = attempts.setdefault(row.pk, [])
        if row.a_id is not None:
            attempt = DeliveryAttempt(
                id=row.a_id,
                notification=notice,
                number=row.a_number,
                started_at=row.a_started_at,
                finished_at=row.a_finished_at,
                outcome=row.a_outcome,
                error=row.a_error,
            )
            attempt._state.adding = False
            attempt._state.db = row._state.db
            found.append(attempt)
    for pk, notice in notices.items():
        queryset: Any = notice.delivery_attempts.all()
        queryset._result_cache = attempts[pk]
        queryset._prefetch_done = True
        notice._prefetched_objects_cache = {"delivery_attempts": queryset}
    return list(notices.values())
