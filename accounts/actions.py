"""Every change to accounts, roles and invitations goes through these functions."""

import logging
import time
from datetime import timedelta

import redis
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import hooks, notices, selectors
from accounts.models import (
    GRIFFIER_BODY_KINDS,
    OFFICE_BODY_KIND,
    PRIVILEGED_ROLES,
    Invitation,
    OfficeType,
    Role,
    RoleAssignment,
    User,
)
from government.models import BodyKind

logger = logging.getLogger(__name__)


class InvitationNotUsable(Exception):
    """The invitation was accepted, revoked, has expired or still waits for approval."""


class InvitationRateLimited(Exception):
    """The inviter sent too many invitations in the last hour."""

    message = gettext_lazy(
        "U heeft te veel uitnodigingen verstuurd in korte tijd. Probeer het over een uur opnieuw."
    )


class InvitationsUnavailable(InvitationRateLimited):
    """The rate limit cannot be counted (the cache does not answer): refuse rather than let an
    unlimited number of invitations out."""

    message = gettext_lazy("Uitnodigen lukt nu even niet. Probeer het over enkele minuten opnieuw.")


# Kept here for callers that still import it from the actions; the rule lives in selectors.
can_invite = selectors.can_invite


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


def role_assign(*, actor, user, role, office_type="", body=None, invitation=None) -> RoleAssignment:
    """Give `user` a role. Administrators get access to the admin (and so need MFA); a new
    burgemeester gets the starterspakket.

    A privileged role (triage, support team, administrator) given by a person comes only
    through `invitation`, one that a second person approved (four eyes, whatever screen calls
    this); `actor=None` is the system itself (manage.py, demo data)."""
    check_role_fields(role=role, office_type=office_type, body=body)
    if role in PRIVILEGED_ROLES and actor is not None:
        approved = invitation is not None and invitation.approved_by_id not in (None, actor.pk)
        if not approved:
            raise PermissionDenied
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user,
            role=role,
            office_type=office_type,
            body=body,
            defaults={"granted_by": actor if actor and actor.pk else None},
        )
        if created:
            # Apps above accounts react (homescan: a new burgemeester gets the starterspakket).
            hooks.announce("role_assigned", assignment=assignment)
        if role == Role.ADMINISTRATOR and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    user.forget_cached_roles()
    return assignment


def _audit(*, actor, invitation, what):
    """An audit row for a step of an invitation to a privileged role (announced: accounts sits
    below audit in the layers and does not import it; audit/account_hooks.py writes the row)."""
    hooks.announce("step_recorded", actor=actor, obj=invitation, action="change", what=what)


def _consume_invitation_allowance(actor) -> None:
    """At most INVITATION_RATE_LIMIT invitations per inviter per clock hour (in the cache, so
    shared by all processes when it is Redis). The key holds the account's creation time too,
    so a database whose ids are reused (a restore, a test run) starts with a clean slate."""
    window = 3600
    bucket = int(time.time() // window)
    key = f"invitations:sent:{actor.pk}:{actor.date_joined.timestamp():.6f}:{bucket}"
    try:
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add() and incr()
            cache.set(key, 1, timeout=window)
            count = 1
    except redis.RedisError as error:
        logger.warning("Invitation refused: the rate-limit cache does not answer (%s)", error)
        raise InvitationsUnavailable from error
    if count > settings.INVITATION_RATE_LIMIT:
        raise InvitationRateLimited


def invitation_create(*, actor, email, full_name="", role, office_type="", body=None) -> Invitation:
    """Invite a person by e-mail, as `actor`'s own invitation: only BZK staff and
    administrators invite, and only administrators offer the administrator role (see
    selectors.can_invite and selectors.may_offer_role); anyone else gets PermissionDenied.
    The rest (replacing, approval, rate limit) is `invitation_create_unchecked`'s."""
    if not (selectors.can_invite(actor) and selectors.may_offer_role(actor, role)):
        raise PermissionDenied
    return invitation_create_unchecked(
        actor=actor,
        email=email,
        full_name=full_name,
        role=role,
        office_type=office_type,
        body=body,
    )


def invitation_create_unchecked(
    *, actor, email, full_name="", role, office_type="", body=None
) -> Invitation:
    """Invite a person by e-mail, as `actor`'s own invitation, without asking whether `actor`
    may use the invitations page: for a caller that checked its own rule (a partner
    organisation's contact person inviting a colleague, network.actions.membership_invite)
    and for system callers. Four eyes are never skipped: a privileged role is refused
    (PermissionDenied) unless `actor` may offer it, and then waits for approval.

    - Another inviter's invitation for the same address is never touched: both stay open. The
      actor's own earlier open invitation for the address is replaced.
    - Whether the address has an account is not looked at here: the inviter gets the same
      answer either way. The mail (accounts/notices.py) tells an existing account to log in
      instead of sending a sign-up link.
    - A privileged role (triage, support team, administrator) waits for a second privileged
      person's approval (`invitation_approve`) before its link is sent; audit row.
    - Rate-limited per inviter: `InvitationRateLimited`.
    """
    if role in PRIVILEGED_ROLES and not selectors.may_offer_role(actor, role):
        raise PermissionDenied
    email = email.strip().lower()
    check_role_fields(role=role, office_type=office_type, body=body)
    _consume_invitation_allowance(actor)
    needs_approval = selectors.needs_approval(role)
    with transaction.atomic():
        now = timezone.now()
        Invitation.objects.undecided().filter(email__iexact=email, invited_by=actor).update(
            revoked_at=now, revoked_by=actor
        )
        invitation = Invitation.objects.create(
            email=email,
            full_name=full_name.strip(),
            role=role,
            office_type=office_type,
            body=body,
            invited_by=actor,
            needs_approval=needs_approval,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        if needs_approval:
            _audit(actor=actor, invitation=invitation, what="invitation_requested")
        else:
            notices.record_invitation(invitation)
    return invitation


def invitation_approve(*, actor, invitation) -> Invitation:
    """A second privileged person approves an invitation to a privileged role; its link is
    sent after commit and is valid INVITATION_VALID_DAYS from now. Refused (PermissionDenied)
    for the inviter, for the invited address itself, for triage staff on an administrator
    invitation, and for an invitation that does not wait for approval."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not selectors.may_approve(actor, invitation):
            raise PermissionDenied
        now = timezone.now()
        invitation.approved_at = now
        invitation.approved_by = actor
        invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
        invitation.save(update_fields=["approved_at", "approved_by", "expires_at"])
        _audit(actor=actor, invitation=invitation, what="invitation_approved")
        notices.record_invitation(invitation)
    return invitation


def invitation_decline(*, actor, invitation) -> Invitation:
    """A privileged person who may approve declines instead: the invitation is never sent."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not selectors.may_approve(actor, invitation):
            raise PermissionDenied
        invitation.revoked_at = timezone.now()
        invitation.revoked_by = actor
        invitation.save(update_fields=["revoked_at", "revoked_by"])
        _audit(actor=actor, invitation=invitation, what="invitation_declined")
    return invitation


def invitation_revoke(*, actor, invitation) -> None:
    """The inviter withdraws their own invitation (open or still waiting for approval)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not selectors.may_revoke(actor, invitation):
            raise PermissionDenied
        if not invitation.is_undecided:
            raise InvitationNotUsable
        invitation.revoked_at = timezone.now()
        invitation.revoked_by = actor
        invitation.save(update_fields=["revoked_at", "revoked_by"])
        if invitation.needs_approval:
            _audit(actor=actor, invitation=invitation, what="invitation_revoked")


def _accept(invitation, user):
    role_assign(
        actor=invitation.invited_by,
        user=user,
        role=invitation.role,
        office_type=invitation.office_type,
        body=invitation.body,
        invitation=invitation,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    _run_acceptance_hooks(invitation, user)
    if invitation.needs_approval:
        _audit(actor=user, invitation=invitation, what="invitation_accepted")


def invitation_accept(*, invitation, full_name, password) -> User:
    """Create the account of an open invitation, with its role. Works once. Refused when the
    address already has an account (that person accepts signed in,
    `invitation_accept_by_account`). Other inviters' invitations for the address stay as they
    are: each offers its own role, taken up only by the person's own choice."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise InvitationNotUsable
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationNotUsable
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip()
        )
        _accept(invitation, user)
    return user


def invitation_accept_by_account(*, actor, invitation) -> User:
    """The signed-in holder of the invited address takes up the invitation's role on their
    existing account, explicitly (a confirm button). Nobody else can: PermissionDenied."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not actor.is_authenticated or actor.email.lower() != invitation.email.lower():
            raise PermissionDenied
        if not invitation.is_open:
            raise InvitationNotUsable
        _accept(invitation, actor)
    return actor


def _run_acceptance_hooks(invitation, user):
    """Each app may finish an accepted invitation in the same transaction: an app whose
    `account_hooks.py` defines `invitation_accepted(*, invitation, user)` (e.g. the network
    app makes the new colleague a member of the inviting partner organisation)."""
    hooks.announce("invitation_accepted", invitation=invitation, user=user)


def role_revoke(*, actor, user, role, body=None) -> int:
    """Take a role away (all assignments of it, or only the one for `body`). Returns how many
    assignments were removed. Access that depended on the role ends with the next request."""
    assignments = RoleAssignment.objects.filter(user=user, role=role)
    if body is not None:
        assignments = assignments.filter(body=body)
    with transaction.atomic():
        removed, _details = assignments.delete()
    user.forget_cached_roles()
    return removed


def role_assignment_change(*, actor, assignment, role, office_type="", body=None) -> RoleAssignment:
    """Change one role assignment (the admin's role inline) as taking the old role away and
    giving the new one with `role_assign`: its checks (four eyes for a privileged role), the
    apps' hooks (a wethouder made burgemeester gets the starterspakket) and the admin flag,
    granted by `actor` now. An assignment whose role, office and body stay is left as it is."""
    with transaction.atomic():
        locked = RoleAssignment.objects.select_for_update().select_related("user")
        current = locked.get(pk=assignment.pk)
        body_id = body.pk if body is not None else None
        if (current.role, current.office_type, current.body_id) == (role, office_type, body_id):
            return current
        user = current.user
        current.delete()
        return role_assign(actor=actor, user=user, role=role, office_type=office_type, body=body)


def role_assignment_remove(*, actor, assignment) -> None:
    """Take one role assignment away (the admin's role inline). Access that depended on it
    ends with the next request."""
    user = assignment.user
    with transaction.atomic():
        RoleAssignment.objects.filter(pk=assignment.pk).delete()
    user.forget_cached_roles()


def user_language_set(*, actor: User, language: str) -> User:
    """Remember the language a person chose (the switcher in the footer): the interface and
    the e-mail they get from the portal (notifications render in `User.language`) use it."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Deze taal is niet beschikbaar."))
    if actor.language != language:
        actor.language = language
        actor.save(update_fields=["language"])
    return actor


def user_name_set(*, actor: User, full_name: str) -> User:
    """The signed-in person changes their own name ("Mijn account"). Spaces are tidied; an
    empty name is refused (ValidationError). Staff see the name on reports and applications,
    so a real change leaves an audit row (who, when; not the old or new name)."""
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError({"full_name": _("Vul uw naam in.")})
    max_length = User._meta.get_field("full_name").max_length
    if max_length is not None and len(full_name) > max_length:
        raise ValidationError({"full_name": _("Deze naam is te lang.")})
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        if user.full_name == full_name:
            return actor
        user.full_name = full_name
        user.save(update_fields=["full_name"])
        hooks.announce("step_recorded", actor=actor, obj=user, action="change", what="name_changed")
    actor.full_name = full_name
    return actor


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


def role_assignment_set_chair(*, actor, assignment, chairs: bool) -> RoleAssignment:
    """Mark a waterschapsbestuurder's role as the water board's chair (dijkgraaf), or unmark
    it. Only a water-board officeholder's role takes the mark (ValidationError otherwise)."""
    with transaction.atomic():
        current = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
        if current.chairs_body == chairs:
            return current
        if chairs and not (
            current.role == Role.OFFICEHOLDER
            and current.office_type == OfficeType.WATERSCHAPSBESTUURDER
        ):
            raise ValidationError(
                _("Alleen een waterschapsbestuurder kan voorzitter (dijkgraaf) zijn.")
            )
        current.chairs_body = chairs
        current.save(update_fields=["chairs_body"])
        # The chair applies to the fund on behalf of the body's officeholders: the mark is a
        # privileged step (audit/account_hooks.py writes the row).
        hooks.announce(
            "step_recorded",
            actor=actor,
            obj=current.user,
            action="change",
            what="chair_marked" if chairs else "chair_unmarked",
        )
        current.user.forget_cached_roles()
    return current
