"""Which change in the learning network notifies whom, through the portal's one outbox
(notifications/). A mail holds a link into the portal and nothing else: not the body or
organisation a request was for, nor a meeting's title, date or place.

Mentions: a participant named in a question, an experience or an answer hears that they were
mentioned, with a link to the thread; the mail holds neither the thread's title nor its text,
nor who wrote it."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import outbox
from notifications.kinds import Kind, register

from .models import (
    Meeting,
    MeetingRegistration,
    MeetingRegistrationStatus,
    ParticipationRequest,
    RequestStatus,
)
from .models.meetings import TAKING_A_PLACE
from .selectors.membership import seat_of


def _request_link(row):
    return reverse("learning:join")


def _request_still(status):
    def wanted(row):
        return ParticipationRequest.objects.filter(pk=row.object_id, status=status).exists()

    return wanted


def _request_kind(code, label, status):
    return register(
        Kind(
            code=f"learning.request_{code}",
            label=label,
            subject_template="learning/email/request_subject.txt",
            body_template="learning/email/request_body.txt",
            link=_request_link,
            still_wanted=_request_still(status),
        )
    )


REQUEST_APPROVED = _request_kind(
    "approved", _("Besluit over deelname aan het leernetwerk"), RequestStatus.APPROVED
)
REQUEST_REFUSED = _request_kind(
    "refused", _("Besluit over deelname aan het leernetwerk (afgewezen)"), RequestStatus.REFUSED
)


def record_request_decided(request):
    """The requester hears that BZK decided (inside the decision's transaction)."""
    if request.requested_by is None:
        return []
    kind = REQUEST_APPROVED if request.status == RequestStatus.APPROVED else REQUEST_REFUSED
    return outbox.record(kind=kind, subject=request, recipients=[request.requested_by])


def _meeting_link(row):
    registration = MeetingRegistration.objects.get(pk=row.object_id)
    return reverse("learning:meeting", args=[registration.meeting_id])


def _registration_still(statuses):
    def wanted(row):
        return MeetingRegistration.objects.filter(
            pk=row.object_id, status__in=statuses, meeting__cancelled_at__isnull=True
        ).exists()

    return wanted


def _meeting_kind(code, label, statuses):
    return register(
        Kind(
            code=f"learning.meeting_{code}",
            label=label,
            subject_template="learning/email/meeting_subject.txt",
            body_template="learning/email/meeting_body.txt",
            link=_meeting_link,
            context=lambda row: {"what": code},
            still_wanted=_registration_still(statuses),
        )
    )


CONFIRMED = _meeting_kind("confirmed", _("Aanmelding voor een bijeenkomst"), TAKING_A_PLACE)
WAITING = _meeting_kind(
    "waiting",
    _("Op de wachtlijst van een bijeenkomst"),
    (MeetingRegistrationStatus.WAITING,),
)
MOVED_UP = _meeting_kind(
    "moved_up", _("Van de wachtlijst naar een plaats bij een bijeenkomst"), TAKING_A_PLACE
)
REMINDER = _meeting_kind(
    "reminder",
    _("Herinnering aan een bijeenkomst van het leernetwerk"),
    (MeetingRegistrationStatus.CONFIRMED,),
)


def _meeting_still_cancelled(row):
    return MeetingRegistration.objects.filter(
        pk=row.object_id, meeting__cancelled_at__isnull=False
    ).exists()


CANCELLED = register(
    Kind(
        code="learning.meeting_cancelled",
        label=_("Een bijeenkomst van het leernetwerk gaat niet door"),
        subject_template="learning/email/meeting_subject.txt",
        body_template="learning/email/meeting_body.txt",
        link=_meeting_link,
        context=lambda row: {"what": "cancelled"},
        still_wanted=_meeting_still_cancelled,
    )
)

BY_STATUS = {
    MeetingRegistrationStatus.CONFIRMED: CONFIRMED,
    MeetingRegistrationStatus.WAITING: WAITING,
}


def record_registered(registration):
    return outbox.record(
        kind=BY_STATUS[registration.status], subject=registration, recipients=[registration.user]
    )


def record_moved_up(registration):
    return outbox.record(kind=MOVED_UP, subject=registration, recipients=[registration.user])


def record_cancelled(meeting):
    """Everyone with a place or on the waiting list hears that the meeting does not go on
    (inside the cancellation's transaction): one notice per registration, a link only."""
    written = []
    for registration in MeetingRegistration.objects.filter(
        meeting=meeting,
        status__in=(MeetingRegistrationStatus.CONFIRMED, MeetingRegistrationStatus.WAITING),
    ).select_related("user"):
        written += outbox.record(
            kind=CANCELLED, subject=registration, recipients=[registration.user]
        )
    return written


def record_reminders(now=None):
    """One reminder per registration with a place, for meetings that start within
    LEARNING_MEETING_REMINDER_HOURS and are not cancelled. Once per start time (a meeting
    moved to another moment is reminded of again), so running twice records nothing new; a
    reminder of a meeting cancelled before delivery is withdrawn (`still_wanted`)."""
    now = now or timezone.now()
    horizon = now + timedelta(hours=settings.LEARNING_MEETING_REMINDER_HOURS)
    meetings = Meeting.objects.filter(
        cancelled_at__isnull=True, starts_at__gt=now, starts_at__lte=horizon
    )
    written = []
    for registration in MeetingRegistration.objects.filter(
        meeting__in=meetings, status=MeetingRegistrationStatus.CONFIRMED
    ).select_related("meeting", "user"):
        with transaction.atomic():
            written += outbox.record(
                kind=REMINDER,
                subject=registration,
                recipients=[registration.user],
                event=f"starts:{registration.meeting.starts_at.isoformat()}",
            )
    return written


def _thread_link(row):
    return reverse("learning:thread", args=[row.object_id])


def _still_takes_part(row):
    return row.recipient is not None and seat_of(row.recipient).takes_part


MENTIONED = register(
    Kind(
        code="learning.mentioned",
        label=_("Genoemd in het leernetwerk"),
        subject_template="learning/email/mentioned_subject.txt",
        body_template="learning/email/mentioned_body.txt",
        link=_thread_link,
        still_wanted=_still_takes_part,
    )
)


def record_mentions(*, thread, post, people):
    """Each person mentioned in `post` (the thread itself or one of its answers) hears it once:
    recording the same post again notifies nobody twice. Inside the transaction of the post."""
    event = "thread" if post is thread else f"answer:{post.pk}"
    return outbox.record(kind=MENTIONED, subject=thread, recipients=people, event=event)
