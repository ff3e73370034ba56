"""A deployment of the Ondersteuningsteam (on a case, or for a preparation) and a request for
preparation support before a meeting with elevated risk. Imported by incidents.models, so the
models belong to the incidents app. Free text that can identify people or places is encrypted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.fields import EncryptedTextField
from weerbaar.models import ChoiceLabels

# What the audit trail names a read or change of a deployment or preparation.
AUDIT_LABELS = {
    "deployment": _("Inzetverslag"),
    "deployments": _("Inzetverslagen van de melding"),
    "deployment_create": _("Inzet vastgelegd"),
    "deployment_update": _("Inzet bijgewerkt"),
    "preparation": _("Voorbereidingsverzoek"),
    "preparation_plan": _("Voorbereiding gepland"),
    "preparation_done": _("Afloop van de voorbereiding vastgelegd"),
    "deployment_member_remove": _("Teamlid van een inzet teruggetrokken"),
    "preparation_practice_consent": _("Toestemming voor een praktijkvoorbeeld"),
}


class DeploymentKind(models.TextChoices):
    AFTERCARE = "aftercare", _("Nazorg")
    INTEGRITY = "integrity", _("Integriteit")
    SECURITY = "security", _("Beveiliging")
    ON_LOCATION = "on_location", _("Op locatie")


class Deployment(ChoiceLabels, models.Model):
    """One deployment of Ondersteuningsteam members: on a case (`incident`) or for a
    preparation (`preparation`), never both. Members of a deployment on a case also have a
    SupportDeployment row of that case, which is what lets them see it."""

    incident = models.ForeignKey(
        "incidents.Incident",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deployment_records",
    )
    preparation = models.ForeignKey(
        "incidents.PreparationRequest",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deployments",
    )
    # Blank until staff choose it: the quick "Inzetten" on the case page starts a record.
    kind = models.CharField(
        _("soort inzet"), max_length=20, choices=DeploymentKind.choices, blank=True
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("teamleden"), related_name="deployment_records"
    )
    place = EncryptedTextField(_("plaats"), blank=True)
    starts_at = models.DateTimeField(_("begint op"), null=True, blank=True)
    ends_at = models.DateTimeField(_("eindigt op"), null=True, blank=True)
    what_was_done = EncryptedTextField(_("wat is er gedaan"), blank=True)
    outcome = EncryptedTextField(_("uitkomst"), blank=True)
    agreements = EncryptedTextField(_("vervolgafspraken"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzetten")
        ordering = ["starts_at", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(incident__isnull=False, preparation__isnull=True)
                | Q(incident__isnull=True, preparation__isnull=False),
                name="deployment_on_case_or_preparation",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gte=models.F("starts_at")),
                name="deployment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="deployment_starts")]

    def __str__(self):
        return f"{_('Inzet')} {self.pk}"


class PreparationStatus(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    PLANNED = "planned", _("Gepland")
    DONE = "done", _("Afgerond")


class PracticeConsent(models.TextChoices):
    """The requester's answer: may BZK make a practice example of what happened?"""

    GIVEN = "given", _("Toestemming gegeven")
    REFUSED = "refused", _("Nee, geen praktijkvoorbeeld")


class PreparationRequest(ChoiceLabels, models.Model):
    """A mayor or griffier asks BZK for help preparing a public meeting with elevated risk.
    BZK plans it (scenario and agreements), may deploy members, and records afterwards what
    happened. Seen by the requester, BZK staff and the members deployed for it."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanvrager"),
        on_delete=models.PROTECT,
        related_name="preparation_requests",
    )
    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PreparationStatus.choices,
        default=PreparationStatus.REQUESTED,
    )
    meeting_starts_at = models.DateTimeField(_("datum en tijd van de vergadering"))
    place = EncryptedTextField(_("plaats"))
    subject = EncryptedTextField(_("onderwerp"))
    expected_attendance = models.PositiveIntegerField(_("verwacht aantal bezoekers"))
    earlier_incidents = EncryptedTextField(_("eerdere incidenten"), blank=True)
    scenario = EncryptedTextField(_("scenario's"), blank=True)
    agreements = EncryptedTextField(_("afspraken"), blank=True)
    what_happened = EncryptedTextField(_("wat er is gebeurd"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The requester's answer to "may BZK turn what happened into a practice example in the
    # knowledge base?" and when they gave it; blank until asked and answered.
    practice_consent = models.CharField(
        _("toestemming voor een praktijkvoorbeeld"),
        max_length=10,
        choices=PracticeConsent.choices,
        blank=True,
    )
    practice_consent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("voorbereidingsverzoek")
        verbose_name_plural = _("voorbereidingsverzoeken")
        ordering = ["meeting_starts_at", "pk"]
        indexes = [models.Index(fields=["meeting_starts_at"], name="preparation_meeting")]

    def __str__(self):
        return f"{_('Voorbereiding')} {self.pk}"
