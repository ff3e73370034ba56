"""Which change of a preparation notifies whom (through the portal's one outbox). E-mails carry a
link only: no body, place, date or subject of the meeting. Registered when the app is ready."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import active_users_with
from notifications.kinds import Kind, register
from notifications.outbox import record

from .models import Deployment, PreparationRequest


def _link(row):
    return reverse("deployments:preparation", args=[row.object_id])


def _still_deployed(row):
    """The member is still on a deployment of the preparation (else the link is a 404)."""
    return Deployment.members.through.objects.filter(
        deployment__preparation_id=row.object_id, user_id=row.recipient_id
    ).exists()


PREPARATION_REQUESTED = register(
    Kind(
        code="incidents.preparation_requested",
        label=_("Verzoek om voorbereiding van een vergadering (BZK)"),
        subject_template="deployments/email/subject.txt",
        body_template="deployments/email/preparation_requested_body.txt",
        link=_link,
        context=lambda row: {"kind": "requested"},
    )
)
PREPARATION_DEPLOYED = register(
    Kind(
        code="incidents.preparation_deployed",
        label=_("Inzet voor de voorbereiding van een vergadering"),
        subject_template="deployments/email/subject.txt",
        body_template="deployments/email/preparation_deployed_body.txt",
        link=_link,
        context=lambda row: {"kind": "deployed"},
        still_wanted=_still_deployed,
    )
)


def _team_still_deployed(row):
    """The deployment record the notice is about still has members (else nobody comes)."""
    parts = row.key.split("|")  # "<kind>|<subject>|<event>|<recipient>" (notifications.outbox)
    record_pk = parts[2].removeprefix("deployment-") if len(parts) > 2 else ""
    return (
        record_pk.isdigit()
        and Deployment.members.through.objects.filter(deployment_id=int(record_pk)).exists()
    )


PREPARATION_PLANNED = register(
    Kind(
        code="incidents.preparation_planned",
        label=_("Voorbereiding gepland (aan de aanvrager)"),
        subject_template="deployments/email/subject.txt",
        body_template="deployments/email/preparation_planned_body.txt",
        link=_link,
        context=lambda row: {"kind": "planned"},
    )
)
PREPARATION_TEAM_COMING = register(
    Kind(
        code="incidents.preparation_team_coming",
        label=_("Ondersteuningsteam ingezet voor de vergadering (aan de aanvrager)"),
        subject_template="deployments/email/subject.txt",
        body_template="deployments/email/preparation_team_coming_body.txt",
        link=_link,
        context=lambda row: {"kind": "team_coming"},
        still_wanted=_team_still_deployed,
    )
)


def requester_planned(preparation: PreparationRequest) -> None:
    """The requester hears once that BZK planned their request (planning it again, to change
    the scenarios or agreements, sends nothing new)."""
    record(kind=PREPARATION_PLANNED, subject=preparation, recipients=[preparation.requester])


def requester_team_deployed(record_: Deployment) -> None:
    """The requester hears once per deployment record that team members come; withdrawn at
    delivery if every member was taken off it by then."""
    preparation = record_.preparation
    assert preparation is not None  # a record for a preparation
    record(
        kind=PREPARATION_TEAM_COMING,
        subject=preparation,
        recipients=[preparation.requester],
        event=f"deployment-{record_.pk}",
    )


def preparation_requested(preparation: PreparationRequest) -> None:
    """Every case handler hears of a new request (inside the request's transaction)."""
    record(
        kind=PREPARATION_REQUESTED,
        subject=preparation,
        recipients=active_users_with(Role.TRIAGE),
    )


def member_deployed(record_: Deployment, member) -> None:
    """A member deployed for a preparation hears of it (a case's deploy action tells its own)."""
    record(
        kind=PREPARATION_DEPLOYED,
        subject=record_.preparation,
        recipients=[member],
        event=f"deployment-{record_.pk}",
    )
