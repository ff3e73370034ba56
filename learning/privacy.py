"""What the learning network keeps of a person (the hook audit.retention calls).

- Registrations for meetings stay as the record of who took part; nothing is emptied after a
  period.
- An erasure first cancels the person's places in meetings still to come (so the first on the
  waiting list moves up, as on any cancellation), then deletes all their registrations with
  their history and the rows that made them a member for a body. Requests they made and
  meetings they planned stay, under the anonymous account.
"""

from django.utils import timezone

from . import actions
from .models import MeetingRegistration, NetworkMember


def retain(*, now):
    """Nothing to anonymise after a period (see above)."""
    return {}


def erase(*, user):
    coming = MeetingRegistration.objects.active().filter(
        user=user, meeting__starts_at__gt=timezone.now()
    )
    for registration in coming.select_related("meeting"):
        actions.meeting_registration_cancel(actor=user, registration=registration)
    return {
        "learning_registrations": MeetingRegistration.objects.filter(user=user).delete()[0],
        "learning_memberships": NetworkMember.objects.filter(user=user).delete()[0],
    }
