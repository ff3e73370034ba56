"""Test data for the network app: members of partner organisations and knowledge items,
built through the actions where it matters."""

from accounts.tests import factories as people
from network import actions
from network.models import Audience, KnowledgeKind, MembershipRole, PartnerOrganisation
from network.workflow import ItemStatus


def organisation(slug="nvvr"):
    return PartnerOrganisation.objects.get(slug=slug)


def member(org=None, role=MembershipRole.MEMBER, **kwargs):
    """A person with the partner role and an active membership of `org` (NVvR by default)."""
    user = people.UserFactory(**kwargs)
    actions.membership_add(actor=None, organisation=org or organisation(), user=user, role=role)
    user.forget_cached_roles()
    return user


def contact_person(org=None, **kwargs):
    return member(org, role=MembershipRole.CONTACT, **kwargs)


def item(
    *,
    author=None,
    status=ItemStatus.PUBLISHED,
    audience=Audience.PUBLIC,
    kind=KnowledgeKind.GUIDE,
    title="Veilig vergaderen",
    summary="Hoe een raadsvergadering openbaar en veilig blijft.",
    body="## Voorbereiding\n\nMaak een risicoanalyse van de vergadering.",
    staff=None,
    **kwargs,
):
    """A knowledge item in the given state, moved there through the workflow."""
    staff = staff or people.triage_staff(mfa=False)
    author = author or staff
    created = actions.knowledge_item_create(
        actor=author,
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        audience=audience,
        **kwargs,
    )
    if status == ItemStatus.DRAFT:
        return created
    actions.knowledge_item_transition(actor=author, item=created, to_status=ItemStatus.IN_REVIEW)
    if status == ItemStatus.IN_REVIEW:
        return created
    actions.knowledge_item_transition(actor=staff, item=created, to_status=ItemStatus.PUBLISHED)
    if status == ItemStatus.WITHDRAWN:
        actions.knowledge_item_transition(actor=staff, item=created, to_status=ItemStatus.WITHDRAWN)
    created.refresh_from_db()
    return created
