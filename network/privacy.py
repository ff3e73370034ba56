"""What the learning network keeps of a person, and for how long (the hook audit.retention
calls; table in docs/privacy.md).

- The motivation a person wrote when asking to join an organisation is emptied
  JOIN_REQUEST_KEEP_DAYS after the request was decided (or after it was made, if nobody ever
  decided it); who asked to join what, and the outcome, stay.
- Memberships stay as the record of who belonged where when; knowledge items stay, published
  knowledge of the network, with their author.
- An erasure deletes the person's join requests and "was this useful?" answers and ends their
  memberships. Items they wrote stay, under the anonymous account.
"""

from datetime import timedelta

from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Feedback, JoinRequest, Membership

JOIN_REQUEST_KEEP_DAYS = 365


def retain(*, now):
    cutoff = now - timedelta(days=JOIN_REQUEST_KEEP_DAYS)
    old = (
        JoinRequest.objects.annotate(settled=Coalesce("decided_at", "created_at"))
        .filter(settled__lt=cutoff)
        .exclude(motivation="")
    )
    return {"join_requests_anonymised": old.update(motivation="")}


def erase(*, user):
    return {
        "join_requests": JoinRequest.objects.filter(user=user).delete()[0],
        "feedback": Feedback.objects.filter(user=user).delete()[0],
        "memberships_ended": Membership.objects.filter(user=user, ended_at__isnull=True).update(
            ended_at=timezone.now()
        ),
    }
