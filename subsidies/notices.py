"""Which change of a grant application notifies whom, through the portal's one outbox
(notifications/). The applicant's side (the griffier who started the application, or the
officeholder who applies to the security measures fund: `GrantApplication.notify_user`) hears
when BZK asks for more information, when a decision is sent, when the round is about to close
on their draft, and when the account (verantwoording) of a paid grant is due soon or overdue. A
mail holds a link and at most the application's reference: never an amount, a measure, the reason
for the request or the decision itself; the account reminders not even the reference.
`record_*` must run inside the transaction of the change."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import outbox
from notifications.kinds import Kind, register

from .models import ACCOUNT_REMINDER_PERIOD, Account, Decision, GrantApplication
from .workflow import Status


def _application_link(row):
    return reverse("subsidies:detail", args=[row.object_id])


def _recipient_may_open(row):
    return (
        row.recipient is not None
        and GrantApplication.objects.visible_to(row.recipient).filter(pk=row.object_id).exists()
    )


def _context(row):
    application = row.subject
    return {
        "reference": application.reference if application else "",
        "days": settings.GRANT_DEADLINE_NOTICE_DAYS,
    }


def _decision_still_wanted(row):
    return Decision.objects.filter(
        application_id=row.object_id, send_date__isnull=False
    ).exists() and _recipient_may_open(row)


def _decision_notified(row):
    Decision.objects.filter(application_id=row.object_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )


def _account_still_awaited(row):
    """Paid, no account sent in yet, and the recipient may still open the application."""
    return GrantApplication.objects.filter(
        pk=row.object_id, status=Status.PAID, account__isnull=True
    ).exists() and _recipient_may_open(row)


def _account_still_returned(row):
    return Account.objects.filter(
        application_id=row.object_id,
        application__status=Status.PAID,
        returned_at__isnull=False,
    ).exists() and _recipient_may_open(row)


def _draft_still_open(row):
    return GrantApplication.objects.filter(
        pk=row.object_id,
        status=Status.DRAFT,
        scheme__closes_on__gte=timezone.localdate(),
    ).exists() and _recipient_may_open(row)


DECISION = register(
    Kind(
        code="subsidies.decision",
        label=_("Besluit verstuurd"),
        subject_template="subsidies/email/decision_subject.txt",
        body_template="subsidies/email/decision_body.txt",
        link=_application_link,
        context=_context,
        still_wanted=_decision_still_wanted,
        on_sent=_decision_notified,
    )
)

INFO_REQUESTED = register(
    Kind(
        code="subsidies.info_requested",
        label=_("Aanvulling gevraagd"),
        subject_template="subsidies/email/info_requested_subject.txt",
        body_template="subsidies/email/info_requested_body.txt",
        link=_application_link,
        context=_context,
        still_wanted=_recipient_may_open,
    )
)

DEADLINE = register(
    Kind(
        code="subsidies.deadline",
        label=_("Regeling sluit binnenkort"),
        subject_template="subsidies/email/deadline_subject.txt",
        body_template="subsidies/email/deadline_body.txt",
        link=_application_link,
        context=_context,
        still_wanted=_draft_still_open,
    )
)


ACCOUNT_DUE_SOON = register(
    Kind(
        code="subsidies.account_due_soon",
        label=_("Verantwoording binnenkort"),
        subject_template="subsidies/email/account_due_soon_subject.txt",
        body_template="subsidies/email/account_due_soon_body.txt",
        link=_application_link,
        still_wanted=_account_still_awaited,
    )
)

ACCOUNT_OVERDUE = register(
    Kind(
        code="subsidies.account_overdue",
        label=_("Verantwoording te laat"),
        subject_template="subsidies/email/account_overdue_subject.txt",
        body_template="subsidies/email/account_overdue_body.txt",
        link=_application_link,
        still_wanted=_account_still_awaited,
    )
)


ACCOUNT_RETURNED = register(
    Kind(
        code="subsidies.account_returned",
        label=_("Vraag over de verantwoording"),
        subject_template="subsidies/email/account_returned_subject.txt",
        body_template="subsidies/email/account_returned_body.txt",
        link=_application_link,
        still_wanted=_account_still_returned,
    )
)


def record_decision_sent(decision):
    application = decision.application
    return outbox.record(kind=DECISION, subject=application, recipients=[application.notify_user])


def record_info_requested(application, event):
    """`event`: the ApplicationEvent of this request (BZK may ask more than once)."""
    return outbox.record(
        kind=INFO_REQUESTED,
        subject=application,
        recipients=[application.notify_user],
        event=f"event:{event.pk}",
    )


def record_account_returned(application, question):
    """`question`: the AccountQuestion (BZK may send the account back more than once)."""
    return outbox.record(
        kind=ACCOUNT_RETURNED,
        subject=application,
        recipients=[application.notify_user],
        event=f"question:{question.pk}",
    )


def drafts_near_their_deadline(today=None):
    """Drafts of a round that closes within GRANT_DEADLINE_NOTICE_DAYS (today included)."""
    today = today or timezone.localdate()
    return GrantApplication.objects.filter(
        status=Status.DRAFT,
        via_griffie=False,
        scheme__closes_on__gte=today,
        scheme__closes_on__lte=today + timedelta(days=settings.GRANT_DEADLINE_NOTICE_DAYS),
    ).select_related("scheme", "applicant", "created_by")


def record_deadlines(today=None):
    """One notice per draft and closing date (a round whose closing date moves is a new
    deadline); running again records nothing new. Returns the ids of the rows written."""
    written = []
    for application in drafts_near_their_deadline(today):
        with transaction.atomic():
            written += outbox.record(
                kind=DEADLINE,
                subject=application,
                recipients=[application.notify_user],
                event=f"closes:{application.scheme.closes_on.isoformat()}",
            )
    return written


def accounts_awaited(today=None):
    """Paid grants without an account whose due date is within ACCOUNT_REMINDER_PERIOD or past."""
    today = today or timezone.localdate()
    return GrantApplication.objects.filter(
        status=Status.PAID,
        account__isnull=True,
        account_due_on__lte=today + ACCOUNT_REMINDER_PERIOD,
    ).select_related("applicant", "created_by")


def record_account_reminders(today=None):
    """A reminder ACCOUNT_REMINDER_PERIOD before the account is due, and another once the due
    date has passed; each once per due date (a date BZK moves is a new one), so running again
    records nothing new. Returns the ids of the rows written."""
    today = today or timezone.localdate()
    written = []
    for application in accounts_awaited(today):
        kind = ACCOUNT_OVERDUE if application.account_due_on < today else ACCOUNT_DUE_SOON
        with transaction.atomic():
            written += outbox.record(
                kind=kind,
                subject=application,
                recipients=[application.notify_user],
                event=f"due:{application.account_due_on.isoformat()}",
            )
    return written


def _consent_still_awaited(row):
    return GrantApplication.objects.filter(
        pk=row.object_id, consent="pending", applicant_id=row.recipient_id
    ).exists()


CONSENT_REQUESTED = register(
    Kind(
        code="subsidies.consent_requested",
        label=_("Toestemming gevraagd voor een aanvraag namens u"),
        subject_template="subsidies/email/consent_requested_subject.txt",
        body_template="subsidies/email/consent_requested_body.txt",
        link=_application_link,
        still_wanted=_consent_still_awaited,
    )
)


def record_consent_requested(application):
    """To the officeholder: a chair started a fund application on their behalf (a link only,
    no name of the chair, no measure)."""
    return outbox.record(
        kind=CONSENT_REQUESTED, subject=application, recipients=[application.applicant]
    )
