"""What the accounts app keeps of a person, and for how long (the hook audit.retention calls;
table in docs/privacy.md).

- An account is the person's own: it stays until an administrator removes it or the person's
  erasure request is carried out.
- An invitation holds the invitee's address and name. INVITATION_KEEP_DAYS after it was
  accepted, revoked or expired, both are emptied; who invited whom to which role, and who
  approved it, stay (the four-eyes record).
- A session that has expired is deleted by the daily task (Django leaves it in the table).
- An erasure empties the person's invitations (by account and by address, with the addresses
  in their mails), removes their MFA authenticators, allauth's copies of their address and
  their roles, makes the account anonymous (`verwijderd-<id>@verwijderd.invalid`, no name,
  unusable password, inactive) and ends every session of theirs.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.db.models.functions import Coalesce

from notifications.privacy import addresses_forget

from .models import Invitation, UserSession
from .sessions import user_sessions_end

INVITATION_KEEP_DAYS = 90


def _invitations_forget(invitations) -> int:
    invitations = invitations.exclude(email="")  # emptied before
    addresses_forget(subjects=list(invitations))
    return invitations.update(email="", full_name="")


def retain(*, now):
    cutoff = now - timedelta(days=INVITATION_KEEP_DAYS)
    decided = Invitation.objects.annotate(
        decided=Coalesce("accepted_at", "revoked_at", "expires_at")
    ).filter(decided__lt=cutoff)
    return {
        "invitations_anonymised": _invitations_forget(decided),
        "sessions_expired": UserSession.objects.filter(expire_date__lt=now).delete()[0],
    }


def erase(*, user):
    invitations = _invitations_forget(
        Invitation.objects.filter(Q(accepted_user=user) | Q(email__iexact=user.email))
    )
    Authenticator.objects.filter(user=user).delete()
    # allauth's copies of the address (and any pending change) go with the account's own.
    EmailAddress.objects.filter(user=user).delete()
    user.role_assignments.all().delete()
    user.email = f"verwijderd-{user.pk}@verwijderd.invalid"
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return {"invitations": invitations, "sessions": user_sessions_end(user=user)}
