"""The training catalogue: trainings offered by BZK and the network's partners, their sessions,
and who signed up, waits, cancelled or attended.

A training belongs to its provider (a PartnerOrganisation; BZK is one too): that organisation's
active members and BZK staff edit it, add sessions and record attendance. Officeholders and
griffiers browse the catalogue and sign themselves up; a sign-up is its person's own, and
another person's sign-up or certificate is a 404 (see selectors and permissions).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.models import TransitionEvent

from .workflow import ACTIVE, RegistrationStatus


class Office(models.TextChoices):
    """Who a training is for: the offices of a municipality's administration and its griffier."""

    RAADSLID = "raadslid", _("Raadsleden")
    WETHOUDER = "wethouder", _("Wethouders")
    BURGEMEESTER = "burgemeester", _("Burgemeesters")
    GRIFFIER = "griffier", _("Griffiers")


class Training(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    topic = models.CharField(
        _("onderwerp"), max_length=200, help_text=_("Bijvoorbeeld: omgaan met agressie.")
    )
    description = models.TextField(_("omschrijving"), max_length=4000)
    provider = models.ForeignKey(
        "network.PartnerOrganisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="trainings",
    )
    for_raadslid = models.BooleanField(_("voor raadsleden"), default=False)
    for_wethouder = models.BooleanField(_("voor wethouders"), default=False)
    for_burgemeester = models.BooleanField(_("voor burgemeesters"), default=False)
    for_griffier = models.BooleanField(_("voor griffiers"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainingen")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:detail", args=[self.pk])

    @property
    def audience(self) -> list[str]:
        """The offices it is for, as labels in the order of Office."""
        return [str(office.label) for office in Office if getattr(self, f"for_{office.value}")]

    @property
    def offices(self) -> list[str]:
        """The offices it is for, as values of Office."""
        return [office.value for office in Office if getattr(self, f"for_{office.value}")]


class Session(models.Model):
    """One date of a training, at a place or online, with a number of places."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    online = models.BooleanField(_("online"), default=False)
    place = models.CharField(
        _("plaats"), max_length=200, blank=True, help_text=_("Adres en plaats, of leeg bij online.")
    )
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"))

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="training_session_has_a_place"
            ),
        ]

    def __str__(self):
        return f"{self.training} – {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def location(self) -> str:
        return str(_("Online")) if self.online else self.place


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)


class Registration(models.Model):
    """One person's sign-up for one session. A cancelled sign-up keeps its row; signing up
    again makes a new one (at the back of the waiting list, should the session be full)."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    # The office and body the person signed up in (one of the training's audience), kept as it
    # was then: the monitor counts reach by office and province. Empty on sign-ups made before
    # the audience was checked.
    office = models.CharField(_("functie"), max_length=20, choices=Office.choices, blank=True)
    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The griffier who signed a council member up, or None when the person signed up themselves.
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding voor een training")
        verbose_name_plural = _("aanmeldingen voor trainingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=ACTIVE),
                name="training_registration_one_active_per_person_and_session",
            )
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} → {self.session}"


class RegistrationEvent(TransitionEvent):
    """One change of a sign-up's status: who, from, to, when. Never edited."""

    subject_field = "registration"
    from_field = "from_status"
    to_field = "to_status"

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    # The sign-up's history outlives the provider's member who recorded attendance.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=10, choices=RegistrationStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=RegistrationStatus.choices)

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
