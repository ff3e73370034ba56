"""Who may do what in the training catalogue (read by the actions' checks, the views and the
navigation)."""

from accounts.models import Role
from network.models import Membership, PartnerOrganisation, is_partner_member

from .models import Office


def may_browse(user) -> bool:
    """Officeholders and griffiers (who take trainings), partner members (who give them) and
    BZK staff."""
    return user.is_authenticated and (
        user.is_officeholder or user.is_griffier or user.is_triage_staff or is_partner_member(user)
    )


def may_sign_up(user) -> bool:
    return user.is_authenticated and (user.is_officeholder or user.is_griffier)


def fitting_roles(user, training) -> list[tuple[str, int]]:
    """The (office, body id) pairs in which this person is one of the training's audience: an
    officeholder role whose office the training is for, or a griffier role when it is for
    griffiers. Empty when the training is not meant for them (they cannot sign up)."""
    if not user.is_authenticated or not user.is_active:
        return []
    offices = set(training.offices)
    fits = []
    for role, office_type, body_id in user.remember_access(
        "training_roles",
        lambda: list(
            user.role_assignments.filter(role__in=(Role.OFFICEHOLDER, Role.GRIFFIER))
            .order_by("pk")
            .values_list("role", "office_type", "body_id")
        ),
    ):
        office = Office.GRIFFIER.value if role == Role.GRIFFIER else office_type
        if office in offices:
            fits.append((office, body_id))
    return fits


def is_in_audience(user, training) -> bool:
    return bool(fitting_roles(user, training))


def griffie_bodies(user) -> list[int]:
    """The bodies whose griffier this person is (they may sign up its officeholders)."""
    if not user.is_authenticated or not user.is_griffier:
        return []
    return user.remember_access(
        "training_griffie_bodies",
        lambda: list(
            user.role_assignments.filter(role=Role.GRIFFIER).values_list("body_id", flat=True)
        ),
    )


def may_sign_up_members(user, training) -> bool:
    """A griffier may sign up officeholders of their own body for a training meant for an
    office other than griffier (the officeholders themselves are checked per person)."""
    return bool(griffie_bodies(user)) and any(
        office != Office.GRIFFIER for office in training.offices
    )


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
