"""Who plays which part in a case (read by the actions' checks, the views and the templates)."""

from typing import Any

from .models import Incident, SupportDeployment


def is_reporter(user: Any, incident: Incident) -> bool:
    """The signed-in user reported this case."""
    return bool(user.is_authenticated and incident.reporter_id == user.pk)


def is_deployed(user: Any, incident: Incident) -> bool:
    """The signed-in user is a member of the Ondersteuningsteam deployed on this case."""
    return bool(
        user.is_authenticated
        and user.is_support_team
        and SupportDeployment.objects.filter(incident=incident, member=user).exists()
    )


def is_concerned(user: Any, incident: Incident) -> bool:
    """The signed-in user is the colleague a sent witness's or on-behalf report is about."""
    return bool(
        user.is_authenticated
        and incident.concerned_person_id is not None
        and incident.concerned_person_id == user.pk
        and not incident.is_draft
    )
