"""Which change in the learning network notifies whom, through the portal's one outbox
(notifications/).

Mentions: a participant named in a question, an experience or an answer hears that they were
mentioned, with a link to the thread; the mail holds neither the thread's title nor its text,
nor who wrote it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications import outbox
from notifications.kinds import Kind, register

from .selectors.membership import seat_of


def _thread_link(row):
    return reverse("learning:thread", args=[row.object_id])


def _still_takes_part(row):
    return row.recipient is not None and seat_of(row.recipient).takes_part


MENTIONED = register(
    Kind(
        code="learning.mentioned",
        label=_("Genoemd in het leernetwerk"),
        subject_template="learning/email/mentioned_subject.txt",
        body_template="learning/email/mentioned_body.txt",
        link=_thread_link,
        still_wanted=_still_takes_part,
    )
)


def record_mentions(*, thread, post, people):
    """Each person mentioned in `post` (the thread itself or one of its answers) hears it once:
    recording the same post again notifies nobody twice. Inside the transaction of the post."""
    event = "thread" if post is thread else f"answer:{post.pk}"
    return outbox.record(kind=MENTIONED, subject=thread, recipients=people, event=event)
