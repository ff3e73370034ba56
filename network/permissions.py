"""Who may write what in the network app (read by the actions' checks, the views and the
navigation)."""

from . import workflow
from .models import Membership, MembershipRole, is_partner_member


def may_contribute(user) -> bool:
    return user.is_authenticated and (user.is_triage_staff or is_partner_member(user))


def may_edit(user, item) -> bool:
    """BZK staff, or the author while the item is theirs to edit and they are a partner."""
    return user.is_authenticated and (
        user.is_triage_staff
        or (
            item.author_id == user.pk
            and item.status in workflow.EDITABLE_BY_AUTHOR
            and is_partner_member(user)
        )
    )


def may_manage(user, organisation) -> bool:
    """BZK staff, or an active contact person of this organisation."""
    return user.is_authenticated and (
        user.is_triage_staff
        or Membership.objects.active()
        .filter(user=user, organisation=organisation, role=MembershipRole.CONTACT)
        .exists()
    )
