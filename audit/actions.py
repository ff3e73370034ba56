"""Every change to an erasure request goes through these functions.

Flow: the person asks with their password (erasure_request) -> a signed link that expires after
ERASURE_CONFIRM_HOURS goes to the account's address -> the person confirms through it while
signed in (erasure_confirm) -> a reminder is mailed ERASURE_REMINDER_DAYS before the erasure
(audit.retention) -> ERASURE_GRACE_DAYS after the confirmation the retention task carries it out.
Until then erasure_withdraw cancels it. The mails hold a link and dates, nothing else.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import notices
from .models import ErasureRequest
from .permissions import may_request_erasure


class ErasureNotOpen(Exception):
    """The request was withdrawn, carried out or already confirmed."""


def erasure_request(*, actor) -> ErasureRequest:
    """Start an erasure request for `actor` (whose password the caller has checked) and mail
    the confirmation link. An earlier request that was never confirmed is replaced (its link
    may have expired); a confirmed one stays and is returned unchanged."""
    if not may_request_erasure(actor):
        raise PermissionDenied
    with transaction.atomic():
        now = timezone.now()
        current = (
            ErasureRequest.objects.select_for_update()
            .filter(user=actor, withdrawn_at__isnull=True, done_at__isnull=True)
            .first()
        )
        if current is not None and current.confirmed_at is not None:
            return current
        if current is not None:
            current.withdrawn_at = now
            current.save(update_fields=["withdrawn_at"])
        request = ErasureRequest.objects.create(user=actor, requested_at=now)
        notices.erasure_confirmation_record(request)
    return request


def erasure_confirm(*, actor, request) -> ErasureRequest:
    """Confirm `request` (the person followed the link in the e-mail): the grace period
    starts now. Only the person who asked can confirm, once."""
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if request.user_id != actor.pk:
            raise PermissionDenied
        if request.withdrawn_at or request.done_at or request.confirmed_at:
            raise ErasureNotOpen
        request.confirmed_at = timezone.now()
        request.save(update_fields=["confirmed_at"])
    return request


def erasure_withdraw(*, actor, request) -> ErasureRequest:
    """Cancel `request`; nothing is erased."""
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if request.user_id != actor.pk:
            raise PermissionDenied
        if request.withdrawn_at or request.done_at:
            raise ErasureNotOpen
        request.withdrawn_at = timezone.now()
        request.save(update_fields=["withdrawn_at"])
    return request
