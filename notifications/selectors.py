"""Reads of the outbox: the delivery state staff see per object."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch

from .models import DeliveryAttempt, Notification


def notifications_about(obj: Model) -> list[Notification]:
    """Every notice about `obj` with its attempt history, oldest first (two queries)."""
    return list(
        Notification.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("recipient")
        .prefetch_related(
            Prefetch("delivery_attempts", queryset=DeliveryAttempt.objects.order_by("number"))
        )
        .order_by("created_at", "pk")
    )
