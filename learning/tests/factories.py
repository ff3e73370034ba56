"""Test data for the learning network, built through the actions."""

from datetime import timedelta

from django.utils import timezone

from accounts.tests import factories as people
from learning import actions
from learning.models import Meeting, Participant
from subsidies.tests import factories as grants
from subsidies.workflow import Status


def cohort_griffier(body=None):
    """A griffier whose body's Veilig Vergaderen grant was awarded: it takes part."""
    griffier = people.griffier(body=body)
    grants.decided(griffier=griffier, outcome=Status.GRANTED)
    griffier.forget_cached_roles()
    return griffier


def approved_griffier(body):
    """A griffier whose body BZK added to the network."""
    griffier = people.griffier(body=body)
    actions.participant_add(actor=people.triage_staff(), body=body)
    griffier.forget_cached_roles()
    return griffier


def meeting(*, capacity=10, days=14, online=False, actor=None, **fields):
    """A meeting BZK planned, `days` from now."""
    starts_at = timezone.now() + timedelta(days=days)
    values = {
        "title": "Veilig vergaderen: de publieke tribune",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "online": online,
        "place": "" if online else "Ministerie van BZK, Den Haag",
        "online_link": "https://vergaderen.example/leernetwerk" if online else "",
        "agenda": "# Opening\n\n- Ervaringen uit de cohort",
    } | fields
    return actions.meeting_create(
        actor=actor or people.triage_staff(mfa=False), capacity=capacity, **values
    )


def begin(meeting_):
    """Move a meeting's start to a moment ago; test data only (nothing in the portal moves a
    meeting)."""
    starts_at = timezone.now() - timedelta(minutes=5)
    Meeting.objects.filter(pk=meeting_.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
    )
    meeting_.refresh_from_db()
    return meeting_


def participant(body=None):
    """A griffier of a body that takes part (BZK added it; GM0344 by default)."""
    body = body or people.municipality()
    if not Participant.objects.filter(body=body, ended_at__isnull=True).exists():
        actions.participant_add(actor=people.triage_staff(mfa=False), body=body)
    return people.griffier(body=body)
