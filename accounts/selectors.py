"""Reads and permissions for accounts and invitations."""

from allauth.account.models import EmailAddress
from django.core import signing
from django.db.models import Q

from accounts.models import (
    CHAIR_OFFICES,
    PRIVILEGED_ROLES,
    Invitation,
    Role,
    RoleAssignment,
    User,
)

# What each inviting role may offer. An administrator invitation comes only from an
# administrator; privileged roles then still wait for a second person's approval.
_OFFERABLE_BY_TRIAGE = frozenset(
    {Role.OFFICEHOLDER, Role.GRIFFIER, Role.PARTNER, Role.TRIAGE, Role.SUPPORT_TEAM}
)


def can_invite(user) -> bool:
    """May use the invitations page: BZK staff and administrators."""
    return user.is_authenticated and (user.is_administrator or user.has_role(Role.TRIAGE))


def offerable_roles(user) -> frozenset:
    """The roles `user` may offer in an invitation of their own."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_administrator:
        return frozenset(Role.values)
    if user.has_role(Role.TRIAGE):
        return _OFFERABLE_BY_TRIAGE
    return frozenset()


def may_offer_role(user, role) -> bool:
    """May offer `role` in an invitation of their own (see `offerable_roles`)."""
    return role in offerable_roles(user)


def needs_approval(role) -> bool:
    return role in PRIVILEGED_ROLES


def may_approve(user, invitation) -> bool:
    """A second privileged person, never the inviter nor the invited address itself; an
    administrator invitation only by another administrator."""
    if not user.is_authenticated or not invitation.awaiting_approval:
        return False
    if user.pk == invitation.invited_by_id or user.email.lower() == invitation.email.lower():
        return False
    if invitation.role == Role.ADMINISTRATOR:
        return user.is_administrator
    return user.is_administrator or user.has_role(Role.TRIAGE)


def may_revoke(user, invitation) -> bool:
    """Only the inviter: an invitation belongs to who sent it."""
    return user.is_authenticated and invitation.invited_by_id == user.pk


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
    """The invitations `user` sent: nobody else's addresses show up in their list."""
    return (
        Invitation.objects.filter(invited_by=user)
        .select_related("body", "invited_by")
        .order_by("-created_at")
    )


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


def invitations_awaiting_approval_by(user):
    """Other people's invitations to privileged roles that `user` may approve or decline."""
    if not can_invite(user):
        return Invitation.objects.none()
    waiting = (
        Invitation.objects.awaiting_approval()
        .exclude(invited_by=user)
        .exclude(email__iexact=user.email)
        .select_related("body", "invited_by")
        .order_by("created_at")
    )
    if not user.is_administrator:
        waiting = waiting.exclude(role=Role.ADMINISTRATOR)
    return waiting


def active_users_with(role):
    """Everyone active who holds `role` (once each, however many assignments they have)."""
    return User.objects.filter(is_active=True, role_assignments__role=role).distinct()


def pending_email_change(user) -> EmailAddress | None:
    """The address the person is changing to and has not confirmed yet, if any."""
    return (
        EmailAddress.objects.filter(user_id=user.pk, verified=False)
        .exclude(email__iexact=user.email)
        .order_by("-pk")
        .first()
    )


def role_assignments_of(user) -> list:
    """The person's roles with their office and government body, for their account page."""
    return list(user.role_assignments.select_related("body").order_by("role", "pk"))


def chair_assignments(user):
    """The roles by which `user` chairs a body: burgemeester, Commissaris van de Koning, or a
    waterschapsbestuurder marked as dijkgraaf."""
    if not user.is_authenticated:
        return RoleAssignment.objects.none()
    return RoleAssignment.objects.filter(user=user, role=Role.OFFICEHOLDER).filter(
        Q(office_type__in=CHAIR_OFFICES) | Q(chairs_body=True)
    )


def chaired_body_ids(user):
    """A subquery of the bodies `user` chairs."""
    return chair_assignments(user).values("body_id")


def is_chair_of(user, body_id) -> bool:
    return chair_assignments(user).filter(body_id=body_id).exists()
