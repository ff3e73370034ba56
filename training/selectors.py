"""Reads of the training catalogue that need permissions or joins."""

from django.db.models import Case, CharField, Count, F, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Role, User
from government.models import BodyKind

from .models import Office, Registration, Session, Training
from .permissions import griffie_bodies, may_browse
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


def members_for_griffier(griffier, training):
    """The officeholders a griffier may sign up for this training: active people who hold, in
    a body the griffier serves, an office the training is for (griffiers excluded: each signs
    up themselves). By name."""
    offices = [office for office in training.offices if office != Office.GRIFFIER]
    bodies = griffie_bodies(griffier)
    if not offices or not bodies:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.OFFICEHOLDER,
            role_assignments__office_type__in=offices,
            role_assignments__body_id__in=bodies,
        )
        .exclude(pk=griffier.pk)
        .distinct()
        .order_by("full_name", "email")
    )


def signed_up_by_griffier(griffier, session):
    """The active sign-ups for a session that this griffier made, for their page."""
    return list(
        Registration.objects.active()
        .filter(session=session, signed_up_by=griffier)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


# Reach, for the monitor: two groups of sign-ups that share no sign-up, so that what one group's
# tables show never narrows the other's (docs/monitor.md, "Training reach").
REACH_ATTENDED = "attended"  # the provider recorded them as present
REACH_ABSENT = "absent"  # had a place, not recorded as present
REACH_STATUSES: dict[str, str] = {
    RegistrationStatus.ATTENDED.value: REACH_ATTENDED,
    RegistrationStatus.CONFIRMED.value: REACH_ABSENT,
}


def reach_counts(year: int) -> dict[str, dict[str, dict[str, int]]]:
    """Sign-ups with a place for sessions that began in `year`, per group (attended, absent),
    counted by the office they signed up in (a value of Office, "" unknown) and by the province
    of the body they signed up for (CBS code, "" unknown). Counts only. One query.

    {"attended": {"office": {code: n}, "province": {code: n}}, "absent": {...}}"""
    counts: dict[str, dict[str, dict[str, int]]] = {
        group: {"office": {}, "province": {}} for group in REACH_STATUSES.values()
    }
    province = Coalesce(
        F("body__province__code"),
        Case(When(body__kind=BodyKind.PROVINCE, then=F("body__code"))),
        Value(""),
        output_field=CharField(),
    )
    rows = (
        Registration.objects.filter(session__starts_at__year=year, status__in=REACH_STATUSES)
        .annotate(province=province)
        .values("status", "office", "province")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        group = counts[REACH_STATUSES[row["status"]]]
        for dimension in ("office", "province"):
            code = row[dimension] or ""
            group[dimension][code] = group[dimension].get(code, 0) + row["n"]
    return counts
