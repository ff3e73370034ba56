"""The audit trail: who read or changed a case, an application or a scan that is not theirs.

Rows hold who, which object, what kind of access, when and a hash of the session, never
content. They are append-only for everyone: the model refuses updates and deletes, so does its
queryset, the admin grants no permission at all, and on PostgreSQL a trigger refuses UPDATE and
DELETE of a row whatever the client (migration 0002).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .labels import label_of


class AppendOnly(PermissionError):
    """Raised on any attempt to change or remove an audit row."""


class Action(models.TextChoices):
    READ = "read", _("ingezien")
    CHANGE = "change", _("gewijzigd")


class AccessEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit rows are never changed.")

    def delete(self):
        raise AppendOnly("Audit rows are never deleted.")

    def _raw_delete(self, using):
        raise AppendOnly("Audit rows are never deleted.")

    def for_object(self, obj):
        return self.filter(object_type=object_type_of(obj), object_id=str(obj.pk))


def object_type_of(obj) -> str:
    return obj._meta.label_lower


class AccessEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # "incidents.incident", "subsidies.grantapplication", "homescan.scanresult"
    object_type = models.CharField(_("soort"), max_length=60)
    object_id = models.CharField(_("nummer"), max_length=40)
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    # What part was read or what changed, as a short code ("detail", "pdf", "status"); no content.
    what = models.CharField(_("onderdeel"), max_length=30, blank=True)
    # HMAC of the session key: links the reads of one session without revealing the key.
    session_hash = models.CharField(_("sessie"), max_length=64, blank=True)
    at = models.DateTimeField(_("wanneer"), default=timezone.now, db_index=True)

    objects = AccessEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage of wijziging")
        verbose_name_plural = _("inzagelogboek")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnly("Audit rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit rows are never deleted.")

    @property
    def what_label(self) -> str:
        """The part read or the change made, in Dutch words (see audit/labels.py)."""
        return label_of(self.what)


class RetentionMark(models.Model):
    """That an object's personal content was removed by retention or erasure, and when: makes
    the retention task idempotent and is its record. No content."""

    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    reason = models.CharField(max_length=20)  # "retention" or "erasure"
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="retention_once")
        ]

    def __str__(self):
        return f"{self.object_type} {self.object_id} {self.reason}"


class ErasureRequest(models.Model):
    """An officeholder asks for their account and reports to be erased (AVG art. 17).

    The request is made with the password, confirmed through a signed, expiring link sent to
    the account's address, and carried out by the retention task ERASURE_GRACE_DAYS after the
    confirmation, once a reminder has been mailed; until then the person can withdraw it. See
    audit/actions.py."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    TOKEN_SALT = "audit.erasure.confirm"  # noqa: S105 - a signing salt, not a secret

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(withdrawn_at__isnull=True, done_at__isnull=True),
                name="one_open_erasure_request",
            )
        ]

    def __str__(self):
        return f"erasure {self.user_id} {self.requested_at:%Y-%m-%d}"

    @property
    def due_at(self):
        """When the erasure is carried out (at the earliest): the grace period after the
        confirmation. None while unconfirmed."""
        if self.confirmed_at is None:
            return None
        return self.confirmed_at + timedelta(days=settings.ERASURE_GRACE_DAYS)
