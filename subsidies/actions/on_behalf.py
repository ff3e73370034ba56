"""A chair applies to the security measures fund on an officeholder's behalf, with consent.

The mayor (for the municipality's officeholders), the King's Commissioner (province) or the
dijkgraaf (water board) may start an application for an officeholder of the body they chair.
It is the officeholder's application from the first moment (`applicant`); the chair sees
anything of it only while the officeholder consents (`consent = given`), and before that only
that it waits for consent. The officeholder gives, withdraws or (before ever giving it)
declines consent in the portal. Every change of consent leaves an audit row.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from accounts.models import Role
from accounts.selectors import is_chair_of

from .. import notices
from ..models import Consent, GrantApplication
from .base import _lock
from .drafting import ONE_OPEN_REFUSED, _check_scheme_open_for


@transaction.atomic
def application_start_on_behalf(*, actor, scheme, assignment):
    """Start a fund application for the officeholder of `assignment` (an officeholder role in
    a body `actor` chairs; not the chair's own), waiting for their consent, and tell them
    through the outbox (a link only). A second request for the same person while the first
    waits is refused."""
    officeholder, body = assignment.user, assignment.body
    if (
        not scheme.is_for_officeholders
        or assignment.role != Role.OFFICEHOLDER
        or officeholder.pk == actor.pk
        or not is_chair_of(actor, body.pk)
    ):
        raise PermissionDenied
    _check_scheme_open_for(scheme, body)
    try:
        with transaction.atomic():
            application = GrantApplication.objects.create(
                scheme=scheme,
                body=body,
                created_by=actor,
                applicant=officeholder,
                on_behalf_by=actor,
                consent=Consent.PENDING,
                consent_at=timezone.now(),
                contact_name=officeholder.full_name,
                contact_email=officeholder.email,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("U heeft %(name)s al om toestemming gevraagd voor een aanvraag bij dit fonds.")
            % {"name": officeholder.full_name or officeholder.email}
        ) from error
    notices.record_consent_requested(application)
    return application


def _require_officeholder(actor, application):
    if application.applicant_id != actor.pk or application.on_behalf_by_id is None:
        raise PermissionDenied


@transaction.atomic
def consent_give(*, actor, application):
    """The officeholder consents: the chair may now see and complete the application with
    them. Refused when the officeholder already has another undecided application to the fund
    for the body (the message is theirs alone)."""
    application = _lock(application)
    _require_officeholder(actor, application)
    if application.consent == Consent.GIVEN:
        return application
    application.consent, application.consent_at = Consent.GIVEN, timezone.now()
    try:
        with transaction.atomic():
            application.save(update_fields=["consent", "consent_at", "updated_at"])
    except IntegrityError as error:
        raise ValidationError(str(ONE_OPEN_REFUSED) % {"body": application.body}) from error
    audit.record(actor=actor, obj=application, action="change", what="consent_given")
    return application


@transaction.atomic
def consent_withdraw(*, actor, application):
    """The officeholder withdraws consent: the chair sees nothing of it any more beyond that it
    waits for consent. The application stays the officeholder's own."""
    application = _lock(application)
    _require_officeholder(actor, application)
    if application.consent != Consent.GIVEN:
        return application
    application.consent, application.consent_at = Consent.WITHDRAWN, timezone.now()
    application.save(update_fields=["consent", "consent_at", "updated_at"])
    audit.record(actor=actor, obj=application, action="change", what="consent_withdrawn")
    return application


@transaction.atomic
def consent_decline(*, actor, application):
    """The officeholder declines a request they never consented to: the empty draft is
    removed (nothing was in it: the chair could not write before consent)."""
    application = _lock(application)
    _require_officeholder(actor, application)
    if application.consent != Consent.PENDING:
        raise ValidationError(_("U kunt de toestemming nu alleen nog intrekken."))
    audit.record(actor=actor, obj=application, action="change", what="consent_declined")
    application.delete()
