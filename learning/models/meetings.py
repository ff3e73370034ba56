"""Meetings (bijeenkomsten) of the learning network: BZK plans them, participants register
(a place while there is one, else the waiting list), BZK records who attended and afterwards
adds the materials and a report. Everything here is for the network's participants alone."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.models import TransitionEvent


class MeetingRegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Aangemeld")
    WAITING = "waiting", _("Op de wachtlijst")
    CANCELLED = "cancelled", _("Afgemeld")
    ATTENDED = "attended", _("Aanwezig geweest")


# A registration that holds a place or a place in the queue: one per person per meeting.
ACTIVE = (
    MeetingRegistrationStatus.CONFIRMED,
    MeetingRegistrationStatus.WAITING,
    MeetingRegistrationStatus.ATTENDED,
)
# A registration that takes one of the meeting's places.
TAKING_A_PLACE = (MeetingRegistrationStatus.CONFIRMED, MeetingRegistrationStatus.ATTENDED)


class Meeting(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    online = models.BooleanField(_("online"), default=False)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    online_link = models.URLField(_("link naar de online bijeenkomst"), blank=True)
    agenda = models.TextField(_("agenda"), max_length=10000, blank=True)
    agenda_html = models.TextField(blank=True, editable=False)
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    report = models.TextField(_("verslag"), max_length=20000, blank=True)
    report_html = models.TextField(blank=True, editable=False)
    report_at = models.DateTimeField(null=True, blank=True)
    # Who wrote (or last corrected) the report: the host whose consent a practice example needs.
    report_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The report's writer agrees that BZK turns it into a practice example (for this text: a
    # change of the report takes the consent back); BZK does so once.
    practice_consent_at = models.DateTimeField(null=True, blank=True)
    practice = models.OneToOneField(
        "network.KnowledgeItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_meeting",
    )

    class Meta:
        verbose_name = _("bijeenkomst leernetwerk")
        verbose_name_plural = _("bijeenkomsten leernetwerk")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="learning_meeting_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="learning_meeting_has_a_place"
            ),
        ]

    def __str__(self):
        return f"{self.title} – {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("learning:meeting", args=[self.pk])

    @property
    def location(self) -> str:
        return str(_("Online")) if self.online else self.place

    @property
    def has_begun(self) -> bool:
        return self.starts_at <= timezone.now()


class MeetingRegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)


class MeetingRegistration(models.Model):
    """One person's registration for one meeting. A cancelled registration keeps its row;
    registering again makes a new one (at the back of the waiting list when it is full)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=MeetingRegistrationStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding voor een bijeenkomst")
        verbose_name_plural = _("aanmeldingen voor bijeenkomsten")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(status__in=ACTIVE),
                name="learning_registration_one_active_per_person_and_meeting",
            )
        ]
        indexes = [models.Index(fields=["meeting", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} → {self.meeting}"


class MeetingRegistrationEvent(TransitionEvent):
    """One change of a registration's status: who, from, to, when. Never edited."""

    subject_field = "registration"
    from_field = "from_status"
    to_field = "to_status"

    registration = models.ForeignKey(
        MeetingRegistration, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(
        max_length=10, choices=MeetingRegistrationStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=MeetingRegistrationStatus.choices)


def meeting_material_path(instance, filename):
    return f"learning/{instance.meeting_id}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class MeetingMaterial(models.Model):
    """A file shared after a meeting (slides, a handout), stored as the portal's checked copy."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(upload_to=meeting_material_path)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("materiaal van een bijeenkomst")
        verbose_name_plural = _("materiaal van bijeenkomsten")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return (self.file.name or "").rsplit(".", 1)[-1]
