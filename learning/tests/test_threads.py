"""The exchange: questions and experiences by theme, answers, helpful marks, moderation by BZK,
mentions through the outbox, and a thread turned into a practice example with its author's
consent. Participants, a participant of another body, BZK and an outsider."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.tests import factories as people
from audit.models import AccessEntry
from learning import actions, selectors
from learning.models import ModerationEvent, Thread, ThreadKind
from learning.selectors.threads import HOST
from network.models import Audience, KnowledgeKind, Theme
from network.workflow import ItemStatus
from notifications.delivery import build_message
from notifications.models import Notification

from .factories import approved_griffier, cohort_griffier

pytestmark = pytest.mark.django_db


@pytest.fixture
def griffier():
    return cohort_griffier()


@pytest.fixture
def colleague():
    """A griffier of another participating body."""
    return approved_griffier(people.municipality("GM0363"))


@pytest.fixture
def host():
    return people.triage_staff(full_name="Bea BZK")


@pytest.fixture
def outsider():
    return people.griffier(body=people.municipality("GM0014"))


def voice(user):
    return selectors.voices_of(user)[0]


def post(author, *, title="Publiek op de tribune", text="Hoe gaat u om met **onrust**?", **kw):
    return actions.thread_create(
        actor=author,
        theme=kw.pop("theme", None) or Theme.objects.get(slug="veilig-vergaderen"),
        kind=kw.pop("kind", ThreadKind.QUESTION),
        title=title,
        text=text,
        voice=voice(author),
        **kw,
    )


def answer(author, thread, text="Wij zetten een bode bij de deur.", **kw):
    return actions.answer_create(actor=author, thread=thread, text=text, voice=voice(author), **kw)


# --- writing ------------------------------------------------------------------------------


def test_a_participant_posts_a_question_for_their_body_rendered_and_sanitised(griffier):
    thread = post(griffier, text="Hoe **nu**? <script>alert(1)</script> [x](javascript:alert(1))")
    body = griffier.role_assignments.get().body
    assert thread.body == body and thread.organisation is None and thread.author == griffier
    assert "<strong>nu</strong>" in thread.text_html
    assert "<script>" not in thread.text_html and "javascript:" not in thread.text_html
    assert AccessEntry.objects.filter(actor=griffier, what="thread").exists()


def test_an_outsider_cannot_post(outsider):
    with pytest.raises(PermissionDenied):
        actions.thread_create(
            actor=outsider,
            theme=Theme.objects.first(),
            kind=ThreadKind.QUESTION,
            title="x",
            text="y",
            voice=selectors.threads.Voice(HOST, "BZK"),
        )


def test_a_participant_cannot_speak_for_another_body(griffier, colleague):
    with pytest.raises(PermissionDenied):
        actions.thread_create(
            actor=griffier,
            theme=Theme.objects.first(),
            kind=ThreadKind.EXPERIENCE,
            title="x",
            text="y",
            voice=voice(colleague),
        )


def test_bzk_speaks_as_host(host):
    assert [v.key for v in selectors.voices_of(host)] == [HOST]
    thread = post(host)
    assert thread.body is None and thread.organisation is None and thread.speaks_for is None


def test_another_participant_answers_and_the_thread_moves_up(griffier, colleague):
    thread = post(griffier)
    before = thread.last_activity_at
    reply = answer(colleague, thread)
    thread.refresh_from_db()
    assert reply.body == colleague.role_assignments.get().body
    assert thread.last_activity_at > before


def test_a_locked_thread_takes_no_answers(griffier, colleague, host):
    thread = post(griffier)
    actions.thread_lock(actor=host, thread=thread)
    with pytest.raises(actions.ThreadLocked):
        answer(colleague, thread)
    actions.thread_unlock(actor=host, thread=thread)
    answer(colleague, thread)
    assert list(ModerationEvent.objects.filter(thread=thread).values_list("action", flat=True)) == [
        "lock",
        "unlock",
    ]


def test_the_author_marks_several_answers_helpful_and_nobody_else_may(griffier, colleague, host):
    thread = post(griffier)
    first, second = answer(colleague, thread), answer(host, thread)
    actions.answer_mark_helpful(actor=griffier, answer=first)
    actions.answer_mark_helpful(actor=griffier, answer=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.helpful_at and second.helpful_at
    for other in (colleague, host):
        with pytest.raises(PermissionDenied):
            actions.answer_mark_helpful(actor=other, answer=first, helpful=False)
    actions.answer_mark_helpful(actor=griffier, answer=first, helpful=False)
    first.refresh_from_db()
    assert first.helpful_at is None
    assert AccessEntry.objects.filter(actor=griffier, what="unhelpful").count() == 1


# --- moderation ---------------------------------------------------------------------------


def test_bzk_hides_a_thread_with_a_reason_an_event_and_an_audit_row(griffier, colleague, host):
    thread = post(griffier)
    actions.thread_hide(actor=host, thread=thread, reason="Noemt een melder bij naam.")
    thread.refresh_from_db()
    assert thread.is_hidden and thread.hidden_by == host
    event = ModerationEvent.objects.get(thread=thread)
    assert (event.action, event.actor, event.answer) == ("hide", host, None)
    assert event.reason == "Noemt een melder bij naam."
    assert AccessEntry.objects.filter(actor=host, what="moderation:hide").exists()
    # Others no longer find it; its author and BZK do.
    assert thread not in selectors.listed_threads(colleague)
    assert thread in selectors.listed_threads(griffier)
    assert thread in selectors.listed_threads(host)
    with pytest.raises(actions.ThreadLocked):
        answer(colleague, thread)


def test_only_bzk_moderates(griffier, colleague):
    thread = post(griffier)
    reply = answer(colleague, thread)
    for person in (griffier, colleague):
        with pytest.raises(PermissionDenied):
            actions.thread_hide(actor=person, thread=thread, reason="x")
        with pytest.raises(PermissionDenied):
            actions.thread_lock(actor=person, thread=thread)
        with pytest.raises(PermissionDenied):
            actions.answer_hide(actor=person, answer=reply, reason="x")
    assert not ModerationEvent.objects.exists()


def test_a_hidden_thread_shows_the_moderator_note_to_participants_and_the_text_to_its_author(
    client, griffier, colleague, host
):
    thread = post(griffier, title="Een titel met een naam")
    actions.thread_hide(actor=host, thread=thread, reason="Naam")
    url = reverse("learning:thread", args=[thread.pk])
    client.force_login(colleague)
    page = client.get(url).content.decode()
    assert "Verborgen door de moderator" in page and "Een titel met een naam" not in page
    assert "onrust" not in page
    for reader in (griffier, host):
        client.force_login(reader)
        page = client.get(url).content.decode()
        assert "Een titel met een naam" in page and "Verborgen door de moderator" in page


def test_a_hidden_answer_shows_as_hidden_to_others(client, griffier, colleague, host):
    thread = post(griffier)
    reply = answer(colleague, thread, text="Een antwoord met een adres")
    actions.answer_hide(actor=host, answer=reply, reason="Adres")
    assert ModerationEvent.objects.get(answer=reply).thread == thread
    client.force_login(griffier)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Een antwoord met een adres" not in page and "Verborgen door de moderator" in page
    with pytest.raises(PermissionDenied):
        actions.answer_mark_helpful(actor=griffier, answer=reply)
    client.force_login(colleague)
    assert "Een antwoord met een adres" in client.get(thread.get_absolute_url()).content.decode()
    actions.answer_show(actor=host, answer=reply)
    client.force_login(griffier)
    assert "Een antwoord met een adres" in client.get(thread.get_absolute_url()).content.decode()


# --- mentions -----------------------------------------------------------------------------


def test_a_mention_notifies_the_participant_once_with_a_link_only(griffier, colleague, outsider):
    thread = post(griffier, title="Geheime titel", mentioned=[colleague, outsider, griffier])
    rows = Notification.objects.filter(kind="learning.mentioned")
    assert [row.recipient for row in rows] == [colleague]  # not the outsider, not oneself
    from learning import notices

    assert notices.record_mentions(thread=thread, post=thread, people=[colleague]) == []
    message = build_message(rows.get())
    text = message.subject + message.body
    assert thread.get_absolute_url() in text
    assert "Geheime titel" not in text and "onrust" not in text and griffier.full_name not in text


def test_a_mention_in_an_answer_is_a_new_notice(griffier, colleague):
    thread = post(griffier)
    answer(colleague, thread, mentioned=[griffier])
    answer(colleague, thread, mentioned=[griffier])
    assert Notification.objects.filter(kind="learning.mentioned", recipient=griffier).count() == 2


def test_only_participants_can_be_chosen_to_mention(griffier, colleague, host, outsider):
    people_listed = list(selectors.mentionable_people(griffier))
    assert colleague in people_listed and host in people_listed
    assert outsider not in people_listed and griffier not in people_listed


# --- from exchange to knowledge -----------------------------------------------------------


def test_bzk_needs_the_authors_consent_for_a_practice(griffier, host):
    thread = post(griffier)
    with pytest.raises(actions.NoConsent):
        actions.thread_to_practice(actor=host, thread=thread, audience=Audience.PUBLIC)
    with pytest.raises(PermissionDenied):
        actions.thread_practice_consent(actor=host, thread=thread, consent=True)


def test_a_consented_thread_becomes_a_draft_practice_without_names(griffier, colleague, host):
    thread = post(griffier, text="Onze tribune liep vol.")
    helpful = answer(colleague, thread, text="Een tweede uitgang hielp.")
    answer(colleague, thread, text="Dit hielp niet.")
    actions.answer_mark_helpful(actor=griffier, answer=helpful)
    actions.thread_practice_consent(actor=griffier, thread=thread, consent=True)
    with pytest.raises(PermissionDenied):
        actions.thread_to_practice(actor=griffier, thread=thread, audience=Audience.PUBLIC)
    item = actions.thread_to_practice(actor=host, thread=thread, audience=Audience.PARTNERS)
    assert (item.kind, item.status, item.audience) == (
        KnowledgeKind.PRACTICE,
        ItemStatus.DRAFT,
        Audience.PARTNERS,
    )
    assert list(item.themes.all()) == [thread.theme]
    assert "Onze tribune liep vol." in item.body and "Een tweede uitgang hielp." in item.body
    assert "Dit hielp niet." not in item.body
    text = item.title + item.summary + item.body
    for name in (griffier.full_name, colleague.full_name, str(thread.body), str(helpful.body)):
        assert name not in text
    assert item.government_body is None and item.author == host
    thread.refresh_from_db()
    assert thread.practice == item
    with pytest.raises(actions.AlreadyPractice):
        actions.thread_to_practice(actor=host, thread=thread, audience=Audience.PUBLIC)
    with pytest.raises(actions.AlreadyPractice):
        actions.thread_practice_consent(actor=griffier, thread=thread, consent=False)


# --- pages --------------------------------------------------------------------------------


def thread_urls(thread, reply):
    return [
        ("get", reverse("learning:threads")),
        ("get", reverse("learning:thread_create")),
        ("get", reverse("learning:thread", args=[thread.pk])),
        ("post", reverse("learning:thread_answer", args=[thread.pk])),
        ("post", reverse("learning:thread_hide", args=[thread.pk])),
        ("post", reverse("learning:thread_lock", args=[thread.pk])),
        ("post", reverse("learning:thread_consent", args=[thread.pk])),
        ("get", reverse("learning:thread_practice", args=[thread.pk])),
        ("post", reverse("learning:answer_helpful", args=[reply.pk])),
        ("post", reverse("learning:answer_hide", args=[reply.pk])),
    ]


def test_every_thread_url_is_a_404_to_a_non_participant(client, griffier, colleague, outsider):
    thread = post(griffier)
    reply = answer(colleague, thread)
    partner = __import__("network.tests.factories", fromlist=["member"]).member()
    for person in (outsider, partner, people.officeholder()):
        client.force_login(person)
        for method, url in thread_urls(thread, reply):
            assert getattr(client, method)(url).status_code == 404, (person, url)
    thread.refresh_from_db()
    assert not thread.is_locked and not thread.is_hidden and not thread.answers.count() > 1


def test_moderation_urls_are_a_404_to_participants(client, griffier, colleague):
    thread = post(griffier)
    reply = answer(colleague, thread)
    client.force_login(griffier)
    for name, pk in (
        ("thread_hide", thread.pk),
        ("thread_lock", thread.pk),
        ("answer_hide", reply.pk),
    ):
        assert (
            client.post(reverse(f"learning:{name}", args=[pk]), {"reason": "x"}).status_code == 404
        )
    assert client.get(reverse("learning:thread_practice", args=[thread.pk])).status_code == 404
    client.force_login(colleague)
    helpful = reverse("learning:answer_helpful", args=[reply.pk])
    assert client.post(helpful, {"helpful": "1"}).status_code == 404
    consent = reverse("learning:thread_consent", args=[thread.pk])
    assert client.post(consent, {"consent": "1"}).status_code == 404
    thread.refresh_from_db()
    reply.refresh_from_db()
    assert not thread.is_hidden and not thread.practice_consent_at and not reply.helpful_at


def test_the_pages_post_answer_mark_and_moderate(client, griffier, colleague, host):
    client.force_login(griffier)
    response = client.post(
        reverse("learning:thread_create"),
        {
            "kind": "question",
            "theme": Theme.objects.get(slug="veilig-vergaderen").pk,
            "title": "Camera's in de raadszaal?",
            "text": "Wie heeft ervaring?",
            "voice": voice(griffier).key,
            "mentioned": [colleague.pk],
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    client.force_login(colleague)
    client.post(
        reverse("learning:thread_answer", args=[thread.pk]),
        {"text": "Wij wel, het hielp.", "voice": voice(colleague).key},
    )
    reply = thread.answers.get()
    client.force_login(griffier)
    client.post(reverse("learning:answer_helpful", args=[reply.pk]), {"helpful": "1"})
    reply.refresh_from_db()
    assert reply.helpful_at
    client.force_login(host)
    client.post(reverse("learning:thread_lock", args=[thread.pk]))
    client.post(reverse("learning:answer_hide", args=[reply.pk]), {"reason": "Te persoonlijk"})
    client.post(reverse("learning:thread_hide", args=[thread.pk]), {"reason": ""})  # refused
    thread.refresh_from_db()
    reply.refresh_from_db()
    assert thread.is_locked and reply.is_hidden and not thread.is_hidden
    assert reply.hidden_reason == "Te persoonlijk"


def test_the_answer_form_shows_errors_on_the_thread_page(client, griffier):
    thread = post(griffier)
    client.force_login(griffier)
    response = client.post(reverse("learning:thread_answer", args=[thread.pk]), {"text": ""})
    assert response.status_code == 200
    assert "Publiek op de tribune" in response.content.decode()
    assert not thread.answers.exists()


def test_practice_page_and_post(client, griffier, host):
    thread = post(griffier)
    client.force_login(griffier)
    client.post(reverse("learning:thread_consent", args=[thread.pk]), {"consent": "1"})
    client.force_login(host)
    url = reverse("learning:thread_practice", args=[thread.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"audience": "public"})
    thread.refresh_from_db()
    assert response["Location"] == thread.practice.get_absolute_url()
    assert thread.practice.audience == Audience.PUBLIC


def test_the_list_costs_the_same_number_of_queries_for_3_or_13_threads(
    client, griffier, colleague, django_assert_num_queries
):
    def load():
        response = client.get(reverse("learning:threads"))
        assert response.status_code == 200
        return response

    for n in range(3):
        answer(colleague, post(griffier, title=f"Vraag {n}"))
    client.force_login(colleague)
    load()  # warm the per-process caches (themes, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        load()
    for n in range(10):
        answer(griffier, post(colleague, title=f"Ervaring {n}", kind=ThreadKind.EXPERIENCE))
    # session, user, roles (2), seat (4), themes, the capped count, the page, the navigation
    assert len(few) <= 12
    with django_assert_num_queries(len(few)):
        page = load().content.decode()
    assert "Ervaring 9" in page and "Vraag 0" in page


def test_the_exchange_in_english(client, griffier, colleague):
    from django.conf import settings

    thread = post(griffier)
    answer(colleague, thread)
    client.force_login(griffier)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = client.get(reverse("learning:threads")).content.decode()
    assert "<h1>Questions and experiences</h1>" in listing and "1 contribution" in listing
    detail = client.get(thread.get_absolute_url()).content.decode()
    assert "1 answer" in detail and "Mark as helpful" in detail and "Post answer" in detail


def test_a_mention_is_withdrawn_when_the_person_no_longer_takes_part(griffier, colleague, host):
    from learning.models import Participant
    from learning.notices import MENTIONED

    post(griffier, mentioned=[colleague])
    row = Notification.objects.get(kind="learning.mentioned")
    assert MENTIONED.still_wanted(row)
    actions.participant_end(actor=host, participant=Participant.objects.get())
    row = Notification.objects.get(pk=row.pk)  # a fresh recipient, as the sender reads it
    assert not MENTIONED.still_wanted(row)
