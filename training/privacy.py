"""What the training catalogue keeps of a person (the hook audit.retention calls).

- Sign-ups stay as the record of who took part in what (the certificate is drawn from them);
  nothing is emptied after a period.
- An erasure first cancels the person's places in sessions still to come (so the first on
  the waiting list moves up, as on any cancellation), then deletes all their sign-ups with
  their history. Trainings they offered stay, the provider's, under the anonymous account.
  Sign-ups a griffier made for others stay those people's own; they no longer name the
  griffier.
"""

from django.utils import timezone

from . import actions
from .models import Registration


def retain(*, now):
    """Nothing to anonymise after a period (see above)."""
    return {}


def erase(*, user):
    coming = Registration.objects.active().filter(user=user, session__starts_at__gt=timezone.now())
    for registration in coming.select_related("session"):
        actions.registration_cancel(actor=user, registration=registration)
    Registration.objects.filter(signed_up_by=user).update(signed_up_by=None)
    return {"training_registrations": Registration.objects.filter(user=user).delete()[0]}
