"""Who plays which part in an application (read by the actions' checks and the views)."""

from accounts.models import Role
from accounts.selectors import is_chair_of

from .models import Consent


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


def acts_on_behalf(user, application):
    """The chair who started this fund application for an officeholder, while the officeholder
    consents and while they still chair the body."""
    return (
        user.is_authenticated
        and application.on_behalf_by_id == user.pk
        and application.applicant_id != user.pk
        and application.consent == Consent.GIVEN
        and is_chair_of(user, application.body_id)
    )


def is_applicant_in_person(user, application):
    """The applicant themselves: the officeholder of a fund application (not a chair acting
    for them), or a griffier of the body for a scheme of the griffie. Only they get the decision
    letter; their own reads leave no audit row."""
    if not user.is_authenticated:
        return False
    if application.applicant_id is not None or application.scheme.is_for_officeholders:
        return application.applicant_id == user.pk
    return is_griffier_of(user, application.body_id)


def is_applicant(user, application):
    """The applicant's side of an application: the officeholder who applies to the security
    measures fund, or the chair who applies on their behalf with their consent (nobody else),
    or for a scheme the griffie applies for, a griffier of the body. A griffier is never the
    applicant of an officeholder's application."""
    return is_applicant_in_person(user, application) or acts_on_behalf(user, application)


def may_read_letter(user, application):
    """The decision letter goes to the applicant only (and BZK, who sends it)."""
    return user.is_triage_staff or is_applicant_in_person(user, application)
