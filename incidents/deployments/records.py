"""The one step of the case's deploy action that touches deployment records, kept here so
incidents.actions stays small: incidents.actions.incident_deploy calls it in its transaction."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Deployment


def feed_case_record(*, actor, incident, member, record=None) -> Deployment:
    """Put `member` on `record` (a deployment of this case), or on the case's latest record,
    a new one (kind still to be chosen) when the case has none. Returns the record."""
    if record is not None and record.incident_id != incident.pk:
        raise ValidationError(_("Deze inzet hoort niet bij deze melding."))
    if record is None:
        record = Deployment.objects.filter(incident=incident).order_by("-created_at", "-pk").first()
    if record is None:
        record = Deployment.objects.create(incident=incident, created_by=actor)
    record.members.add(member)
    return record
