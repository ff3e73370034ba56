"""What network does when accounts announces something (see `accounts.hooks`)."""

from .models import Membership, OrganisationInvitation


def invitation_accepted(*, invitation, user):
    """A colleague invited by a partner organisation's contact person becomes a member of it,
    in the transaction of `accounts.actions.invitation_accept`."""
    link = (
        OrganisationInvitation.objects.filter(invitation=invitation)
        .select_related("organisation")
        .first()
    )
    if link is None:
        return
    Membership.objects.get_or_create(
        organisation=link.organisation,
        user=user,
        ended_at=None,
        defaults={"role": link.role, "added_by": invitation.invited_by},
    )
