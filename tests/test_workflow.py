"""The shared state-machine helper (weerbaar/workflow.py): the table, the refusal, one event
row per move, status and event in one transaction; and every app's table built with it."""

import pytest

import homescan.workflow
import incidents.workflow
import network.workflow
import subsidies.workflow
from accounts.tests import factories as people
from network.models import JoinRequest, KnowledgeEvent, KnowledgeItem
from network.tests.factories import item, organisation
from network.workflow import ItemStatus, JoinRequestStatus
from weerbaar.workflow import TransitionNotAllowed, Transitions, move

WRITER = "writer"
EDITOR = "editor"

TABLE = Transitions(
    {
        (ItemStatus.DRAFT, ItemStatus.IN_REVIEW): frozenset({WRITER, EDITOR}),
        (ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED): frozenset({EDITOR}),
        (ItemStatus.IN_REVIEW, ItemStatus.DRAFT): frozenset({EDITOR}),
    },
    states=ItemStatus,
)


def test_the_table_says_who_may_make_a_move_and_nobody_for_a_move_outside_it():
    assert TABLE.who_may(ItemStatus.DRAFT, ItemStatus.IN_REVIEW) == {WRITER, EDITOR}
    assert TABLE.who_may(ItemStatus.DRAFT, ItemStatus.PUBLISHED) == frozenset()
    assert TABLE.parties == {WRITER, EDITOR}
    assert len(TABLE) == 3
    assert (ItemStatus.IN_REVIEW, ItemStatus.DRAFT) in TABLE


def test_the_table_lists_where_a_party_may_go_in_its_own_order():
    assert TABLE.allowed_targets(ItemStatus.IN_REVIEW, EDITOR) == ["published", "draft"]
    assert TABLE.allowed_targets(ItemStatus.IN_REVIEW, WRITER) == []
    assert TABLE.allowed_moves(ItemStatus.DRAFT, {WRITER}) == ["in_review"]
    assert TABLE.allowed_moves(ItemStatus.IN_REVIEW, {WRITER, EDITOR}) == ["published", "draft"]
    assert TABLE.allowed_moves(ItemStatus.PUBLISHED, {WRITER, EDITOR}) == []


def test_a_table_takes_only_non_empty_frozensets_of_parties():
    with pytest.raises(TypeError):
        Transitions({(ItemStatus.DRAFT, ItemStatus.IN_REVIEW): WRITER})
    with pytest.raises(TypeError):
        Transitions({(ItemStatus.DRAFT, ItemStatus.IN_REVIEW): frozenset()})


def test_a_refusal_names_both_states_in_dutch():
    with pytest.raises(TransitionNotAllowed, match="Van 'Concept' naar 'Gepubliceerd'"):
        TABLE.check(ItemStatus.DRAFT, ItemStatus.PUBLISHED, {EDITOR})
    with pytest.raises(TransitionNotAllowed, match="Alleen de redactie"):
        TABLE.check(
            ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED, {WRITER}, refusal="Alleen de redactie."
        )
    TABLE.check(ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED, {WRITER, EDITOR})


@pytest.mark.django_db
def test_a_move_sets_the_status_and_writes_exactly_one_event_row():
    draft = item(status=ItemStatus.DRAFT)
    editor = people.triage_staff(mfa=False)
    before = KnowledgeEvent.objects.filter(item=draft).count()
    event = move(
        draft,
        ItemStatus.IN_REVIEW,
        table=TABLE,
        actor=editor,
        parties={EDITOR},
        event=KnowledgeEvent,
        reason="Klaar",
    )
    draft.refresh_from_db()
    assert draft.status == ItemStatus.IN_REVIEW
    assert KnowledgeEvent.objects.filter(item=draft).count() == before + 1
    assert (event.item, event.actor, event.from_status, event.to_status, event.reason) == (
        draft,
        editor,
        ItemStatus.DRAFT,
        ItemStatus.IN_REVIEW,
        "Klaar",
    )


@pytest.mark.django_db
def test_a_refused_move_changes_nothing_and_writes_no_event():
    draft = item(status=ItemStatus.DRAFT)
    for to_state, parties in (
        (ItemStatus.PUBLISHED, {EDITOR}),  # not in the table
        (ItemStatus.IN_REVIEW, {"outsider"}),  # in the table, not for this party
        (ItemStatus.IN_REVIEW, set()),  # nobody
    ):
        with pytest.raises(TransitionNotAllowed):
            move(draft, to_state, table=TABLE, actor=None, parties=parties, event=KnowledgeEvent)
    draft.refresh_from_db()
    assert draft.status == ItemStatus.DRAFT
    assert not KnowledgeEvent.objects.filter(item=draft).exists()


@pytest.mark.django_db
def test_status_and_event_row_are_one_transaction():
    draft = item(status=ItemStatus.DRAFT)
    with pytest.raises(TypeError):  # the event row cannot be written
        move(
            draft,
            ItemStatus.IN_REVIEW,
            table=TABLE,
            actor=None,
            parties={WRITER},
            event=KnowledgeEvent,
            no_such_field="x",
        )
    assert KnowledgeItem.objects.get(pk=draft.pk).status == ItemStatus.DRAFT
    assert not KnowledgeEvent.objects.filter(item=draft).exists()


@pytest.mark.django_db
def test_a_move_saves_only_the_status_and_the_fields_named():
    draft = item(status=ItemStatus.DRAFT, title="Oud")
    draft.title = "Niet bewaard"
    draft.summary = "Wel bewaard"
    move(
        draft,
        ItemStatus.IN_REVIEW,
        table=TABLE,
        actor=None,
        parties={WRITER},
        event=KnowledgeEvent,
        extra_fields=["summary"],
    )
    stored = KnowledgeItem.objects.get(pk=draft.pk)
    assert (stored.status, stored.title, stored.summary) == ("in_review", "Oud", "Wel bewaard")


@pytest.mark.django_db
def test_a_move_without_an_event_model_writes_the_row_only():
    request = JoinRequest.objects.create(organisation=organisation(), user=people.UserFactory())
    result = move(
        request,
        JoinRequestStatus.REJECTED,
        table=network.workflow.JOIN_REQUEST_TRANSITIONS,
        actor=None,
        parties={network.workflow.MANAGER},
    )
    assert result is None
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.REJECTED


@pytest.mark.parametrize(
    "table",
    [
        incidents.workflow.TRANSITIONS,
        subsidies.workflow.TRANSITIONS,
        network.workflow.TRANSITIONS,
        network.workflow.JOIN_REQUEST_TRANSITIONS,
        homescan.workflow.TRANSITIONS,
    ],
)
def test_every_app_builds_its_table_with_the_shared_type(table):
    assert isinstance(table, Transitions)
    assert all(isinstance(parties, frozenset) and parties for parties in table.values())


def test_every_app_refuses_with_the_one_shared_exception():
    for module in (incidents.workflow, subsidies.workflow, network.workflow, homescan.workflow):
        assert module.TransitionNotAllowed is TransitionNotAllowed
