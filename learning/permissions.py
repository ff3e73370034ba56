"""Who may do what in the learning network (read by the actions' checks, the views and the
navigation). Everything in the network is for its participants alone: nothing is public."""

from accounts.models import Role, RoleAssignment
from network.models import Membership, MembershipRole

from .selectors.membership import seat_of


def takes_part(user) -> bool:
    """A participant (for a body or an organisation) or the host."""
    return seat_of(user).takes_part


def may_host(user) -> bool:
    """BZK staff host the network: they decide on requests, add and end participants, and
    moderate."""
    return user.is_authenticated and user.is_triage_staff


def may_manage_body(user, body_id) -> bool:
    """The griffier of a participating body adds and removes its people."""
    return body_id in seat_of(user).managed_body_ids


def bodies_to_request_for(user):
    """The bodies this person may ask to join for: those they are griffier of."""
    if not user.is_authenticated or not user.is_griffier:
        return []
    return [
        assignment.body
        for assignment in RoleAssignment.objects.filter(
            user=user, role=Role.GRIFFIER, body__isnull=False
        ).select_related("body")
    ]


def organisations_to_request_for(user):
    """The partner organisations this person may ask to join for: those they are the active
    contact person of."""
    if not user.is_authenticated:
        return []
    return [
        membership.organisation
        for membership in Membership.objects.active()
        .filter(user=user, role=MembershipRole.CONTACT, organisation__is_active=True)
        .select_related("organisation")
    ]


def may_request(user) -> bool:
    return bool(bodies_to_request_for(user) or organisations_to_request_for(user))
