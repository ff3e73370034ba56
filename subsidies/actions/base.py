"""Shared pieces of the actions: the transition helper, locks and the party checks."""

from django.core.exceptions import ValidationError

import audit
from accounts.models import Role
from weerbaar.uploads import KIND_JPEG, KIND_PDF, KIND_PNG
from weerbaar.workflow import move

from .. import workflow
from ..models import (
    ApplicationEvent,
    GrantApplication,
)
from ..workflow import APPLICANT, STAFF

ATTACHMENT_KINDS = frozenset({KIND_PDF, KIND_JPEG, KIND_PNG})

# The content fields the griffier fills in, step by step; nothing else can be set from a form.
CONTENT_FIELDS = (
    "current_situation",
    "incidents",
    "planning",
    "co_financing",
    "co_financing_note",
    "contact_name",
    "contact_email",
    "contact_phone",
)


class BudgetExceeded(ValidationError):
    pass


def is_griffier_of(user, body_id):
    return (
        user.is_authenticated
        and user.role_assignments.filter(role=Role.GRIFFIER, body_id=body_id).exists()
    )


def is_officeholder_of(user, body_id):
    return (
        user.is_authenticated
        and user.role_assignments.filter(role=Role.OFFICEHOLDER, body_id=body_id).exists()
    )


def is_applicant(user, application):
    """The applicant's side of an application: the officeholder who applies to the security
    measures fund (nobody else), or for a scheme the griffie applies for, a griffier of the
    body. A griffier is never the applicant of an officeholder's application."""
    if not user.is_authenticated:
        return False
    if application.applicant_id is not None or application.scheme.is_for_officeholders:
        return application.applicant_id == user.pk
    return is_griffier_of(user, application.body_id)


def _parties(actor, application):
    """The sides the actor plays in a move of this application."""
    parties = set()
    if is_applicant(actor, application):
        parties.add(APPLICANT)
    if actor.is_triage_staff:
        parties.add(STAFF)
    return parties


def _lock(application):
    return GrantApplication.objects.select_for_update().get(pk=application.pk)


def _move(*, actor, application, to_status, reason="", extra_fields=()):
    """Change the (locked) application's status through weerbaar.workflow.move() (the table,
    the event row), or raise TransitionNotAllowed; a move by anyone but the applicant leaves an
    audit row."""
    parties = _parties(actor, application)
    move(
        application,
        to_status,
        table=workflow.TRANSITIONS,
        actor=actor,
        parties=parties,
        event=ApplicationEvent,
        extra_fields=extra_fields,
        reason=reason,
    )
    if APPLICANT not in parties:
        audit.record(actor=actor, obj=application, action="change", what="status")
    return application
