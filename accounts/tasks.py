"""Mail about accounts. Tasks take ids only and are safe to run twice."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User


@shared_task(bind=True, acks_late=True, max_retries=8, default_retry_delay=30)
def send_invitation_email(self, invitation_id):
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(pk=invitation_id).first()
        if invitation is None or invitation.email_sent_at or not invitation.is_open:
            return "skipped"
        link = settings.SITE_URL + reverse("accounts:invitation_accept", args=[invitation.token])
        context = {
            "link": link,
            "expires_at": invitation.expires_at,
            "role": invitation.get_role_display(),
        }
        # The inviter was told the same whatever the address; here, out of their sight, an
        # existing account is told to log in and confirm instead of making a second account.
        has_account = User.objects.filter(email__iexact=invitation.email).exists()
        template = "invitation_existing" if has_account else "invitation"
        try:
            send_mail(
                subject=render_to_string(f"accounts/email/{template}_subject.txt", context).strip(),
                message=render_to_string(f"accounts/email/{template}_body.txt", context),
                from_email=None,
                recipient_list=[invitation.email],
            )
        except OSError as error:
            raise self.retry(
                exc=error, countdown=min(30 * 2**self.request.retries, 3600)
            ) from error
        invitation.email_sent_at = timezone.now()
        invitation.save(update_fields=["email_sent_at"])
    return "sent"


@shared_task(acks_late=True)
def send_pending_invitation_emails():
    """Periodic relay: send every open invitation whose e-mail never went out."""
    pending = Invitation.objects.open().filter(
        email_sent_at__isnull=True, created_at__lt=timezone.now() - timedelta(minutes=1)
    )
    for invitation_id in pending.values_list("pk", flat=True):
        send_invitation_email.delay(invitation_id)
