"""Writing, reviewing and publishing knowledge; Markdown is always sanitised."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests import factories as people
from network import actions
from network.models import KnowledgeEvent, KnowledgeItem, Tag
from network.rendering import render_markdown
from network.tests.factories import item, member, organisation
from network.workflow import TRANSITIONS, ItemStatus, TransitionNotAllowed

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    "<iframe src=https://evil.test></iframe>",
    "![beeld](https://evil.test/track.png)",
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML (text is harmless)."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes = set(), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)


@pytest.mark.parametrize("source", HOSTILE)
def test_markdown_never_lets_a_script_or_active_content_through(source):
    html, _toc = render_markdown(f"Tekst\n\n{source}\n\nMeer tekst")
    parsed = Elements(html)
    assert not parsed.tags & {"script", "img", "iframe", "svg", "style", "object", "embed"}
    for name, value in parsed.attributes:
        assert not name.startswith("on")
        assert not (value or "").lower().startswith(("javascript:", "data:"))
    assert "<script" not in html.lower()
    assert "Meer tekst" in html


def test_markdown_keeps_ordinary_formatting_and_starts_headings_at_level_two():
    html, toc = render_markdown(
        "# Voorbereiding\n\nEen **risicoanalyse** en een [protocol](https://example.test/p).\n\n"
        "## Tijdens de vergadering\n\n- één\n- twee\n"
    )
    assert '<h2 id="sectie-voorbereiding">Voorbereiding</h2>' in html
    assert '<h2 id="sectie-tijdens-de-vergadering">' in html
    assert "<h1" not in html
    assert "<strong>risicoanalyse</strong>" in html
    assert 'href="https://example.test/p"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "<li>één</li>" in html
    assert [entry["name"] for entry in toc] == ["Voorbereiding", "Tijdens de vergadering"]


def test_the_stored_html_of_an_item_is_sanitised_on_create_and_on_update():
    author = member()
    draft = actions.knowledge_item_create(
        actor=author,
        kind="guide",
        title="Titel",
        summary="Samenvatting",
        body="Hallo <script>alert(1)</script>",
        audience="public",
    )
    assert "<script" not in draft.body_html
    actions.knowledge_item_update(actor=author, item=draft, body="Nu <b onclick=x>vet</b>")
    draft.refresh_from_db()
    assert "onclick" not in Elements(draft.body_html).attributes
    assert "script" not in Elements(draft.body_html).tags


def test_a_partner_member_writes_a_draft_credited_to_their_organisation_with_tags():
    author = member()
    draft = actions.knowledge_item_create(
        actor=author,
        kind="protocol",
        title="  Protocol  ",
        summary="Kort",
        body="Tekst",
        audience="partners",
        tags=["tribune", "Tribune ", "beveiliging"],
    )
    assert draft.status == ItemStatus.DRAFT
    assert draft.organisation == organisation()
    assert draft.title == "Protocol"
    assert Tag.objects.count() == 2


def test_a_person_without_membership_may_not_contribute():
    for outsider in (people.partner(), people.griffier(), people.officeholder()):
        with pytest.raises(PermissionDenied):
            actions.knowledge_item_create(
                actor=outsider, kind="guide", title="T", summary="S", body="B", audience="public"
            )


def test_a_partner_may_not_credit_an_organisation_they_do_not_belong_to():
    with pytest.raises(PermissionDenied):
        actions.knowledge_item_create(
            actor=member(),
            kind="guide",
            title="T",
            summary="S",
            body="B",
            audience="public",
            organisation=organisation("vng"),
        )


def test_the_author_submits_staff_publish_and_every_move_is_recorded():
    author = member()
    staff = people.triage_staff()
    draft = item(author=author, status=ItemStatus.DRAFT)
    actions.knowledge_item_transition(actor=author, item=draft, to_status=ItemStatus.IN_REVIEW)
    with pytest.raises(TransitionNotAllowed):
        actions.knowledge_item_transition(actor=author, item=draft, to_status=ItemStatus.PUBLISHED)
    published = actions.knowledge_item_transition(
        actor=staff, item=draft, to_status=ItemStatus.PUBLISHED
    )
    assert published.published_at is not None
    assert published.review_on is not None
    moves = list(KnowledgeEvent.objects.filter(item=draft).values_list("to_status", "actor"))
    assert moves == [(ItemStatus.IN_REVIEW, author.pk), (ItemStatus.PUBLISHED, staff.pk)]


def test_staff_send_a_draft_back_only_with_a_reason():
    draft = item(author=member(), status=ItemStatus.IN_REVIEW)
    staff = people.triage_staff()
    with pytest.raises(ValidationError):
        actions.knowledge_item_transition(actor=staff, item=draft, to_status=ItemStatus.DRAFT)
    actions.knowledge_item_transition(
        actor=staff, item=draft, to_status=ItemStatus.DRAFT, reason="Voeg een bron toe."
    )
    assert KnowledgeEvent.objects.filter(item=draft, reason="Voeg een bron toe.").exists()


@pytest.mark.parametrize(("move", "party"), list(TRANSITIONS.items()))
def test_every_move_of_the_table_is_refused_to_an_outsider(move, party):
    from_status, to_status = move
    target = item(status=ItemStatus.DRAFT)
    KnowledgeItem.objects.filter(pk=target.pk).update(status=from_status)
    with pytest.raises(TransitionNotAllowed):
        actions.knowledge_item_transition(actor=member(), item=target, to_status=to_status)
    actions.knowledge_item_transition(
        actor=people.triage_staff(), item=target, to_status=to_status, reason="reden"
    )
    target.refresh_from_db()
    assert target.status == to_status


def test_a_move_outside_the_table_is_refused_even_to_staff():
    draft = item(status=ItemStatus.DRAFT)
    with pytest.raises(TransitionNotAllowed):
        actions.knowledge_item_transition(
            actor=people.triage_staff(), item=draft, to_status=ItemStatus.PUBLISHED
        )


def test_the_author_edits_only_a_draft_and_only_content_fields():
    author = member()
    draft = item(author=author, status=ItemStatus.DRAFT)
    with pytest.raises(ValueError):
        actions.knowledge_item_update(actor=author, item=draft, status=ItemStatus.PUBLISHED)
    actions.knowledge_item_transition(actor=author, item=draft, to_status=ItemStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        actions.knowledge_item_update(actor=author, item=draft, title="Anders")
    actions.knowledge_item_update(actor=people.triage_staff(), item=draft, title="Beter")
    draft.refresh_from_db()
    assert draft.title == "Beter"


def test_feedback_is_one_answer_per_person():
    published = item()
    reader = people.griffier()
    actions.feedback_record(actor=reader, item=published, useful=True)
    actions.feedback_record(actor=reader, item=published, useful=False)
    assert list(published.feedback.values_list("useful", flat=True)) == [False]
