"""Who reads what: every audience and state against every kind of person (one table)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import OfficeType
from accounts.tests import factories as people
from network import actions
from network.models import Audience, KnowledgeItem, Membership
from network.tests.factories import item, member
from network.workflow import ItemStatus

pytestmark = pytest.mark.django_db

PUBLIC, SIGNED_IN, PARTNERS = Audience.PUBLIC, Audience.SIGNED_IN, Audience.PARTNERS


def former_member():
    user = member()
    actions.membership_end(actor=user, membership=Membership.objects.active().get(user=user))
    return user


PEOPLE = {
    "anonymous": AnonymousUser,
    "officeholder": lambda: people.officeholder(OfficeType.BURGEMEESTER),
    "griffier": people.griffier,
    "support_team": people.support_team_member,
    "partner_role_without_membership": people.partner,
    "partner_member": member,
    "former_member": former_member,
    "triage_staff": people.triage_staff,
}

# Which published audiences each person reads.
READS = {
    "anonymous": {PUBLIC},
    "officeholder": {PUBLIC, SIGNED_IN},
    "griffier": {PUBLIC, SIGNED_IN},
    "support_team": {PUBLIC, SIGNED_IN},
    "partner_role_without_membership": {PUBLIC, SIGNED_IN},
    "partner_member": {PUBLIC, SIGNED_IN, PARTNERS},
    "former_member": {PUBLIC, SIGNED_IN},
    "triage_staff": {PUBLIC, SIGNED_IN, PARTNERS},
}


@pytest.fixture
def published_items():
    return {
        audience: item(audience=audience, title=f"Item {audience}") for audience in Audience.values
    }


@pytest.mark.parametrize("who", list(PEOPLE))
def test_each_person_reads_exactly_the_audiences_of_the_table(who, published_items):
    user = PEOPLE[who]()
    visible = set(KnowledgeItem.objects.visible_to(user).values_list("audience", flat=True))
    assert visible == {str(audience) for audience in READS[who]}


@pytest.mark.parametrize("status", [ItemStatus.DRAFT, ItemStatus.IN_REVIEW, ItemStatus.WITHDRAWN])
@pytest.mark.parametrize("who", [w for w in PEOPLE if w != "triage_staff"])
def test_nobody_but_staff_and_the_author_reads_an_unpublished_item(who, status):
    author = member()
    unpublished = item(author=author, status=status, audience=PUBLIC)
    user = PEOPLE[who]()
    assert unpublished not in KnowledgeItem.objects.visible_to(user)
    assert unpublished in KnowledgeItem.objects.visible_to(author)
    assert unpublished in KnowledgeItem.objects.visible_to(people.triage_staff())


def test_leaving_the_organisation_ends_access_to_partner_items_at_once():
    partners_only = item(audience=PARTNERS)
    user = member()
    assert partners_only in KnowledgeItem.objects.visible_to(user)
    actions.membership_end(actor=user, membership=Membership.objects.active().get(user=user))
    assert partners_only not in KnowledgeItem.objects.visible_to(user)


def test_an_item_with_a_publication_date_in_the_future_waits():
    from datetime import timedelta

    from django.utils import timezone

    scheduled = item(audience=PUBLIC)
    KnowledgeItem.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() + timedelta(days=2)
    )
    assert scheduled not in KnowledgeItem.objects.visible_to(AnonymousUser())
