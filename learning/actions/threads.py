"""The exchange: participants post questions and experiences and answer them; the author of a
thread marks answers helpful; BZK (the host) hides posts and locks threads; with the author's
consent BZK turns a thread into a draft practice example in the knowledge base.

Each write is atomic, locks the row it changes and leaves an audit row (no content in it). The
text is rendered from Markdown and sanitised here, every time it is written.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import audit
from network.actions import knowledge_item_create
from network.models import Audience, KnowledgeItem, KnowledgeKind
from network.rendering import render_markdown

from .. import notices
from ..models import Answer, ModerationAction, ModerationEvent, Thread
from ..permissions import may_host
from ..selectors.membership import seat_of
from ..selectors.threads import HOST, Voice, participant_people, voices_of

PRACTICE_AUDIENCES = (Audience.PUBLIC, Audience.PARTNERS)


class ThreadLocked(Exception):
    """The thread is locked: no new answers."""


class NoConsent(Exception):
    """The thread's author has not agreed to a practice example."""


class AlreadyPractice(Exception):
    """The thread became a practice example already."""


def _check_voice(actor, voice: Voice) -> dict:
    if voice.key not in {own.key for own in voices_of(actor)}:
        raise PermissionDenied
    if voice.key == HOST:
        return {"body": None, "organisation": None}
    return {"body": voice.body, "organisation": voice.organisation}


def _mention(*, actor, thread, post, mentioned):
    """Only participants can be mentioned, never the writer themselves."""
    ids = {person.pk for person in mentioned} - {actor.pk}
    if ids:
        people = list(participant_people().filter(pk__in=ids))
        notices.record_mentions(thread=thread, post=post, people=people)


def thread_create(*, actor, theme, kind, title, text, voice: Voice, mentioned=()) -> Thread:
    """A participant posts a question or an experience under a theme, for a body or
    organisation of their seat (or BZK as host). The people mentioned hear of it."""
    if not seat_of(actor).takes_part:
        raise PermissionDenied
    speaks_for = _check_voice(actor, voice)
    html, _toc = render_markdown(text)
    with transaction.atomic():
        thread = Thread.objects.create(
            theme=theme,
            kind=kind,
            title=title.strip(),
            text=text,
            text_html=html,
            author=actor,
            **speaks_for,
        )
        _mention(actor=actor, thread=thread, post=thread, mentioned=mentioned)
        audit.record(actor=actor, obj=thread, action="change", what="thread")
    return thread


def answer_create(*, actor, thread, text, voice: Voice, mentioned=()) -> Answer:
    """A participant answers a thread that is not locked nor hidden. Refused with ThreadLocked
    when it is locked."""
    if not seat_of(actor).takes_part:
        raise PermissionDenied
    speaks_for = _check_voice(actor, voice)
    html, _toc = render_markdown(text)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        if thread.is_locked or thread.is_hidden:
            raise ThreadLocked
        now = timezone.now()
        answer = Answer.objects.create(
            thread=thread, text=text, text_html=html, author=actor, created_at=now, **speaks_for
        )
        thread.last_activity_at = now
        thread.save(update_fields=["last_activity_at"])
        _mention(actor=actor, thread=thread, post=answer, mentioned=mentioned)
        audit.record(actor=actor, obj=answer, action="change", what="answer")
    return answer


def answer_mark_helpful(*, actor, answer, helpful: bool = True) -> Answer:
    """The thread's author marks an answer helpful, or takes the mark back. Any number of
    answers may be helpful. A hidden answer cannot be marked."""
    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("thread").get(pk=answer.pk)
        if answer.thread.author_id != actor.pk or not seat_of(actor).takes_part:
            raise PermissionDenied
        if helpful and answer.is_hidden:
            raise PermissionDenied
        if helpful != (answer.helpful_at is not None):
            answer.helpful_at = timezone.now() if helpful else None
            answer.save(update_fields=["helpful_at"])
            audit.record(
                actor=actor, obj=answer, action="change", what="helpful" if helpful else "unhelpful"
            )
    return answer


def _moderate(*, actor, model, post, action, reason=""):
    if not may_host(actor):
        raise PermissionDenied
    with transaction.atomic():
        post = model.objects.select_for_update().get(pk=post.pk)
        changed = []
        if action == ModerationAction.HIDE and post.hidden_at is None:
            post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), actor, reason
            changed = ["hidden_at", "hidden_by", "hidden_reason"]
        elif action == ModerationAction.SHOW and post.hidden_at is not None:
            post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
            changed = ["hidden_at", "hidden_by", "hidden_reason"]
        elif action == ModerationAction.LOCK and post.locked_at is None:
            post.locked_at, post.locked_by = timezone.now(), actor
            changed = ["locked_at", "locked_by"]
        elif action == ModerationAction.UNLOCK and post.locked_at is not None:
            post.locked_at, post.locked_by = None, None
            changed = ["locked_at", "locked_by"]
        if changed:
            post.save(update_fields=changed)
            is_answer = isinstance(post, Answer)
            ModerationEvent.objects.create(
                thread_id=post.thread_id if is_answer else post.pk,
                answer=post if is_answer else None,
                actor=actor,
                action=action,
                reason=reason,
            )
            audit.record(actor=actor, obj=post, action="change", what=f"moderation:{action}")
    return post


def thread_hide(*, actor, thread, reason) -> Thread:
    """BZK hides a thread, with a reason: participants see that the moderator hid it; its
    author and BZK still read it. No new answers while hidden."""
    return _moderate(
        actor=actor, model=Thread, post=thread, action=ModerationAction.HIDE, reason=reason
    )


def thread_show(*, actor, thread, reason="") -> Thread:
    return _moderate(
        actor=actor, model=Thread, post=thread, action=ModerationAction.SHOW, reason=reason
    )


def answer_hide(*, actor, answer, reason) -> Answer:
    """BZK hides one answer, with a reason; it loses its helpful mark's effect on nobody (the
    mark stays for the record) and shows as hidden to participants."""
    return _moderate(
        actor=actor, model=Answer, post=answer, action=ModerationAction.HIDE, reason=reason
    )


def answer_show(*, actor, answer, reason="") -> Answer:
    return _moderate(
        actor=actor, model=Answer, post=answer, action=ModerationAction.SHOW, reason=reason
    )


def thread_lock(*, actor, thread, reason="") -> Thread:
    """BZK locks a thread: it stays readable, nobody answers any more."""
    return _moderate(
        actor=actor, model=Thread, post=thread, action=ModerationAction.LOCK, reason=reason
    )


def thread_unlock(*, actor, thread, reason="") -> Thread:
    return _moderate(
        actor=actor, model=Thread, post=thread, action=ModerationAction.UNLOCK, reason=reason
    )


def thread_practice_consent(*, actor, thread, consent: bool) -> Thread:
    """The thread's author agrees (or no longer agrees) that BZK turns it into a practice
    example. Taking consent back is refused once the practice exists."""
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        if thread.author_id != actor.pk or not seat_of(actor).takes_part:
            raise PermissionDenied
        if not consent and thread.practice_id:
            raise AlreadyPractice
        if consent != (thread.practice_consent_at is not None):
            thread.practice_consent_at = timezone.now() if consent else None
            thread.save(update_fields=["practice_consent_at"])
            audit.record(
                actor=actor,
                obj=thread,
                action="change",
                what="practice_consent" if consent else "practice_consent_withdrawn",
            )
    return thread


def practice_draft_of(thread, answers) -> dict:
    """What a practice example starts from: the thread's title and text and the helpful answers'
    text, without who wrote them or for which body. BZK edits it before it is published."""
    kind = thread.get_kind_display().lower()
    parts = [_("## De %(kind)s") % {"kind": kind}, "", thread.text.strip()]
    helpful = [a for a in answers if a.helpful_at and not a.is_hidden and not a.erased_at]
    if helpful:
        parts += ["", _("## Wat hielp"), ""]
        for answer in helpful:
            parts += [answer.text.strip(), ""]
    return {
        "title": thread.title,
        "summary": _(
            "Uit het leernetwerk Veilig Vergaderen: een %(kind)s over %(theme)s, met de antwoorden "
            "die hielpen."
        )
        % {"kind": kind, "theme": str(thread.theme).lower()},
        "body": "\n".join(parts).strip() + "\n",
    }


def thread_to_practice(*, actor, thread, audience) -> KnowledgeItem:
    """BZK turns a thread whose author consented into a draft practice example of the
    knowledge base (readable by everyone or by partners once published); BZK then edits and
    publishes it through the knowledge base's review. Once per thread."""
    if not may_host(actor):
        raise PermissionDenied
    if audience not in PRACTICE_AUDIENCES:
        raise ValueError(f"audience {audience!r}")
    with transaction.atomic():
        thread = Thread.objects.select_for_update().select_related("theme").get(pk=thread.pk)
        if thread.practice_id:
            raise AlreadyPractice
        if thread.practice_consent_at is None:
            raise NoConsent
        with translation.override("nl"):
            draft = practice_draft_of(thread, list(thread.answers.all()))
        item = knowledge_item_create(
            actor=actor,
            kind=KnowledgeKind.PRACTICE,
            audience=audience,
            themes=[thread.theme],
            **draft,
        )
        thread.practice = item
        thread.save(update_fields=["practice"])
        audit.record(actor=actor, obj=thread, action="change", what="practice")
    return item
