from allauth.account.models import EmailAddress
from django.core import signing

from accounts.models import Invitation, User


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link points to, or None for a forged or mangled token.

    Whether it is still usable is the caller's question (`is_open`): an expired link gets its
    own message.
    """
    try:
        pk = signing.loads(token, salt=Invitation.TOKEN_SALT)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("body").filter(pk=pk).first()


def invitations_for(user):
    return Invitation.objects.select_related("body", "invited_by").order_by("-created_at")


def email_in_use(email: str, *, except_user=None, include_pending: bool = True) -> bool:
    """Whether another account uses `email`, in any spelling: as its own address, as a
    confirmed address, or (with `include_pending`) as an address it is changing to.

    One address belongs to one person: a password reset, a confirmation or a notice for an
    address must never reach a second account.
    """
    email = (email or "").strip()
    if not email:
        return False
    users = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email)
    if not include_pending:
        addresses = addresses.filter(verified=True)
    if except_user is not None:
        users = users.exclude(pk=except_user.pk)
        addresses = addresses.exclude(user_id=except_user.pk)
    return users.exists() or addresses.exists()


def users_for_password_reset(email: str) -> list:
    """The active account a reset link for `email` may be sent for: the one whose own address
    (`User.email`) it is. With one address per account that is the only confirmed address (a
    confirmed change rewrites `User.email`); an address someone added but nobody confirmed,
    or one an administrator replaced, never gets a link."""
    email = (email or "").strip()
    if not email:
        return []
    return list(User.objects.filter(email__iexact=email, is_active=True).order_by("pk"))
