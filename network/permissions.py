"""Who may write what in the network app (read by the actions' checks, the views and the
navigation)."""

from . import workflow
from .models import Membership, MembershipRole, is_partner_member


def may_contribute(user) -> bool:
    return user.is_authenticated and (user.is_triage_staff or is_partner_member(user))


def may_edit(user, item) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_triage_staff:
        return True
    return (
        item.author_id == user.pk
        and item.status in workflow.EDITABLE_BY_AUTHOR
        and is_partner_member(user)
    )


def may_manage(user, organisation) -> bool:
    """BZK staff, or an active contact person of this organisation."""
    if not user.is_authenticated:
        return False
    if user.is_triage_staff:
        return True
    return (
        Membership.objects.active()
        .filter(user=user, organisation=organisation, role=MembershipRole.CONTACT)
        .exists()
    )
