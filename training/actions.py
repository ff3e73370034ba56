"""Every write of the training catalogue: trainings and sessions, signing up, cancelling, the
waiting list moving up, and attendance.

Sign-up and cancellation lock the session's row (select_for_update) before counting its places,
so two people signing up for the last place, or a cancellation and a sign-up at once, never put
more people on the session than it has places, and the first on the waiting list moves up
exactly once.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from homescan.actions import starter_kit_training_attended
from weerbaar import waiting_list
from weerbaar.workflow import move

from . import notices
from .models import Office, Registration, RegistrationEvent, Session, Training
from .permissions import (
    fitting_roles,
    griffie_bodies,
    may_manage,
    may_offer,
    may_sign_up,
    provider_organisations,
)
from .workflow import (
    ATTENDEE,
    PROVIDER,
    SYSTEM,
    TAKING_A_PLACE,
    TRANSITIONS,
    RegistrationStatus,
    TransitionNotAllowed,
)

TRAINING_FIELDS = (
    "title",
    "topic",
    "description",
    "for_raadslid",
    "for_wethouder",
    "for_burgemeester",
    "for_griffier",
)
SESSION_FIELDS = ("starts_at", "ends_at", "online", "place", "capacity")


class AlreadySignedUp(Exception):
    """This person already has a place or a place on the waiting list of this session."""


class SessionOver(Exception):
    """The session has begun: nobody signs up or cancels any more."""


class SessionNotBegun(Exception):
    """Attendance is recorded once the session has begun, not before."""


class NotInAudience(Exception):
    """The training is not meant for this person's office (nor for the griffier's when they
    sign up a member of their body)."""


def training_create(*, actor, provider, **fields) -> Training:
    """A new training in the catalogue. Precondition: the actor may offer trainings for
    `provider` (BZK staff for any organisation, a partner member for their own)."""
    if not may_offer(actor) or not provider_organisations(actor).filter(pk=provider.pk).exists():
        raise PermissionDenied
    unknown = set(fields) - set(TRAINING_FIELDS)
    if unknown:
        raise TypeError(f"unknown training fields: {sorted(unknown)}")
    return Training.objects.create(provider=provider, created_by=actor, **fields)


def training_update(*, actor, training, **fields) -> Training:
    """Change the description of a training (not its provider). Precondition: may_manage."""
    if not may_manage(actor, training):
        raise PermissionDenied
    with transaction.atomic():
        training = Training.objects.select_for_update().get(pk=training.pk)
        for name in TRAINING_FIELDS:
            if name in fields:
                setattr(training, name, fields[name])
        training.save(update_fields=[*[n for n in TRAINING_FIELDS if n in fields], "updated_at"])
    return training


def session_add(*, actor, training, **fields) -> Session:
    """A date for a training. Precondition: may_manage."""
    if not may_manage(actor, training):
        raise PermissionDenied
    values = {name: fields[name] for name in SESSION_FIELDS if name in fields}
    if values.get("online"):
        values["place"] = ""
    return Session.objects.create(training=training, **values)


def _locked_session(session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


def _registrations(session):
    return Registration.objects.filter(session=session)


def registration_sign_up(*, actor, session) -> Registration:
    """Sign the actor up for a session: a place while there is one, else the back of the
    waiting list. The person hears which through a notice. Refuses someone whose office the
    training is not for (NotInAudience), a second active sign-up and a session that has
    begun."""

    if not may_sign_up(actor):
        raise PermissionDenied
    fits = fitting_roles(actor, session.training)
    if not fits:
        raise NotInAudience
    office, body_id = fits[0]
    return _sign_up(person=actor, session=session, actor=actor, office=office, body_id=body_id)


def registration_sign_up_member(*, actor, session, person) -> Registration:
    """A griffier signs up an officeholder of their own body: only someone who holds, in a body
    the actor is griffier of, an office the training is for (else PermissionDenied, whatever
    the training). The person hears it as if they had signed up themselves; the sign-up names
    the griffier (`signed_up_by`) and leaves an audit row. Refusals as for a sign-up of one's
    own."""

    bodies = set(griffie_bodies(actor))
    if not bodies or person.pk == actor.pk:
        raise PermissionDenied
    of_the_body = [
        (office, body_id)
        for office, body_id in fitting_roles(person, session.training)
        if body_id in bodies and office != Office.GRIFFIER
    ]
    if not of_the_body:
        if not person.role_assignments.filter(body_id__in=bodies).exists():
            raise PermissionDenied
        raise NotInAudience
    office, body_id = of_the_body[0]
    with transaction.atomic():
        registration = _sign_up(
            person=person, session=session, actor=actor, office=office, body_id=body_id
        )
        audit.record(actor=actor, obj=registration, action="change", what="signed_up_member")
    return registration


def _sign_up(*, person, session, actor, office, body_id) -> Registration:
    with transaction.atomic():
        session = _locked_session(session)
        if session.starts_at <= timezone.now():
            raise SessionOver
        if Registration.objects.active().filter(session=session, user=person).exists():
            raise AlreadySignedUp
        status = waiting_list.status_for_new(
            _registrations(session),
            capacity=session.capacity,
            taking_a_place=TAKING_A_PLACE,
            confirmed=RegistrationStatus.CONFIRMED,
            waiting=RegistrationStatus.WAITING,
        )
        registration = Registration.objects.create(
            session=session,
            user=person,
            status=status,
            office=office,
            body_id=body_id,
            signed_up_by=None if actor.pk == person.pk else actor,
        )
        RegistrationEvent.record(subject=registration, actor=actor, from_value="", to_value=status)
        notices.record_sign_up(registration)
    return registration


def registration_cancel(*, actor, registration) -> Registration | None:
    """The person cancels their own sign-up. When it held a place, the first on the waiting
    list (who signed up earliest) gets it and hears so. Returns who moved up, if anyone."""

    with transaction.atomic():
        session = _locked_session(registration.session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.user_id != actor.pk:
            raise PermissionDenied
        if session.starts_at <= timezone.now():
            raise SessionOver
        held_a_place = registration.status in TAKING_A_PLACE
        move(
            registration,
            RegistrationStatus.CANCELLED,
            table=TRANSITIONS,
            actor=actor,
            parties={ATTENDEE},
            event=RegistrationEvent,
            refusal=_("Deze aanmelding kunt u niet meer afmelden."),
        )
        if not held_a_place:
            return None
        return _move_up_the_first_waiting(session)


def _move_up_the_first_waiting(session) -> Registration | None:
    return waiting_list.move_up_the_first_waiting(
        _registrations(session),
        capacity=session.capacity,
        taking_a_place=TAKING_A_PLACE,
        confirmed=RegistrationStatus.CONFIRMED,
        waiting=RegistrationStatus.WAITING,
        table=TRANSITIONS,
        parties={SYSTEM},
        event=RegistrationEvent,
        notify=notices.record_moved_up,
    )


def session_attendance_record(*, actor, session, attended: Iterable[int]) -> int:
    """Record who attended: the sign-ups with a place whose ids are in `attended` become
    attended, the others (back) confirmed. Preconditions: may_manage the session's training,
    and the session has begun. A mayor who attended a training meant for mayors has the
    training item of their starterspakket ticked. Returns the number of sign-ups changed."""
    attended = set(attended)
    changed = 0
    with transaction.atomic():
        session = _locked_session(session)
        if not may_manage(actor, session.training):
            raise PermissionDenied
        if session.starts_at > timezone.now():
            raise SessionNotBegun
        for registration in Registration.objects.select_for_update().filter(
            session=session, status__in=TAKING_A_PLACE
        ):
            target = (
                RegistrationStatus.ATTENDED
                if registration.pk in attended
                else RegistrationStatus.CONFIRMED
            )
            if registration.status == target:
                continue
            move(
                registration,
                target,
                table=TRANSITIONS,
                actor=actor,
                parties={PROVIDER},
                event=RegistrationEvent,
            )
            changed += 1
            if target == RegistrationStatus.ATTENDED and _counts_for_the_starter_kit(
                registration, session.training
            ):
                starter_kit_training_attended(mayor=registration.user)
    return changed


def _counts_for_the_starter_kit(registration, training) -> bool:
    """A training for mayors, taken as mayor (older sign-ups without an office: the kit's
    action finds out whether the person is a mayor with a kit)."""
    return training.for_burgemeester and registration.office in (Office.BURGEMEESTER, "")


def session_participants_record_read(*, reader, session):
    """The provider (or BZK staff) opened the list of who signed up for a session: other
    people's sign-ups, so an audit row (who, which session, when; no names)."""
    return audit.record(actor=reader, obj=session, what="participants")


__all__ = [
    "AlreadySignedUp",
    "NotInAudience",
    "SessionNotBegun",
    "SessionOver",
    "TransitionNotAllowed",
    "registration_cancel",
    "registration_sign_up",
    "registration_sign_up_member",
    "session_add",
    "session_attendance_record",
    "session_participants_record_read",
    "training_create",
    "training_update",
]
