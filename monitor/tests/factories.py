"""Sent reports with exactly the dates and codes a monitor test needs.

The monitor counts what the incidents app stored; these rows are written directly so a test
can place a report in a given month with a given response time.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import OfficeType
from accounts.tests import factories as people
from incidents.models import Incident, tag_kinds
from incidents.workflow import Status

_reporters = {}


def at(year, month, day=10, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


def reporter(office_type, body):
    key = (office_type, body.pk)
    if (
        key not in _reporters
        or not type(_reporters[key]).objects.filter(pk=_reporters[key].pk).exists()
    ):
        _reporters[key] = people.officeholder(office_type=office_type, body=body)
    return _reporters[key]


def report(
    submitted_at,
    *,
    office_type=OfficeType.RAADSLID,
    body=None,
    municipality="GM0344",
    kinds=("threat",),
    channel="online",
    police_report="none",
    responded_after=None,
    due_after=timedelta(days=1),
    closed_after=None,
    status=None,
):
    body = body or people.municipality(municipality or "GM0344")
    incident = Incident.objects.create(
        reporter=reporter(office_type, body),
        reporter_office_type=office_type,
        reporter_body=body,
        municipality=people.municipality(municipality) if municipality else None,
        status=status or (Status.CLOSED if closed_after else Status.IN_PROGRESS),
        channel=channel,
        police_report=police_report,
        submitted_at=submitted_at,
        due_at=submitted_at + due_after,
        first_response_at=submitted_at + responded_after if responded_after else None,
        closed_at=submitted_at + closed_after if closed_after else None,
    )
    tag_kinds({incident: kinds})
    return incident
