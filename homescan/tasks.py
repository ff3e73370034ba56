"""Mail to griffiers about measures waiting in a draft. Tasks take ids only, run twice safely."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import FundRequestNotice


@shared_task(bind=True, acks_late=True, max_retries=8, default_retry_delay=30)
def send_fund_request_notice(self, notice_id):
    """A link to the draft application; nothing about the officeholder or their home.

    No longer written: the fund goes from the officeholder straight to BZK. A notice left
    unsent from before is skipped unless its recipient may open the application, so no
    griffier is ever told about an officeholder's request to the fund."""
    with transaction.atomic():
        notice = (
            FundRequestNotice.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None or notice.sent_at:
            return "skipped"
        if not _recipient_may_open(notice):
            notice.delete()  # withdrawn: the relay must not pick it up again
            return "skipped"
        context = {
            "link": settings.SITE_URL + reverse("subsidies:detail", args=[notice.application_id])
        }
        with translation.override("nl"):
            subject = render_to_string("homescan/email/fund_request_subject.txt", context)
            body = render_to_string("homescan/email/fund_request_body.txt", context)
        try:
            send_mail(
                subject=subject.strip(),
                message=body,
                from_email=None,
                recipient_list=[notice.recipient.email],
            )
        except OSError as error:
            raise self.retry(
                exc=error, countdown=min(30 * 2**self.request.retries, 3600)
            ) from error
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return "sent"


def _recipient_may_open(notice):
    from subsidies.models import GrantApplication

    return (
        GrantApplication.objects.visible_to(notice.recipient)
        .filter(pk=notice.application_id)
        .exists()
    )


@shared_task(acks_late=True)
def send_pending_fund_request_notices():
    """Periodic relay: every notice that was never sent (e.g. Redis was down at the time)."""
    pending = FundRequestNotice.objects.filter(
        sent_at__isnull=True, created_at__lt=timezone.now() - timedelta(minutes=1)
    )
    for notice_id in pending.values_list("pk", flat=True):
        send_fund_request_notice.delay(notice_id)
