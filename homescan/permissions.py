"""Who may do what in the home scan (read by the actions' checks and the views)."""

from accounts.models import Role


def can_maintain_questionnaire(user):
    return user.is_authenticated and user.has_role(Role.TRIAGE, Role.ADMINISTRATOR)


def can_take_scan(user):
    return user.is_authenticated and user.is_officeholder


def can_assess_risk(user):
    """BZK staff (triage) answer the municipality and role questions of a starterspakket's
    risk analysis and record the police's advice."""
    return user.is_authenticated and user.is_triage_staff
