"""What the learning network keeps of a person (the hook audit.retention calls).

- Registrations for meetings stay as the record of who took part; nothing is emptied after a
  period.
- An erasure first cancels the person's places in meetings still to come (so the first on the
  waiting list moves up, as on any cancellation), then deletes all their registrations with
  their history and the rows that made them a member for a body.
- Their questions, experiences and answers stay in place, so the conversation around them
  still reads, but lose their writer, their text and (a thread) their title: the pages show
  "Verwijderde deelnemer" and that the text was removed; search no longer finds them. For whom
  they spoke (the body or organisation) and the helpful marks stay. A consent to a practice
  example not yet made lapses; a practice BZK already drafted is BZK's own text and stays.
- Requests to take part they made stay as the body's or organisation's record, without the
  motivation they wrote. Meetings they planned stay, under the anonymous account.
"""

from django.utils import timezone

from . import actions
from .models import Answer, MeetingRegistration, NetworkMember, ParticipationRequest, Thread


def retain(*, now):
    """Nothing to anonymise after a period (see above)."""
    return {}


def erase(*, user):
    coming = MeetingRegistration.objects.active().filter(
        user=user, meeting__starts_at__gt=timezone.now()
    )
    for registration in coming.select_related("meeting"):
        actions.meeting_registration_cancel(actor=user, registration=registration)
    now = timezone.now()
    erased = {"author": None, "text": "", "text_html": "", "erased_at": now}
    Thread.objects.filter(author=user, practice__isnull=True).update(practice_consent_at=None)
    return {
        "learning_registrations": MeetingRegistration.objects.filter(user=user).delete()[0],
        "learning_memberships": NetworkMember.objects.filter(user=user).delete()[0],
        "learning_threads_erased": Thread.objects.filter(author=user).update(title="", **erased),
        "learning_answers_erased": Answer.objects.filter(author=user).update(**erased),
        "learning_requests_anonymised": ParticipationRequest.objects.filter(requested_by=user)
        .exclude(motivation="")
        .update(motivation=""),
    }
