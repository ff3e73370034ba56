"""Membership of partner organisations.

- An organisation's active contact person, and BZK staff, invite colleagues, decide on requests
  to join, and end other people's memberships.
- Anyone signed in may ask to join; every member may leave. Leaving or being removed ends
  access to partner-only knowledge with the next request; the last active membership also takes
  the partner role away.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import actions as accounts_actions
from accounts.models import Role
from weerbaar.workflow import move

from .. import notices
from ..models import (
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
    OrganisationInvitation,
)
from ..permissions import may_manage
from ..workflow import JOIN_REQUEST_TRANSITIONS, MANAGER


def _ensure_partner_role(*, actor, user):
    if not user.has_role(Role.PARTNER):
        accounts_actions.role_assign(actor=actor, user=user, role=Role.PARTNER)


@transaction.atomic
def membership_add(*, actor, organisation, user, role=MembershipRole.MEMBER) -> Membership:
    """Make `user` a member (BZK staff, or a contact person of the organisation). Gives the
    partner role. A person who is already an active member keeps that membership."""
    if actor is not None and not may_manage(actor, organisation):
        raise PermissionDenied
    existing = (
        Membership.objects.select_for_update()
        .filter(organisation=organisation, user=user, ended_at__isnull=True)
        .first()
    )
    if existing:
        return existing
    membership = Membership.objects.create(
        organisation=organisation, user=user, role=role, added_by=actor
    )
    _ensure_partner_role(actor=actor, user=user)
    user.forget_cached_roles()
    return membership


@transaction.atomic
def membership_set_role(*, actor, membership, role) -> Membership:
    """Make a member contact person, or back. Only BZK staff appoint contact persons."""
    if not actor.is_triage_staff:
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_active:
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_end(*, actor, membership) -> Membership:
    """End a membership: the member leaves, or a contact person or BZK staff remove them.
    Access to partner-only content ends at once; with no active membership left the person
    also loses the partner role."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_active:
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    if actor.pk != membership.user_id and not may_manage(actor, membership.organisation):
        raise PermissionDenied
    membership.ended_at = timezone.now()
    membership.ended_by = actor
    membership.save(update_fields=["ended_at", "ended_by"])
    user = membership.user
    if not Membership.objects.active().filter(user=user).exists():
        accounts_actions.role_revoke(actor=actor, user=user, role=Role.PARTNER)
    user.forget_cached_roles()
    if actor.pk == user.pk:
        actor.forget_cached_roles()
    return membership


def membership_invite(*, actor, organisation, email, full_name="", role=MembershipRole.MEMBER):
    """A contact person (or BZK staff) invites a colleague. Uses the accounts invitation, as
    the actor's own: it never touches another inviter's invitation for the address, answers
    the same whether or not the address has an account, and is rate-limited per inviter
    (`InvitationRateLimited`). On accepting (a new account, or an existing one that confirms
    signed in) the person gets the partner role and becomes a member of `organisation` (see
    network/account_hooks.py)."""
    if not may_manage(actor, organisation):
        raise PermissionDenied
    if role == MembershipRole.CONTACT and not actor.is_triage_staff:
        raise PermissionDenied
    with transaction.atomic():
        invitation = accounts_actions.invitation_create_unchecked(
            actor=actor, email=email, full_name=full_name, role=Role.PARTNER
        )
        OrganisationInvitation.objects.create(
            invitation=invitation, organisation=organisation, role=role
        )
    return invitation


def join_request_create(*, actor, organisation, motivation="") -> JoinRequest:
    """A signed-in person asks to join. Refused for current members and when a request of
    theirs is already waiting. The organisation's contact persons hear of it (a link only)."""
    if not actor.is_authenticated:
        raise PermissionDenied
    if not organisation.is_active:
        raise ValidationError(_("Deze organisatie neemt geen nieuwe leden aan."))
    if Membership.objects.active().filter(user=actor, organisation=organisation).exists():
        raise ValidationError(_("U bent al lid van deze organisatie."))
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                organisation=organisation, user=actor, motivation=motivation.strip()[:500]
            )
            notices.record_join_request(join_request)
            return join_request
    except IntegrityError as error:
        raise ValidationError(_("Uw aanmelding wacht al op een besluit.")) from error


@transaction.atomic
def join_request_decide(*, actor, join_request, approve: bool) -> JoinRequest:
    """The organisation's contact person or BZK staff approve or reject a waiting request.
    Approving makes the person a member (and a partner). A request decided before raises
    TransitionNotAllowed (the table in workflow.py); the request row records who decided and
    when, so the move writes no separate event row."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not may_manage(actor, join_request.organisation):
        raise PermissionDenied
    target = JoinRequestStatus.APPROVED if approve else JoinRequestStatus.REJECTED
    parties = {MANAGER}
    refusal = _("Over deze aanmelding is al besloten.")
    JOIN_REQUEST_TRANSITIONS.check(join_request.status, target, parties, refusal=refusal)
    if join_request.user_id == actor.pk and not actor.is_triage_staff:
        raise PermissionDenied
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    move(
        join_request,
        target,
        table=JOIN_REQUEST_TRANSITIONS,
        actor=actor,
        parties=parties,
        extra_fields=["decided_by", "decided_at"],
        refusal=refusal,
    )
    if approve:
        membership_add(actor=actor, organisation=join_request.organisation, user=join_request.user)
    return join_request
