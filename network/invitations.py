"""Finishing an accepted invitation: a colleague invited by a partner organisation's contact
person becomes a member of it. Called by accounts.actions.invitation_accept, in its
transaction."""

from .models import Membership, OrganisationInvitation


def invitation_accepted(*, invitation, user):
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
