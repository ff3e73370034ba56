"""A practice example published from an accounted Veilig Vergaderen grant: linked to the scheme
and the government that learned it, once per account, only by staff."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.tests import factories as people
from network import actions
from network.models import KnowledgeItem
from network.workflow import ItemStatus, TransitionNotAllowed
from subsidies import actions as subsidies_actions
from subsidies.tests import factories as grants

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return people.triage_staff()


def paid_with_account(staff, lessons="Betrek de bodes en de politie vroeg."):
    application = grants.decided().application
    subsidies_actions.application_mark_paid(actor=staff, application=application)
    account = subsidies_actions.account_submit(
        actor=application.created_by,
        application=application,
        what_was_done="De tribune staat nu achter glas.\nEn er is een tweede uitgang.",
        actual_costs=Decimal("14999.99"),
        lessons=lessons,
    )
    return application, account


def test_staff_publish_the_lessons_of_an_accounted_grant_once(staff):
    application, account = paid_with_account(staff)
    subsidies_actions.account_approve(actor=staff, application=application)

    practice, created = actions.knowledge_item_publish_practice_from_account(
        actor=staff, account=account
    )

    assert created
    assert practice.kind == "practice"
    assert practice.status == ItemStatus.PUBLISHED
    assert practice.title == "Veilig vergaderen in Utrecht"
    assert practice.scheme.slug == "veilig-vergaderen"
    assert practice.government_body == application.body
    assert practice.grant_account == account
    assert "Betrek de bodes en de politie vroeg." in practice.body_html
    assert '<h2 id="sectie-wat-hebben-we-geleerd">' in practice.body_html
    assert list(practice.themes.values_list("slug", flat=True)) == ["veilig-vergaderen"]
    again, created_again = actions.knowledge_item_publish_practice_from_account(
        actor=staff, account=account
    )
    assert again == practice and not created_again
    assert KnowledgeItem.objects.filter(grant_account=account).count() == 1


def test_an_account_that_is_not_approved_or_has_no_lessons_is_refused(staff):
    application, account = paid_with_account(staff, lessons="   ")
    with pytest.raises(TransitionNotAllowed):
        actions.knowledge_item_publish_practice_from_account(actor=staff, account=account)
    subsidies_actions.account_approve(actor=staff, application=application)
    with pytest.raises(TransitionNotAllowed):
        actions.knowledge_item_publish_practice_from_account(actor=staff, account=account)
    assert not KnowledgeItem.objects.exists()


def test_only_staff_publish_a_practice(staff):
    application, account = paid_with_account(staff)
    subsidies_actions.account_approve(actor=staff, application=application)
    with pytest.raises(PermissionDenied):
        actions.knowledge_item_publish_practice_from_account(
            actor=application.created_by, account=account
        )


def test_the_button_on_the_application_page_publishes_and_then_links(client, staff):
    application, account = paid_with_account(staff)
    detail = reverse("subsidies:detail", args=[application.pk])
    client.force_login(staff)
    assert "Publiceren als praktijkvoorbeeld" not in client.get(detail).content.decode()
    subsidies_actions.account_approve(actor=staff, application=application)
    assert "Publiceren als praktijkvoorbeeld" in client.get(detail).content.decode()

    url = reverse("network:practice_from_application", args=[application.pk])
    response = client.post(url)
    practice = KnowledgeItem.objects.get(grant_account=account)
    assert response.status_code == 302 and response.url == practice.get_absolute_url()
    html = client.get(detail).content.decode()
    assert "Publiceren als praktijkvoorbeeld" not in html
    assert practice.get_absolute_url() in html
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Geleerd door <strong>Gemeente Utrecht</strong>" in page
    assert "Veilig Vergaderen" in page


def test_no_button_for_an_account_whose_lessons_are_blank(client, staff):
    """The button shows only when the action would accept it: lessons of only white space are
    no lessons."""
    application, account = paid_with_account(staff, lessons="   \n  ")
    subsidies_actions.account_approve(actor=staff, application=application)
    client.force_login(staff)
    html = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Publiceren als praktijkvoorbeeld" not in html
    with pytest.raises(TransitionNotAllowed):
        actions.knowledge_item_publish_practice_from_account(actor=staff, account=account)


def test_the_griffier_cannot_use_the_staff_button(client, staff):
    application, account = paid_with_account(staff)
    subsidies_actions.account_approve(actor=staff, application=application)
    client.force_login(application.created_by)
    url = reverse("network:practice_from_application", args=[application.pk])
    assert client.post(url).status_code == 404
    assert not KnowledgeItem.objects.exists()
