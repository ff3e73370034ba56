"""Which change of a case notifies whom, through the portal's one outbox (notifications/).
Notices carry a reference and a link, never the content of the report, the reporter's name or
address. `record()` must run inside the transaction of the change."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from notifications import outbox
from notifications.kinds import Kind, register


class NoticeKind(models.TextChoices):
    SUBMITTED = "submitted", _("Nieuwe melding")
    URGENT = "urgent", _("Melding urgent")
    ESCALATED = "escalated", _("Melding geëscaleerd")
    DEPLOYED = "deployed", _("Inzet gevraagd")
    CONFIRMATION = "confirmation", _("Ontvangstbevestiging aan de melder")


# The Ondersteuningsteam hears of a new, urgent or escalated case; a deployed member of their
# deployment; the reporter gets a confirmation.
TEAM_KINDS = frozenset({NoticeKind.SUBMITTED, NoticeKind.URGENT, NoticeKind.ESCALATED})


def support_team():
    return User.objects.filter(is_active=True, role_assignments__role=Role.SUPPORT_TEAM).distinct()


def _case_link(row):
    return reverse("incidents:detail", args=[row.object_id])


def _team_link(row):
    """The deployed member goes to the case; the rest of the team to their overview, since they
    may not open a case they are not deployed on."""
    from .models import SupportDeployment

    deployed = SupportDeployment.objects.filter(
        incident_id=row.object_id, member_id=row.recipient_id
    ).exists()
    return _case_link(row) if deployed else reverse("incidents:support")


def _context(kind_value):
    def context(row):
        incident = row.subject
        return {"reference": incident.reference, "urgent": incident.urgent, "kind": kind_value}

    return context


def _kind(value, link):
    return register(
        Kind(
            code=f"incidents.{value}",
            label=NoticeKind(value).label,
            subject_template="incidents/email/notice_subject.txt",
            body_template=f"incidents/email/{value}_body.txt",
            link=link,
            context=_context(value),
        )
    )


KINDS = {
    NoticeKind.SUBMITTED: _kind(NoticeKind.SUBMITTED, _team_link),
    NoticeKind.URGENT: _kind(NoticeKind.URGENT, _team_link),
    NoticeKind.ESCALATED: _kind(NoticeKind.ESCALATED, _team_link),
    NoticeKind.DEPLOYED: _kind(NoticeKind.DEPLOYED, _case_link),
    NoticeKind.CONFIRMATION: _kind(NoticeKind.CONFIRMATION, _case_link),
}


def record(incident, kind, recipients=None, *, event=""):
    """Write the notices for `kind` about `incident` (one per recipient and event, never twice)
    and queue them after commit. Must run inside the transaction of the change."""
    if recipients is None:
        recipients = list(support_team()) if kind in TEAM_KINDS else []
    return outbox.record(kind=KINDS[kind], subject=incident, recipients=recipients, event=event)
