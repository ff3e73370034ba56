"""Who plays which part in an application (read by the actions' checks and the views)."""

from accounts.models import Role


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
