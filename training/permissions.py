"""Who may do what in the training catalogue (read by the actions' checks, the views and the
navigation)."""

from network.models import Membership, PartnerOrganisation, is_partner_member


def may_browse(user) -> bool:
    """Officeholders and griffiers (who take trainings), partner members (who give them) and
    BZK staff."""
    return user.is_authenticated and (
        user.is_officeholder or user.is_griffier or user.is_triage_staff or is_partner_member(user)
    )


def may_sign_up(user) -> bool:
    return user.is_authenticated and (user.is_officeholder or user.is_griffier)


def may_offer(user) -> bool:
    """May add a training to the catalogue: BZK staff, or an active partner member (for their
    own organisation)."""
    return user.is_authenticated and (user.is_triage_staff or is_partner_member(user))


def provider_organisations(user):
    """The organisations this person may offer trainings for: all for BZK staff, their own
    for a partner member (an empty list for anyone else)."""
    if not user.is_authenticated:
        return PartnerOrganisation.objects.none()
    organisations = PartnerOrganisation.objects.filter(is_active=True)
    if user.is_triage_staff:
        return organisations
    return organisations.filter(
        memberships__user=user, memberships__ended_at__isnull=True
    ).distinct()


def may_manage(user, training) -> bool:
    """May edit the training, add sessions and record attendance: BZK staff, or an active
    member of the providing organisation."""
    return user.is_authenticated and (
        user.is_triage_staff
        or user.remember_access(
            f"training_provider_{training.provider_id}",
            lambda: (
                Membership.objects.active()
                .filter(user=user, organisation_id=training.provider_id)
                .exists()
            ),
        )
    )
