from celery import shared_task
from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

CONFIRM = "confirm"
REMINDER = "reminder"


@shared_task(acks_late=True)
def apply_retention():
    """Celery beat entry point: anonymise closed cases past retention, carry out erasures."""
    from .retention import apply_retention as run

    return run()


@shared_task(bind=True, acks_late=True, max_retries=8, default_retry_delay=30)
def send_erasure_email(self, request_id, kind):
    """Mail the confirmation link or the reminder of an erasure request. Takes ids only, safe
    to run twice (a sent mark per kind); the retention task relays what was never sent."""
    from .models import ErasureRequest

    with transaction.atomic():
        request = (
            ErasureRequest.objects.select_for_update()
            .select_related("user")
            .filter(pk=request_id)
            .first()
        )
        if request is None or request.withdrawn_at or request.done_at:
            return "skipped"
        if kind == CONFIRM:
            if request.confirmation_sent_at or request.confirmed_at:
                return "skipped"
            token = signing.dumps(request.pk, salt=ErasureRequest.TOKEN_SALT)
            query = urlencode({"bevestig": token})
            context = {
                "link": f"{settings.SITE_URL}{reverse('audit:erasure')}?{query}",
                "hours": settings.ERASURE_CONFIRM_HOURS,
            }
            mark = "confirmation_sent_at"
        elif kind == REMINDER:
            if request.reminder_sent_at or not request.confirmed_at:
                return "skipped"
            context = {
                "due_at": request.due_at,
                "link": settings.SITE_URL + reverse("audit:erasure"),
            }
            mark = "reminder_sent_at"
        else:
            raise ValueError(kind)
        try:
            send_mail(
                subject=render_to_string(
                    f"audit/email/erasure_{kind}_subject.txt", context
                ).strip(),
                message=render_to_string(f"audit/email/erasure_{kind}_body.txt", context),
                from_email=None,
                recipient_list=[request.user.email],
            )
        except OSError as error:
            raise self.retry(
                exc=error, countdown=min(30 * 2**self.request.retries, 3600)
            ) from error
        setattr(request, mark, timezone.now())
        request.save(update_fields=[mark])
    return "sent"
