"""Every change to accounts, roles and invitations goes through these functions."""

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import (
    GRIFFIER_BODY_KINDS,
    OFFICE_BODY_KIND,
    Invitation,
    Role,
    RoleAssignment,
    User,
)
from government.models import BodyKind
from weerbaar.queue import enqueue_on_commit

logger = logging.getLogger(__name__)


class InvitationNotUsable(Exception):
    """The invitation was accepted, revoked or has expired."""


def can_invite(user) -> bool:
    return user.is_authenticated and user.has_role(Role.TRIAGE, Role.ADMINISTRATOR)


def check_role_fields(*, role, office_type, body):
    """Refuse a role whose office and government body do not fit it (Dutch messages)."""
    if role == Role.OFFICEHOLDER:
        if not office_type:
            raise ValidationError({"office_type": _("Kies de functie van de ambtsdrager.")})
        if body is None:
            raise ValidationError({"body": _("Kies de overheid waar de ambtsdrager werkt.")})
        if body.kind != OFFICE_BODY_KIND[office_type]:
            raise ValidationError(
                {
                    "body": _("Deze functie hoort bij een %(kind)s.")
                    % {"kind": BodyKind(OFFICE_BODY_KIND[office_type]).label.lower()}
                }
            )
    elif office_type:
        raise ValidationError({"office_type": _("Alleen een ambtsdrager heeft een functie.")})
    if role == Role.GRIFFIER:
        if body is None or body.kind not in GRIFFIER_BODY_KINDS:
            raise ValidationError(
                {"body": _("Een griffier werkt voor een gemeente of een provincie.")}
            )
    elif role != Role.OFFICEHOLDER and body is not None:
        raise ValidationError({"body": _("Deze rol hoort niet bij één overheid.")})


def role_assign(*, actor, user, role, office_type="", body=None) -> RoleAssignment:
    """Give `user` a role. Administrators get access to the admin (and so need MFA); a new
    burgemeester gets the starterspakket."""
    check_role_fields(role=role, office_type=office_type, body=body)
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user,
            role=role,
            office_type=office_type,
            body=body,
            defaults={"granted_by": actor if actor and actor.pk else None},
        )
        if created:
            # A new burgemeester gets the starterspakket (homescan.starter_kit).
            from homescan.actions import starter_kit_on_role_assigned

            starter_kit_on_role_assigned(assignment=assignment)
        if role == Role.ADMINISTRATOR and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    user.__dict__.pop("role_names", None)
    return assignment


def invitation_create(
    *, actor, email, full_name="", role, office_type="", body=None, permitted=False
) -> Invitation:
    """Invite a person by e-mail. Only BZK staff and administrators invite, unless another
    app's action has checked its own rule first and says so with `permitted=True` (a partner
    organisation's contact person inviting a colleague). The e-mail with the link is sent by a
    task after commit. An address that already has an account is refused."""
    if not (permitted or can_invite(actor)):
        raise PermissionDenied
    email = email.strip().lower()
    check_role_fields(role=role, office_type=office_type, body=body)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "Er bestaat al een account met dit e-mailadres. "
                    "Een beheerder kan dat account een extra rol geven."
                )
            }
        )
    from accounts import tasks

    with transaction.atomic():
        # One open invitation per address: a new one replaces the old link.
        Invitation.objects.open().filter(email__iexact=email).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            email=email,
            full_name=full_name.strip(),
            role=role,
            office_type=office_type,
            body=body,
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        enqueue_on_commit(tasks.send_invitation_email, invitation.pk)
    return invitation


def invitation_revoke(*, actor, invitation) -> None:
    if not can_invite(actor):
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise InvitationNotUsable
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_accept(*, invitation, full_name, password) -> User:
    """Create the account of an open invitation, with its role. Works once."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise InvitationNotUsable
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationNotUsable
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip()
        )
        role_assign(
            actor=invitation.invited_by,
            user=user,
            role=invitation.role,
            office_type=invitation.office_type,
            body=invitation.body,
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
        _run_acceptance_hooks(invitation, user)
    return user


def _run_acceptance_hooks(invitation, user):
    """Each app may finish an accepted invitation in the same transaction: an app with an
    `invitations.py` defining `invitation_accepted(*, invitation, user)` (e.g. the network
    app makes the new colleague a member of the inviting partner organisation)."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name == "accounts" or find_spec(f"{config.name}.invitations") is None:
            continue
        hook = getattr(import_module(f"{config.name}.invitations"), "invitation_accepted", None)
        if hook:
            hook(invitation=invitation, user=user)


def role_revoke(*, actor, user, role, body=None) -> int:
    """Take a role away (all assignments of it, or only the one for `body`). Returns how many
    assignments were removed. Access that depended on the role ends with the next request."""
    assignments = RoleAssignment.objects.filter(user=user, role=role)
    if body is not None:
        assignments = assignments.filter(body=body)
    with transaction.atomic():
        removed, _details = assignments.delete()
    user.__dict__.pop("role_names", None)
    return removed


def email_address_sync(*, user) -> None:
    """Make the account's own address (`User.email`, proven by the invitation link or set by
    an administrator) its one confirmed, primary address in allauth's table, and drop other
    accounts' unconfirmed claims on it.

    Without this allauth lists the own address as unconfirmed and, with ACCOUNT_CHANGE_EMAIL,
    would treat it as the address the person is changing to; and the notice of a change would
    not reach the old address. A pending change to another address is kept.
    """
    email = (user.email or "").strip()
    if not email:
        return
    with transaction.atomic():
        EmailAddress.objects.filter(email__iexact=email, verified=False).exclude(
            user_id=user.pk
        ).delete()
        # One address per account: a confirmed address that is no longer the account's own
        # (an administrator changed it in the admin) goes.
        EmailAddress.objects.filter(user_id=user.pk, verified=True).exclude(
            email__iexact=email
        ).delete()
        own = EmailAddress.objects.filter(user_id=user.pk, email__iexact=email).first()
        if own is not None and own.verified and own.primary:
            return
        if (
            EmailAddress.objects.filter(email__iexact=email, verified=True)
            .exclude(user_id=user.pk)
            .exists()
        ):
            # Left over from before addresses were unique per person; an administrator must
            # sort it out. Never make two accounts' confirmed addresses collide.
            logger.warning("Account %s: its address is confirmed on another account.", user.pk)
            return
        EmailAddress.objects.filter(user_id=user.pk, primary=True).exclude(
            email__iexact=email
        ).update(primary=False)
        if own is None:
            EmailAddress.objects.create(user=user, email=email.lower(), verified=True, primary=True)
        else:
            own.verified = own.primary = True
            own.save(update_fields=["verified", "primary"])
