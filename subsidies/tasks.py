"""Mail about grant decisions. Tasks take ids only and are safe to run twice."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Decision


@shared_task(bind=True, acks_late=True, max_retries=8, default_retry_delay=30)
def send_decision_notice(self, decision_id):
    """Tell the applicant a decision was sent: a link only, no amounts, no content."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("application__created_by", "application__applicant")
            .filter(pk=decision_id)
            .first()
        )
        if decision is None or decision.notified_at or not decision.is_sent:
            return "skipped"
        application = decision.application
        link = settings.SITE_URL + reverse("subsidies:detail", args=[application.pk])
        context = {"link": link}
        try:
            send_mail(
                subject=render_to_string("subsidies/email/decision_subject.txt", context).strip(),
                message=render_to_string("subsidies/email/decision_body.txt", context),
                from_email=None,
                recipient_list=[application.notify_user.email],
            )
        except OSError as error:
            raise self.retry(
                exc=error, countdown=min(30 * 2**self.request.retries, 3600)
            ) from error
        decision.notified_at = timezone.now()
        decision.save(update_fields=["notified_at"])
    return "sent"


@shared_task(acks_late=True)
def send_pending_decision_notices():
    """Periodic relay: every sent decision whose notice never went out."""
    pending = Decision.objects.filter(
        send_date__isnull=False,
        notified_at__isnull=True,
        created_at__lt=timezone.now() - timedelta(minutes=1),
    )
    for decision_id in pending.values_list("pk", flat=True):
        send_decision_notice.delay(decision_id)
