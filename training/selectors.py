"""Reads of the training catalogue that need permissions or joins."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from .models import Office, Registration, Session, Training
from .permissions import may_browse
from .workflow import TAKING_A_PLACE, RegistrationStatus


def visible_trainings(user):
    """Every training in the catalogue for who may browse it, none for anyone else."""
    if not may_browse(user):
        return Training.objects.none()
    return Training.objects.all()


def _sessions_with_counts():
    return Session.objects.annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=TAKING_A_PLACE)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    ).order_by("starts_at", "pk")


def catalogue(user, *, office=""):
    """The trainings this person may see, for `office` (a value of Office) when given, each
    with its upcoming sessions (`upcoming`), those with a coming session first."""
    trainings = visible_trainings(user).select_related("provider")
    if office in Office.values:
        trainings = trainings.filter(**{f"for_{office}": True})
    upcoming = _sessions_with_counts().filter(starts_at__gte=timezone.now())
    return trainings.prefetch_related(Prefetch("sessions", queryset=upcoming, to_attr="upcoming"))


def sessions_of(training):
    """All sessions of a training with the number of places taken and people waiting."""
    return list(_sessions_with_counts().filter(training=training))


def my_registrations(user, training):
    """This person's current sign-ups for the sessions of this training, by session id."""
    if not user.is_authenticated:
        return {}
    return {
        registration.session_id: registration
        for registration in Registration.objects.active().filter(
            user=user, session__training=training
        )
    }


def session_registrations(session):
    """Who signed up for a session, for its provider: confirmed and attended first (by the
    moment they signed up), then the waiting list in its order."""
    registrations = list(
        Registration.objects.active().filter(session=session).select_related("user")
    )
    return (
        [r for r in registrations if r.status in TAKING_A_PLACE],
        [r for r in registrations if r.status == RegistrationStatus.WAITING],
    )


def own_registration(user, pk):
    """A sign-up of this person (None for anyone else's: the view answers 404)."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(user=user, pk=pk)
        .select_related("session__training__provider", "user")
        .first()
    )
