"""Which change of a sign-up notifies whom, through the portal's one outbox (notifications/).
Only the person who signed up hears, and the mail holds a link to the training's page: not the
training's title, the date or the place (nobody reading over a shoulder learns who trains for
what)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import outbox
from notifications.kinds import Kind, register

from .models import Registration
from .workflow import TAKING_A_PLACE, RegistrationStatus


def _training_link(row):
    registration = Registration.objects.select_related("session").get(pk=row.object_id)
    return reverse("training:detail", args=[registration.session.training_id])


def _still(statuses):
    def wanted(row):
        return Registration.objects.filter(pk=row.object_id, status__in=statuses).exists()

    return wanted


def _context(what):
    def context(row):
        by_griffie = Registration.objects.filter(
            pk=row.object_id, signed_up_by__isnull=False
        ).exists()
        return {"what": what, "by_griffie": by_griffie}

    return context


def _kind(code, label, what, statuses):
    return register(
        Kind(
            code=f"training.{code}",
            label=label,
            subject_template="training/email/registration_subject.txt",
            body_template="training/email/registration_body.txt",
            link=_training_link,
            context=_context(what),
            still_wanted=_still(statuses),
        )
    )


CONFIRMED = _kind("confirmed", _("Aanmelding voor een training"), "confirmed", TAKING_A_PLACE)
WAITING = _kind(
    "waiting", _("Op de wachtlijst van een training"), "waiting", (RegistrationStatus.WAITING,)
)
MOVED_UP = _kind("moved_up", _("Van de wachtlijst naar een plaats"), "moved_up", TAKING_A_PLACE)


def _still_coming(row):
    """A reminder goes only while the person has a place and the session has not begun."""
    return Registration.objects.filter(
        pk=row.object_id,
        status=RegistrationStatus.CONFIRMED,
        session__starts_at__gt=timezone.now(),
    ).exists()


REMINDER = register(
    Kind(
        code="training.reminder",
        label=_("Herinnering aan een training"),
        subject_template="training/email/registration_subject.txt",
        body_template="training/email/registration_body.txt",
        link=_training_link,
        context=lambda row: {"what": "reminder"},
        still_wanted=_still_coming,
    )
)

BY_STATUS = {RegistrationStatus.CONFIRMED: CONFIRMED, RegistrationStatus.WAITING: WAITING}


def record_sign_up(registration):
    """The person hears that they have a place, or are on the waiting list. Inside the
    transaction of the sign-up."""
    return outbox.record(
        kind=BY_STATUS[registration.status], subject=registration, recipients=[registration.user]
    )


def record_moved_up(registration):
    return outbox.record(kind=MOVED_UP, subject=registration, recipients=[registration.user])


def sign_ups_to_remind(now=None):
    """Sign-ups with a place in a session that begins within TRAINING_REMINDER_DAYS."""
    now = now or timezone.now()
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + timedelta(days=settings.TRAINING_REMINDER_DAYS),
    ).select_related("session", "user")


def record_reminders(now=None):
    """One reminder per sign-up and start of its session; running again records nothing new
    (the outbox's unique key). Returns the ids of the rows written."""
    written = []
    for registration in sign_ups_to_remind(now):
        with transaction.atomic():
            written += outbox.record(
                kind=REMINDER,
                subject=registration,
                recipients=[registration.user],
                event=f"starts:{registration.session.starts_at.isoformat()}",
            )
    return written
