"""Questions and experiences the participants share, by theme, and the answers to them.

Everything here is for the network's participants alone. Text is Markdown, rendered and
sanitised by the actions (network's renderer, as in the knowledge base) into `body_html`; no
view renders an author's text otherwise. BZK (the host) hides posts and locks threads; a hidden
post stays in the database for its author and the host, and each moderation leaves a row here
and an audit row.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import PostgresOnly


class ThreadKind(models.TextChoices):
    QUESTION = "question", _("Vraag")
    EXPERIENCE = "experience", _("Ervaring")


class SpeaksFor(models.Model):
    """Who wrote a post, and for whom they speak: a participating body, a partner
    organisation, or neither (BZK as host)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("namens overheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "network.PartnerOrganisation",
        verbose_name=_("namens organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("tekst"), max_length=10_000, help_text=_("Opmaak met Markdown."))
    # Rendered from `text` by the actions (Markdown, then sanitised); never written by hand.
    text_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.TextField(_("reden"), max_length=1000, blank=True)
    # Set by the writer's erasure (privacy.py): the post stays for the conversation around it,
    # without its writer and text (and a thread without its title).
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def speaks_for(self):
        """The body or organisation, or None when BZK speaks as host."""
        return self.body or self.organisation

    def hidden_from(self, user) -> bool:
        """Hidden content shows to its author and to the host only."""
        return self.is_hidden and not (user.pk == self.author_id or user.is_triage_staff)


class Thread(SpeaksFor):
    theme = models.ForeignKey(
        "network.Theme", verbose_name=_("thema"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=ThreadKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    last_activity_at = models.DateTimeField(default=timezone.now)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The author agrees that BZK turns the thread into a practice example; BZK does so once.
    practice_consent_at = models.DateTimeField(null=True, blank=True)
    practice = models.OneToOneField(
        "network.KnowledgeItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_thread",
    )
    # Kept current by PostgreSQL (title A, text B, Dutch stemming); NULL on SQLite, where the
    # search falls back to LIKE (selectors/threads.py).
    search_vector = models.GeneratedField(
        expression=PostgresOnly(
            SearchVector("title", weight="A", config="dutch")
            + SearchVector("text", weight="B", config="dutch"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("vraag of ervaring")
        verbose_name_plural = _("vragen en ervaringen")
        ordering = ["-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["-last_activity_at", "-id"], name="learning_thread_recent")]

    def __str__(self):
        return self.title or str(_("Verwijderde bijdrage"))

    def get_absolute_url(self):
        return reverse("learning:thread", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class Answer(SpeaksFor):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="answers")
    # The thread's author marks any number of answers helpful (not one "accepted" answer: an
    # experience can be helped by several).
    helpful_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"], name="learning_answer_thread")]

    def __str__(self):
        return f"{self.thread} #{self.pk}"


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Verborgen")
    SHOW = "show", _("Weer zichtbaar")
    LOCK = "lock", _("Gesloten")
    UNLOCK = "unlock", _("Heropend")


class ModerationEvent(models.Model):
    """One moderation by BZK: who, what (a thread or one answer), which action, when, why."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="moderations")
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="moderations"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=ModerationAction.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__isnull=True) | Q(action__in=["hide", "show"]),
                name="learning_moderation_answers_are_hidden_or_shown",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d})"
