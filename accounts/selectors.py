from django.core import signing

from accounts.models import Invitation


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
