"""The mails of an erasure request, through the portal's one outbox: the confirmation link and
the reminder before the erasure. They hold a link and dates, nothing else."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from notifications import outbox
from notifications.kinds import Kind, register

from .models import ErasureRequest


def _confirm_link(row):
    token = signing.dumps(row.object_id, salt=ErasureRequest.TOKEN_SALT)
    return f"{reverse('audit:erasure')}?{urlencode({'bevestig': token})}"


def _confirm_wanted(row):
    request = row.subject
    return (
        request is not None
        and not (request.withdrawn_at or request.done_at or request.confirmed_at)
        and row.recipient_id == request.user_id
    )


def _reminder_wanted(row):
    request = row.subject
    return (
        request is not None
        and request.confirmed_at is not None
        and not (request.withdrawn_at or request.done_at)
        and row.recipient_id == request.user_id
    )


def _mark(field):
    def on_sent(row):
        ErasureRequest.objects.filter(pk=row.object_id, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )

    return on_sent


CONFIRM = register(
    Kind(
        code="audit.erasure_confirm",
        label=_("Bevestiging van een verwijderverzoek"),
        subject_template="audit/email/erasure_confirm_subject.txt",
        body_template="audit/email/erasure_confirm_body.txt",
        link=_confirm_link,
        context=lambda row: {"hours": settings.ERASURE_CONFIRM_HOURS},
        still_wanted=_confirm_wanted,
        on_sent=_mark("confirmation_sent_at"),
    )
)
REMINDER = register(
    Kind(
        code="audit.erasure_reminder",
        label=_("Herinnering: het account wordt verwijderd"),
        subject_template="audit/email/erasure_reminder_subject.txt",
        body_template="audit/email/erasure_reminder_body.txt",
        link=lambda row: reverse("audit:erasure"),
        context=lambda row: {"due_at": row.subject.due_at},
        still_wanted=_reminder_wanted,
        on_sent=_mark("reminder_sent_at"),
    )
)


def erasure_confirmation_record(request):
    """Inside the transaction that made the request."""
    return outbox.record(kind=CONFIRM, subject=request, recipients=[request.user])


def erasure_reminders_record(now):
    """Record the reminder of every confirmed request whose erasure comes within
    ERASURE_REMINDER_DAYS (once per request: recording it again adds nothing)."""
    grace = timedelta(days=settings.ERASURE_GRACE_DAYS)
    notice = timedelta(days=settings.ERASURE_REMINDER_DAYS)
    due = ErasureRequest.objects.filter(
        done_at__isnull=True,
        withdrawn_at__isnull=True,
        confirmed_at__lte=now - grace + notice,
        reminder_sent_at__isnull=True,
    ).select_related("user")
    for request in due:
        outbox.record(kind=REMINDER, subject=request, recipients=[request.user])
