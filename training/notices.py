"""Which change of a sign-up notifies whom, through the portal's one outbox (notifications/).
Only the person who signed up hears, and the mail holds a link to the training's page: not the
training's title, the date or the place (nobody reading over a shoulder learns who trains for
what)."""

from django.urls import reverse
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


def _kind(code, label, what, statuses):
    return register(
        Kind(
            code=f"training.{code}",
            label=label,
            subject_template="training/email/registration_subject.txt",
            body_template="training/email/registration_body.txt",
            link=_training_link,
            context=lambda row: {"what": what},
            still_wanted=_still(statuses),
        )
    )


CONFIRMED = _kind("confirmed", _("Aanmelding voor een training"), "confirmed", TAKING_A_PLACE)
WAITING = _kind(
    "waiting", _("Op de wachtlijst van een training"), "waiting", (RegistrationStatus.WAITING,)
)
MOVED_UP = _kind("moved_up", _("Van de wachtlijst naar een plaats"), "moved_up", TAKING_A_PLACE)

BY_STATUS = {RegistrationStatus.CONFIRMED: CONFIRMED, RegistrationStatus.WAITING: WAITING}


def record_sign_up(registration):
    """The person hears that they have a place, or are on the waiting list. Inside the
    transaction of the sign-up."""
    return outbox.record(
        kind=BY_STATUS[registration.status], subject=registration, recipients=[registration.user]
    )


def record_moved_up(registration):
    return outbox.record(kind=MOVED_UP, subject=registration, recipients=[registration.user])
