"""A practice example drafted from what happened at a prepared meeting: only with the
requester's consent, only by BZK staff, as a draft that holds nothing that identifies anyone."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from incidents.deployments import actions as deployment_actions
from incidents.models import PreparationRequest
from network import actions
from network.models import KnowledgeItem
from network.tests import factories as network_factories
from network.workflow import ItemStatus, TransitionNotAllowed

pytestmark = pytest.mark.django_db

IDENTIFYING = (
    "Markt",
    "asielzoekers",
    "verstoord",
    "Jan de Vries",
    "Rustig verlopen",
    "Verstoring",
    "Politie in de buurt",
)


@pytest.fixture
def staff():
    return people.triage_staff()


def done_preparation(staff, *, consent=True):
    griffier = people.griffier(full_name="Greet Griffier")
    preparation = deployment_actions.preparation_request(
        actor=griffier,
        data={
            "meeting_starts_at": timezone.now() + timedelta(days=10),
            "place": "Raadzaal, Markt 1",
            "subject": "Besluit over de opvang van asielzoekers",
            "expected_attendance": 120,
            "earlier_incidents": "Vorige keer werd de vergadering verstoord.",
        },
    )
    deployment_actions.preparation_plan(
        actor=staff,
        preparation=preparation,
        scenario="Verstoring: de voorzitter schorst.",
        agreements="Politie in de buurt.",
    )
    deployment_actions.deployment_create(
        actor=staff,
        preparation=preparation,
        data={"kind": "on_location"},
        members=[people.support_team_member(full_name="Mila Meedenker")],
    )
    PreparationRequest.objects.filter(pk=preparation.pk).update(
        meeting_starts_at=timezone.now() - timedelta(hours=2)
    )
    deployment_actions.preparation_close(
        actor=staff,
        preparation=preparation,
        what_happened="Rustig verlopen; Jan de Vries sprak in namens de buurt.",
    )
    if consent is not None:
        deployment_actions.preparation_practice_consent_set(
            actor=griffier, preparation=preparation, given=consent
        )
    preparation.refresh_from_db()
    return preparation


def test_staff_draft_a_practice_that_identifies_nobody(staff):
    preparation = done_preparation(staff)
    item, created = actions.knowledge_item_draft_practice_from_preparation(
        actor=staff, preparation=preparation
    )
    assert created
    assert item.kind == "practice" and item.status == ItemStatus.DRAFT
    assert item.published_at is None and item.author == staff
    assert item.preparation == preparation
    assert item.title == "Een gespannen vergadering van een gemeenteraad voorbereiden"
    assert "100 tot 250 bezoekers" in item.body and "op locatie" in item.body
    text = item.title + item.summary + item.body + item.body_html
    for content in (
        *IDENTIFYING,
        preparation.body.name,
        "Greet Griffier",
        "Mila Meedenker",
        str(timezone.localtime(preparation.meeting_starts_at).year),
    ):
        assert content not in text, content
    assert list(item.themes.values_list("slug", flat=True)) == ["veilig-vergaderen"]
    # Nobody but staff reads a draft; once per preparation.
    assert not KnowledgeItem.objects.visible_to(preparation.requester).filter(pk=item.pk).exists()
    again, created_again = actions.knowledge_item_draft_practice_from_preparation(
        actor=staff, preparation=preparation
    )
    assert (again, created_again) == (item, False)
    assert KnowledgeItem.objects.filter(preparation=preparation).count() == 1


@pytest.mark.parametrize("consent", [None, False])
def test_without_the_requesters_consent_no_practice_is_made(staff, consent):
    preparation = done_preparation(staff, consent=consent)
    with pytest.raises(TransitionNotAllowed):
        actions.knowledge_item_draft_practice_from_preparation(actor=staff, preparation=preparation)
    assert not KnowledgeItem.objects.exists()


def test_a_preparation_not_done_is_refused(staff):
    preparation = deployment_actions.preparation_request(
        actor=people.griffier(),
        data={
            "meeting_starts_at": timezone.now() + timedelta(days=3),
            "place": "Raadzaal",
            "subject": "Windmolens",
            "expected_attendance": 80,
            "earlier_incidents": "",
        },
    )
    with pytest.raises(TransitionNotAllowed):
        actions.knowledge_item_draft_practice_from_preparation(actor=staff, preparation=preparation)


def test_only_staff_draft_a_practice(staff, client):
    preparation = done_preparation(staff)
    url = reverse("network:practice_from_preparation", args=[preparation.pk])
    partner = network_factories.member()
    member = people.support_team_member()
    for user in (preparation.requester, partner, member, people.griffier()):
        with pytest.raises(PermissionDenied):
            actions.knowledge_item_draft_practice_from_preparation(
                actor=user, preparation=preparation
            )
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert not KnowledgeItem.objects.exists()


def test_staff_see_what_the_draft_holds_then_make_it_and_edit_it(staff, client):
    preparation = done_preparation(staff)
    client.force_login(staff)
    page = client.get(reverse("deployments:preparation", args=[preparation.pk])).content
    url = reverse("network:practice_from_preparation", args=[preparation.pk])
    assert url in page.decode() and "Toestemming gegeven" in page.decode()
    preview = client.get(url).content.decode()
    assert "Concept maken" in preview and "100 tot 250" in preview
    for content in IDENTIFYING:
        assert content not in preview.split("Zo begint het concept")[1], content
    response = client.post(url)
    item = KnowledgeItem.objects.get(preparation=preparation)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:item_edit", args=[item.pk])
    edit = client.get(response["Location"]).content.decode()
    assert "Dit concept komt uit een voorbereiding" in edit
    # Afterwards the button leads to the practice.
    assert client.get(url)["Location"] == item.get_absolute_url()
    assert client.post(url)["Location"] == item.get_absolute_url()
    assert KnowledgeItem.objects.count() == 1


def test_the_page_says_so_when_consent_is_missing(staff, client):
    preparation = done_preparation(staff, consent=False)
    client.force_login(staff)
    url = reverse("network:practice_from_preparation", args=[preparation.pk])
    page = client.get(url).content.decode()
    assert "geen toestemming" in page and "Concept maken" not in page
    assert client.post(url).status_code == 302
    assert not KnowledgeItem.objects.exists()


def test_once_drafted_the_requester_can_no_longer_change_the_answer(staff):
    preparation = done_preparation(staff)
    actions.knowledge_item_draft_practice_from_preparation(actor=staff, preparation=preparation)
    from incidents.workflow import TransitionNotAllowed as Refused

    with pytest.raises(Refused):
        deployment_actions.preparation_practice_consent_set(
            actor=preparation.requester, preparation=preparation, given=False
        )
