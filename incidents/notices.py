"""Which change notifies whom. Notices carry a reference and a link, never the content of the
report, the reporter's name or address.

`record()` writes the outbox rows inside the caller's transaction and queues their delivery
after commit; `deliver()` sends one locked row and marks it, and is what the task and the
periodic relay both call.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role, User

from .models import Notice, NoticeKind, NoticeState

logger = logging.getLogger(__name__)

# The Ondersteuningsteam hears of a new, urgent or escalated case; a deployed member of their
# deployment; the reporter gets a confirmation.
TEAM_KINDS = frozenset({NoticeKind.SUBMITTED, NoticeKind.URGENT, NoticeKind.ESCALATED})


def support_team():
    return User.objects.filter(is_active=True, role_assignments__role=Role.SUPPORT_TEAM).distinct()


def record(incident, kind, recipients=None):
    """Write the notices for `kind` (one per recipient, never twice) and queue them after
    commit. Must run inside the transaction of the change."""
    if recipients is None:
        recipients = list(support_team()) if kind in TEAM_KINDS else []
    created = []
    for recipient in recipients:
        try:
            with transaction.atomic():
                notice, new = Notice.objects.get_or_create(
                    incident=incident, kind=kind, recipient=recipient
                )
        except IntegrityError:  # a concurrent change recorded it first
            continue
        if new:
            created.append(notice.pk)
    for notice_id in created:
        queue_after_commit(notice_id)
    return created


def queue_after_commit(notice_id):
    """Queue delivery once the transaction commits, without the request waiting on Redis:
    the broker call runs in a background thread (in-process when tasks run eagerly). If it
    fails, the notice stays queued and the periodic relay sends it."""
    from weerbaar.celery import app

    from .tasks import send_notice

    def publish():
        try:
            send_notice.apply_async(args=[notice_id], retry=False)
        except Exception:  # noqa: BLE001 - broker down: the relay picks it up
            logger.warning("Could not queue notice %s now; the relay will send it.", notice_id)

    def after_commit():
        if app.conf.task_always_eager:
            publish()
        else:
            threading.Thread(target=publish, name=f"notice-{notice_id}", daemon=True).start()

    transaction.on_commit(after_commit)


def backoff(attempts):
    """Seconds to wait after the n-th failed attempt: 30 s, 1 min, 2 min, ... at most 1 h."""
    return min(30 * 2 ** max(attempts - 1, 0), 3600)


def link_for(notice):
    from .models import SupportDeployment

    incident = notice.incident
    # The reporter and a deployed member go to the case; the rest of the team to their
    # overview, since they may not open a case they are not deployed on.
    opens_case = notice.kind in (NoticeKind.CONFIRMATION, NoticeKind.DEPLOYED) or (
        SupportDeployment.objects.filter(incident=incident, member_id=notice.recipient_id).exists()
    )
    if opens_case:
        path = reverse("incidents:detail", args=[incident.pk])
    else:
        path = reverse("incidents:support")
    return settings.SITE_URL + path


def deliver(notice):
    """Send one notice whose row the caller holds locked. Returns True when sent; on a mail
    failure records the attempt and the next try, and returns False."""
    if notice.sent_at is not None or notice.state == NoticeState.FAILED:
        return False
    context = {
        "reference": notice.incident.reference,
        "link": link_for(notice),
        "urgent": notice.incident.urgent,
        "kind": notice.kind,
    }
    recipient = notice.recipient
    with translation.override("nl"):
        subject = render_to_string("incidents/email/notice_subject.txt", context).strip()
        body = render_to_string(f"incidents/email/{notice.kind}_body.txt", context)
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[recipient.email])
    except OSError as error:
        notice.attempts += 1
        notice.last_error = type(error).__name__[:200]
        if notice.attempts >= Notice.MAX_ATTEMPTS:
            notice.state = NoticeState.FAILED
        notice.next_attempt_at = timezone.now() + timedelta(seconds=backoff(notice.attempts))
        notice.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
        logger.warning("Notice %s failed (attempt %s).", notice.pk, notice.attempts)
        return False
    notice.attempts += 1
    notice.state = NoticeState.SENT
    notice.sent_at = timezone.now()
    notice.last_error = ""
    notice.save(update_fields=["attempts", "state", "sent_at", "last_error"])
    return True
