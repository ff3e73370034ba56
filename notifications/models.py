"""The one outbox of the portal: one row per (event, recipient), written in the transaction of
the change that causes it, delivered after commit by a Celery worker or by the relay.

A row carries ids and a kind, never case content: the mail is rendered at delivery from the kind's
templates, which hold a link and at most a reference."""

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.fields import EncryptedTextField
from weerbaar.models import ChoiceLabels

from .kinds import label as kind_label

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class State(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    SENDING = "sending", _("Wordt verstuurd")
    RETRYING = "retrying", _("Wacht op nieuwe poging")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")
    WITHDRAWN = "withdrawn", _("Niet meer nodig")


# States a worker may still pick up (SENDING only once its lease has run out).
OPEN_STATES = (State.QUEUED, State.RETRYING, State.SENDING)


class Notification(ChoiceLabels, models.Model):
    MAX_ATTEMPTS = 10

    # The Message-ID of every copy of this mail: a repeat after a crash is recognisable as one.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=60)
    # One row per event and recipient, never two: "<kind>|<event>|<recipient>".
    key = models.CharField(max_length=255, unique=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    # An address other than the recipient's account address (their own choice), or the only
    # address when there is no account yet (an invitation).
    address = EncryptedTextField(blank=True, default="")
    language = models.CharField(max_length=8, default="nl")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When the address and the last error were emptied (notifications/privacy.py).
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False),
                name="notification_sent_has_sent_at",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state__in=["queued", "retrying", "sending"]),
                name="notification_due",
            ),
            models.Index(fields=["content_type", "object_id"], name="notification_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def label(self) -> "StrOrPromise":
        return kind_label(self.kind)

    @property
    def message_id(self) -> str:
        return f"<{self.uid}@{settings.NOTIFICATION_MESSAGE_ID_DOMAIN}>"


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Aangenomen door de mailserver")
    FAILED = "failed", _("Mislukt")
    # Set when a later attempt finds this one never finished (the worker died mid-send).
    INTERRUPTED = "interrupted", _("Afgebroken")


class DeliveryAttempt(ChoiceLabels, models.Model):
    """One try to hand a notification to the mail server: the history staff see per case."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["notification", "number"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "number"], name="delivery_attempt_once")
        ]

    def __str__(self) -> str:
        return f"{self.notification_id}/{self.number}"
