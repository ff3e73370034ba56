"""The states of a sign-up for a training session and who may move it.

The officeholder signs up (confirmed, or waiting when the session is full) and cancels; the
first on the waiting list moves up when a confirmed place comes free; the provider records
attendance (and may correct it). A certificate exists only for an attended sign-up.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.workflow import TransitionNotAllowed as TransitionNotAllowed
from weerbaar.workflow import Transitions


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Aangemeld")
    WAITING = "waiting", _("Op de wachtlijst")
    CANCELLED = "cancelled", _("Afgemeld")
    ATTENDED = "attended", _("Aanwezig geweest")


ATTENDEE = "attendee"  # the person who signed up
PROVIDER = "provider"  # a member of the providing organisation, or BZK staff
SYSTEM = "system"  # the waiting list moving up when a place comes free

TRANSITIONS = Transitions(
    {
        (RegistrationStatus.WAITING, RegistrationStatus.CONFIRMED): frozenset({SYSTEM}),
        (RegistrationStatus.WAITING, RegistrationStatus.CANCELLED): frozenset({ATTENDEE}),
        (RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED): frozenset({ATTENDEE}),
        (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED): frozenset({PROVIDER}),
        (RegistrationStatus.ATTENDED, RegistrationStatus.CONFIRMED): frozenset({PROVIDER}),
    },
    states=RegistrationStatus,
)

# Sign-ups that hold a place or a place in the queue: one of these per person per session.
ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.ATTENDED)
# Sign-ups that take one of the session's places.
TAKING_A_PLACE = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
