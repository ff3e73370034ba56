"""The Basisscan veilige woning (home safety scan) and the starterspakket for new mayors.

The questionnaire is data that BZK staff maintain: questions, answer options, weights, advice
texts and the risk thresholds belong to one `QuestionnaireVersion`. A published version never
changes again; a change is a new version (copied, edited as a draft, then published), so every
`ScanResult` keeps the exact version it was made with.

Every text a reader sees has an English field next to the Dutch one (`text_en`, ...), blank
until staff translate it; `weerbaar.content_language.localized` shows it in the reader's
language and falls back to Dutch. A translation is not a change of the questionnaire: the
English fields of a published version may still be filled in (see `_LockedWithVersion`).

The answers of a scan say where a threatened person lives and how well their home is protected:
they are encrypted at rest and only the owner sees them, unless the owner shares the result
with BZK staff; every staff read leaves an audit row (audit.AccessEntry), which the owner sees.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.fields import EncryptedTextField

from .workflow import VersionStatus


class VersionLocked(Exception):
    """A published or retired questionnaire version cannot be changed; make a new version."""


class RiskLevel(models.TextChoices):
    LOW = "low", _("Laag")
    ELEVATED = "elevated", _("Verhoogd")
    HIGH = "high", _("Hoog")


RISK_ORDER = {RiskLevel.LOW: 0, RiskLevel.ELEVATED: 1, RiskLevel.HIGH: 2}


class SecurityLevel(models.TextChoices):
    """The outcome of a starterspakket's risk analysis (homescan/risk_analysis.py)."""

    BASIC = "basic", _("Basis")
    ELEVATED = "elevated", _("Verhoogd")
    HIGH = "high", _("Hoog")


class Priority(models.IntegerChoices):
    URGENT = 1, _("Direct regelen")
    SOON = 2, _("Binnen enkele weken")
    CONSIDER = 3, _("Overwegen")


class Questionnaire(models.Model):
    name = models.CharField(_("naam"), max_length=150)
    name_en = models.CharField(_("naam (Engels)"), max_length=150, blank=True)
    slug = models.SlugField(_("korte naam"), unique=True)

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def current_version(self):
        return self.versions.filter(status=VersionStatus.PUBLISHED).first()


class QuestionnaireVersion(models.Model):
    """One version of the questionnaire: the questions, the weights and the thresholds."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    introduction = models.TextField(_("inleiding"), blank=True)
    introduction_en = models.TextField(_("inleiding (Engels)"), blank=True)
    elevated_from = models.PositiveIntegerField(
        _("verhoogd risico vanaf (punten)"),
        help_text=_("Een score vanaf dit aantal punten geeft een verhoogd risico."),
    )
    high_from = models.PositiveIntegerField(
        _("hoog risico vanaf (punten)"),
        help_text=_("Een score vanaf dit aantal punten geeft een hoog risico."),
    )
    change_note = models.TextField(_("wat is er veranderd"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie van de vragenlijst")
        verbose_name_plural = _("versies van de vragenlijst")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="homescan_version_unique_number"
            ),
            # At most one published version per questionnaire: the one new scans use.
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=Q(status="published"),
                name="homescan_one_published_version",
            ),
            models.CheckConstraint(
                condition=Q(high_from__gt=models.F("elevated_from")),
                name="homescan_version_thresholds_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.questionnaire} v{self.number} ({self.get_status_display()})"

    TRANSLATION_FIELDS = ("introduction_en",)

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("update_fields"):
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored and stored.status != VersionStatus.DRAFT:
                kwargs["update_fields"] = _translation_only(self, stored)
        super().save(*args, **kwargs)

    @property
    def is_draft(self):
        return self.status == VersionStatus.DRAFT


def _translation_only(obj, stored):
    """The English fields that changed on a locked object, or VersionLocked if anything else
    changed. A translation says the same in another language: it changes neither the scoring
    (weights, floors, thresholds) nor the Dutch text a scan was made with, so it may be added
    to a published version; the scans made with that version are then shown in English too."""
    changed = [
        field.attname
        for field in obj._meta.concrete_fields
        if getattr(obj, field.attname) != getattr(stored, field.attname)
    ]
    if any(name not in obj.TRANSLATION_FIELDS for name in changed):
        raise VersionLocked(obj)
    return changed


class _LockedWithVersion(models.Model):
    """Questions and options belong to a version and change only while it is a draft; only
    their English translation may still be filled in afterwards."""

    TRANSLATION_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._version_status() != VersionStatus.DRAFT:
            stored = type(self).objects.filter(pk=self.pk).first() if self.pk else None
            if stored is None:
                raise VersionLocked(self)
            kwargs["update_fields"] = _translation_only(self, stored)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._version_status() != VersionStatus.DRAFT:
            raise VersionLocked(self)
        return super().delete(*args, **kwargs)

    def _version_status(self):
        raise NotImplementedError


class Theme(models.TextChoices):
    ADDRESS = "address", _("Vindbaarheid van uw adres")
    HOME = "home", _("Uw woning")
    ROUTINE = "routine", _("Routines en route")
    ONLINE = "online", _("Online zichtbaarheid")
    HISTORY = "history", _("Eerdere incidenten")


class Question(_LockedWithVersion):
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    text = models.CharField(_("vraag"), max_length=300)
    text_en = models.CharField(_("vraag (Engels)"), max_length=300, blank=True)
    help_text = models.TextField(_("toelichting"), blank=True)
    help_text_en = models.TextField(_("toelichting (Engels)"), blank=True)

    TRANSLATION_FIELDS = ("text_en", "help_text_en")

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.text

    def _version_status(self):
        return QuestionnaireVersion.objects.values_list("status", flat=True).get(pk=self.version_id)


class AnswerOption(_LockedWithVersion):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    label = models.CharField(_("antwoord"), max_length=300)
    label_en = models.CharField(_("antwoord (Engels)"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("gewicht (punten)"), default=0, help_text=_("0 is geen risico.")
    )
    raises_to = models.CharField(
        _("risico minstens"),
        max_length=10,
        choices=RiskLevel.choices,
        blank=True,
        help_text=_("Dit antwoord geeft altijd minstens dit risico, wat de score ook is."),
    )
    advice = models.TextField(_("advies"), blank=True)
    advice_en = models.TextField(_("advies (Engels)"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("prioriteit van het advies"), choices=Priority.choices, default=Priority.CONSIDER
    )
    measure_kind = models.CharField(
        _("soort maatregel (fonds)"),
        max_length=40,
        blank=True,
        help_text=_(
            "Code van een maatregel van het Fonds beveiligingsmaatregelen, bv. home_security."
        ),
    )
    measure_description = models.CharField(
        _("omschrijving maatregel (fonds)"), max_length=300, blank=True
    )
    measure_description_en = models.CharField(
        _("omschrijving maatregel (fonds, Engels)"), max_length=300, blank=True
    )

    TRANSLATION_FIELDS = ("label_en", "advice_en", "measure_description_en")

    class Meta:
        verbose_name = _("antwoordmogelijkheid")
        verbose_name_plural = _("antwoordmogelijkheden")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.label

    def _version_status(self):
        return QuestionnaireVersion.objects.values_list("status", flat=True).get(
            questions__pk=self.question_id
        )


class ScanResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The owner sees their own scans; BZK staff (triage) only the ones shared with them;
        nobody else anything."""
        if not user.is_authenticated:
            return self.none()
        condition = Q(owner=user)
        if user.is_triage_staff:
            condition |= Q(shared_with_staff_at__isnull=False)
        return self.filter(condition)


class ScanResult(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="home_scans"
    )
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="results"
    )
    # {question id: option id} as JSON, encrypted: see answers / set_answers.
    answers_data = EncryptedTextField(_("antwoorden"))
    score = models.PositiveIntegerField(_("score"))
    risk_level = models.CharField(_("risico"), max_length=10, choices=RiskLevel.choices)
    created_at = models.DateTimeField(_("ingevuld op"), default=timezone.now)
    shared_with_staff_at = models.DateTimeField(_("gedeeld met BZK op"), null=True, blank=True)
    fund_application = models.ForeignKey(
        "subsidies.GrantApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fund_requested_at = models.DateTimeField(_("bijdrage gevraagd op"), null=True, blank=True)

    objects = ScanResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("basisscan")
        verbose_name_plural = _("basisscans")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self):
        return f"{_('Basisscan')} {self.pk}"

    @property
    def answers(self):
        return {int(key): value for key, value in json.loads(self.answers_data or "{}").items()}

    def set_answers(self, answers):
        self.answers_data = json.dumps({str(key): value for key, value in answers.items()})

    @property
    def is_shared(self):
        return self.shared_with_staff_at is not None


class StarterKitQuerySet(models.QuerySet):
    def incomplete(self):
        return self.filter(completed_at__isnull=True)

    def overdue(self, *, now=None):
        now = now or timezone.now()
        due_before = now - timedelta(days=settings.STARTER_KIT_DUE_DAYS)
        return self.incomplete().filter(created_at__lte=due_before)


class StarterKit(models.Model):
    """The starterspakket of one newly appointed mayor: a checklist of first steps."""

    mayor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="starter_kit"
    )
    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    objects = StarterKitQuerySet.as_manager()

    class Meta:
        verbose_name = _("starterspakket")
        verbose_name_plural = _("starterspakketten")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{_('Starterspakket')} {self.mayor}"

    @property
    def due_on(self):
        return (self.created_at + timedelta(days=settings.STARTER_KIT_DUE_DAYS)).date()

    @property
    def security_level_label(self):
        """The level of the kit's risk analysis, as annotated by selectors.starter_kits."""
        level = getattr(self, "security_level", "")
        return SecurityLevel(level).label if level else ""


class StarterKitItem(models.Model):
    kit = models.ForeignKey(StarterKit, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)

    class Meta:
        verbose_name = _("onderdeel starterspakket")
        verbose_name_plural = _("onderdelen starterspakket")
        ordering = ["kit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["kit", "code"], name="homescan_kit_item_once")
        ]

    def __str__(self):
        return self.code

    @property
    def is_done(self):
        return self.done_at is not None


class RiskAnalysisQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The mayor sees the analysis of their own starterspakket; BZK staff (triage) every
        analysis; nobody else any (not the griffie, not colleagues of the same body)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_triage_staff:
            return self.all()
        return self.filter(kit__mayor=user)


class RiskAnalysis(models.Model):
    """The risk analysis of one starterspakket: the level of the mayor's home scan (never its
    answers), the questions about the municipality and the role that BZK staff answer, and the
    police's advice, ending in a security level (scored by risk_analysis.assess)."""

    kit = models.OneToOneField(StarterKit, on_delete=models.CASCADE, related_name="risk_analysis")
    # The scan the mayor included; its level is copied, so deleting the scan keeps the analysis.
    scan = models.ForeignKey(
        ScanResult, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    home_risk_level = models.CharField(
        _("risico van de woning"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    home_scanned_at = models.DateTimeField(_("scan ingevuld op"), null=True, blank=True)
    # {question code: option code} of risk_analysis.QUESTIONS as JSON, encrypted (it names
    # signs of undermining in a municipality): see answers / set_answers.
    answers_data = EncryptedTextField(_("antwoorden van BZK"), blank=True)
    police_advice = EncryptedTextField(_("advies van de politie"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("ingevuld door BZK op"), null=True, blank=True)
    # The outcome, kept for the staff overview (recomputed by every change of a part).
    points = models.PositiveSmallIntegerField(_("punten"), null=True, blank=True)
    level = models.CharField(
        _("beveiligingsniveau"), max_length=10, choices=SecurityLevel.choices, blank=True
    )
    level_set_at = models.DateTimeField(_("niveau bepaald op"), null=True, blank=True)
    fund_requested_at = models.DateTimeField(_("bijdrage gevraagd op"), null=True, blank=True)

    objects = RiskAnalysisQuerySet.as_manager()

    class Meta:
        verbose_name = _("risicoanalyse")
        verbose_name_plural = _("risicoanalyses")

    def __str__(self):
        return f"{_('Risicoanalyse')} {self.kit_id}"

    @property
    def answers(self):
        return json.loads(self.answers_data or "{}")

    def set_answers(self, answers):
        self.answers_data = json.dumps(dict(answers))
