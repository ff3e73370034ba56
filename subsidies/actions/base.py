"""Shared pieces of the actions: the transition helper and locks."""

from django.core.exceptions import ValidationError

import audit
from weerbaar.uploads import KIND_JPEG, KIND_PDF, KIND_PNG
from weerbaar.workflow import move

from .. import workflow
from ..models import (
    ApplicationEvent,
    GrantApplication,
)
from ..permissions import is_applicant
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
