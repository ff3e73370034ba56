"""Shared pieces of the actions: the transition helper, locks and the party checks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import audit
from accounts.models import Role
from weerbaar.uploads import KIND_JPEG, KIND_PDF, KIND_PNG

from .. import workflow
from ..models import (
    ApplicationEvent,
    GrantApplication,
)
from ..workflow import APPLICANT, STAFF, Status, TransitionNotAllowed

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


def _party_ok(actor, application, party):
    if party == APPLICANT:
        return is_applicant(actor, application)
    if party == STAFF:
        return actor.is_triage_staff
    return False


def _lock(application):
    return GrantApplication.objects.select_for_update().get(pk=application.pk)


def _move(*, actor, application, to_status, reason="", extra_fields=()):
    """Change the (locked) application's status, or raise TransitionNotAllowed."""
    party = workflow.who_may(application.status, to_status)
    if party is None or not _party_ok(actor, application, party):
        raise TransitionNotAllowed(
            _("Van '%(from)s' naar '%(to)s' is niet toegestaan.")
            % {"from": Status(application.status).label, "to": Status(to_status).label}
        )
    from_status = application.status
    application.status = to_status
    application.save(update_fields=["status", "updated_at", *extra_fields])
    if not is_applicant(actor, application):
        audit.record(actor=actor, obj=application, action="change", what="status")
    ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )
    return application
