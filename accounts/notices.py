"""Mail about accounts, through the portal's one outbox (notifications/).

An invitation goes to an address, not to an account: the person may not have one yet. Whether
the address already has an account is decided at delivery, out of the inviter's sight (they get
the same answer either way), so an existing account is told to log in and confirm instead of
making a second account."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import outbox
from notifications.kinds import Kind, register

from .models import Invitation, Role, User


def _invitation(row):
    return Invitation.objects.filter(pk=row.object_id).first()


def _invitation_link(row):
    invitation = _invitation(row)
    return reverse("accounts:invitation_accept", args=[invitation.token])


def _invitation_context(row):
    invitation = _invitation(row)
    return {
        "expires_at": invitation.expires_at,
        # Lazy: rendered in the recipient's language at delivery.
        "role": Role(invitation.role).label,
        "has_account": User.objects.filter(email__iexact=invitation.email).exists(),
    }


def _invitation_still_open(row):
    return Invitation.objects.open().filter(pk=row.object_id).exists()


def _invitation_sent(row):
    Invitation.objects.filter(pk=row.object_id, email_sent_at__isnull=True).update(
        email_sent_at=timezone.now()
    )


INVITATION = register(
    Kind(
        code="accounts.invitation",
        label=_("Uitnodiging"),
        subject_template="accounts/email/invitation_notice_subject.txt",
        body_template="accounts/email/invitation_notice_body.txt",
        link=_invitation_link,
        context=_invitation_context,
        still_wanted=_invitation_still_open,
        on_sent=_invitation_sent,
    )
)


def record_invitation(invitation):
    """The invitation's e-mail, to its address; once per invitation. Inside the transaction
    that makes the invitation usable (created without approval, or approved)."""
    return outbox.record(kind=INVITATION, subject=invitation, recipients=[invitation.email])
