import io

import pytest
from django.core.management import call_command

from network.models import KnowledgeItem, Membership
from network.workflow import ItemStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_partner_an_organisation_and_fills_the_knowledge_base(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    membership = Membership.objects.active().get(user__email="partner@demo.test")
    assert membership.organisation.slug == "nvvr"
    published = KnowledgeItem.objects.filter(status=ItemStatus.PUBLISHED)
    assert published.count() == 10
    assert set(published.values_list("kind", flat=True)) == {
        "guide", "protocol", "model_document", "course", "practice", "news"
    }  # fmt: skip
    assert all("<script" not in html for html in published.values_list("body_html", flat=True))
    assert KnowledgeItem.objects.filter(status=ItemStatus.IN_REVIEW).count() == 1
    # BZK's practice draft from the demo mayor's prepared meeting (with the mayor's consent).
    [practice] = KnowledgeItem.objects.filter(preparation__isnull=False)
    assert (practice.kind, practice.status) == ("practice", ItemStatus.DRAFT)
    call_command("seed_demo", stdout=io.StringIO())
    assert KnowledgeItem.objects.count() == 12
    assert Membership.objects.filter(user__email="partner@demo.test").count() == 1
