"""Who takes part in the learning network.

A participant is a government body (through its griffier and the people the griffier adds) or a
partner organisation (through its members); BZK hosts. A body whose Veilig Vergaderen grant was
awarded takes part from that moment, without a row here (`selectors.participating_body_ids`
reads the grants); any other body or organisation takes part once BZK approves its request, or
when BZK adds it, and that makes a `Participant` row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.models import TransitionEvent


class Via(models.TextChoices):
    COHORT = "cohort", _("Subsidie Veilig Vergaderen")
    REQUEST = "request", _("Aanvraag goedgekeurd door BZK")
    ADDED = "added", _("Toegevoegd door BZK")


class BodyOrOrganisation(models.Model):
    """For a government body or for a partner organisation, never both nor neither (each
    concrete model adds `body_xor_organisation(name)` to its constraints)."""

    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "network.PartnerOrganisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.body or self.organisation)


def body_xor_organisation(name: str) -> models.CheckConstraint:
    # Named by each model (the names predate this helper; a new name would be a migration).
    return models.CheckConstraint(
        condition=Q(body__isnull=True) ^ Q(organisation__isnull=True), name=name
    )


class Participant(BodyOrOrganisation):
    """A body or organisation that takes part because BZK approved or added it."""

    via = models.CharField(_("deelname via"), max_length=10, choices=Via.choices)
    joined_at = models.DateTimeField(_("deelnemer sinds"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("deelname beëindigd op"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("deelnemer leernetwerk")
        verbose_name_plural = _("deelnemers leernetwerk")
        constraints = [
            body_xor_organisation("learning_participant_body_xor_organisation"),
            models.UniqueConstraint(
                fields=["body"],
                condition=Q(ended_at__isnull=True, body__isnull=False),
                name="learning_participant_one_active_per_body",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(ended_at__isnull=True, organisation__isnull=False),
                name="learning_participant_one_active_per_organisation",
            ),
        ]


class NetworkMember(models.Model):
    """A person the griffier of a participating body adds (an officeholder of that body). The
    griffier takes part without a row; partner members take part through their membership."""

    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="learning_memberships",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lid leernetwerk")
        verbose_name_plural = _("leden leernetwerk")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user"],
                condition=Q(ended_at__isnull=True),
                name="learning_member_once_per_body",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.body})"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op BZK")
    APPROVED = "approved", _("Goedgekeurd")
    REFUSED = "refused", _("Afgewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class ParticipationRequest(BodyOrOrganisation):
    """A body's griffier, or a partner organisation's contact person, asks to take part."""

    motivation = models.TextField(_("waarom wilt u deelnemen?"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("toelichting bij het besluit"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("aanvraag deelname leernetwerk")
        verbose_name_plural = _("aanvragen deelname leernetwerk")
        ordering = ["requested_at", "pk"]
        constraints = [
            body_xor_organisation("learning_request_body_xor_organisation"),
            models.UniqueConstraint(
                fields=["body"],
                condition=Q(status="pending", body__isnull=False),
                name="learning_request_one_pending_per_body",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="pending", organisation__isnull=False),
                name="learning_request_one_pending_per_organisation",
            ),
        ]


class ParticipationEvent(TransitionEvent):
    """One row per decision on a request (who, from, to, when, why)."""

    subject_field = "request"
    from_field = "from_status"
    to_field = "to_status"

    request = models.ForeignKey(
        ParticipationRequest, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=10, choices=RequestStatus.choices)
    to_status = models.CharField(max_length=10, choices=RequestStatus.choices)
    reason = models.TextField(blank=True)
