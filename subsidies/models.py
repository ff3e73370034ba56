"""Grant schemes (regelingen) and the applications griffiers make for them.

A scheme is data: its budget, dates, who may apply and which measures count are edited in the
admin, not in code; so is its English (the description and the measure types, shown through
weerbaar.content_language; the scheme's name is a proper name and stays as it is). An
application belongs to one government body and one scheme (one per body per scheme); its content
changes only while it is a draft or when staff ask for more information, and every time it is
sent in a revision keeps a snapshot of what was sent.
"""

import uuid
from calendar import monthrange
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import chaired_body_ids
from weerbaar.content_language import localized_label
from weerbaar.fields import EncryptedTextField
from weerbaar.models import TransitionEvent

from .workflow import EDITABLE, GRANTED_STATES, OPEN, Status

ZERO = Decimal("0.00")
OBJECTION_PERIOD = timedelta(weeks=6)
# The applicant is reminded this long before the account (verantwoording) is due; staff see
# the grants whose account is due within it, or overdue.
ACCOUNT_REMINDER_PERIOD = timedelta(weeks=4)


def add_months(day, months):
    """`day` plus whole months; the 31st becomes the month's last day where it has fewer."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


class AttachmentKind(models.TextChoices):
    FLOOR_PLAN = "floor_plan", _("Plattegrond van de vergaderzaal")
    QUOTE = "quote", _("Offerte")
    SECURITY_ADVICE = "security_advice", _("Advies politie of beveiligingsadviseur")
    OTHER = "other", _("Overig")
    # Added by the applicant after the decision (invoice_add), never while drafting.
    INVOICE = "invoice", _("Factuur")


# What may be attached depends on who applies: a meeting room's floor plan belongs to the
# griffie's schemes, the police's or a security adviser's advice about a person to the fund.
BODY_ATTACHMENT_KINDS = (AttachmentKind.FLOOR_PLAN, AttachmentKind.QUOTE, AttachmentKind.OTHER)
OFFICEHOLDER_ATTACHMENT_KINDS = (
    AttachmentKind.QUOTE,
    AttachmentKind.SECURITY_ADVICE,
    AttachmentKind.OTHER,
)


class Consent(models.TextChoices):
    """The officeholder's consent to an application a chair started on their behalf."""

    PENDING = "pending", _("Wacht op toestemming")
    GIVEN = "given", _("Toestemming gegeven")
    WITHDRAWN = "withdrawn", _("Toestemming ingetrokken")


class ApplicantKind(models.TextChoices):
    """Who applies, and so who may ever see an application and its letter."""

    BODY = "body", _("De griffie, namens de overheid")
    OFFICEHOLDER = "officeholder", _("De ambtsdrager zelf, rechtstreeks bij BZK")


# Measures at a person's home or for their own protection. They belong to the security measures
# fund, which never passes the council or its griffie (so that no one fails to report for fear of
# a debate about the cost of their protection): a scheme the griffie applies for can never list
# them, whatever their label says.
PERSONAL_SECURITY_KINDS = frozenset(
    {"home_security", "personal_security", "alarm", "other_security"}
)


def personal_security_kinds(*, exclude=None):
    """The fixed kinds above and every measure kind of a scheme officeholders apply for."""
    schemes = GrantScheme.objects.filter(applicant_kind=ApplicantKind.OFFICEHOLDER)
    if exclude is not None:
        schemes = schemes.exclude(pk=exclude)
    kinds = set(PERSONAL_SECURITY_KINDS)
    for measure_kinds in schemes.values_list("measure_kinds", flat=True):
        kinds.update(code for code, _label in measure_kinds or [])
    return kinds


class GrantScheme(models.Model):
    """A grant scheme (regeling) for one round: its budget and the rules for applying."""

    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("korte naam"), unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    reference_prefix = models.CharField(_("voorvoegsel kenmerk"), max_length=10)
    budget_ceiling = models.DecimalField(_("budgetplafond"), max_digits=12, decimal_places=2)
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("open tot en met"))
    eligible_body_kinds = models.JSONField(
        _("wie mag aanvragen"), default=list, help_text=_("Soorten overheid, bv. municipality.")
    )
    max_per_applicant = models.DecimalField(
        _("maximum per aanvrager"), max_digits=12, decimal_places=2
    )
    measure_kinds = models.JSONField(
        _("soorten maatregelen"), default=list, help_text=_("Lijst van [code, omschrijving].")
    )
    measure_kinds_en = models.JSONField(
        _("soorten maatregelen (Engels)"),
        default=dict,
        blank=True,
        help_text=_(
            'De Engelse omschrijving per code, bv. {"training": "Training for chairs and '
            'clerks"}. Zonder Engelse omschrijving ziet een Engelstalige gebruiker de '
            "Nederlandse."
        ),
    )
    required_attachment_kinds = models.JSONField(
        _("verplichte bijlagen"), default=list, help_text=_("Codes van soorten bijlagen.")
    )
    cohort_size = models.PositiveIntegerField(
        _("aantal deelnemers"), null=True, blank=True, help_text=_("Leeg: geen maximum.")
    )
    applicant_kind = models.CharField(
        _("wie vraagt aan"),
        max_length=20,
        choices=ApplicantKind.choices,
        default=ApplicantKind.BODY,
        help_text=_(
            "Maatregelen voor de woning of de persoon van een ambtsdrager vraagt de ambtsdrager "
            "zelf aan; de griffie ziet die aanvragen nooit."
        ),
    )
    # The source documents name no period for the account; a round sets its own here.
    account_period_months = models.PositiveSmallIntegerField(
        _("termijn verantwoording (maanden)"),
        default=12,
        help_text=_(
            "Zoveel maanden na de uitbetaling moet de verantwoording binnen zijn. BZK kan de "
            "datum per aanvraag verschuiven."
        ),
    )

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_ceiling__gte=0), name="grant_scheme_ceiling_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="grant_scheme_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.applicant_kind == ApplicantKind.BODY:
            forbidden = personal_security_kinds(exclude=self.pk)
            personal = sorted(
                code for code, _label in self.measure_kinds or [] if code in forbidden
            )
            if personal:
                raise ValidationError(
                    {
                        "measure_kinds": _(
                            "Maatregelen voor de woning of de persoon van een ambtsdrager "
                            "(%(codes)s) horen bij het Fonds beveiligingsmaatregelen, niet bij "
                            "een regeling die de griffie aanvraagt."
                        )
                        % {"codes": ", ".join(personal)}
                    }
                )
        translations = self.measure_kinds_en or {}
        codes = {code for code, _label in self.measure_kinds or []}
        if not isinstance(translations, dict) or not all(
            isinstance(code, str) and isinstance(label, str) for code, label in translations.items()
        ):
            raise ValidationError(
                {"measure_kinds_en": _('Schrijf de Engelse omschrijvingen als {"code": "tekst"}.')}
            )
        unknown = sorted(set(translations) - codes)
        if unknown:
            raise ValidationError(
                {
                    "measure_kinds_en": _(
                        "Deze codes staan niet bij de soorten maatregelen: %(codes)s."
                    )
                    % {"codes": ", ".join(unknown)}
                }
            )

    @property
    def is_for_officeholders(self):
        return self.applicant_kind == ApplicantKind.OFFICEHOLDER

    def is_open(self, on=None):
        on = on or timezone.localdate()
        return self.opens_on <= on <= self.closes_on

    def measure_label(self, code, language=None):
        """The measure type in the active (or the given) language, Dutch where there is no
        English; a code the scheme no longer lists is shown as it is."""
        dutch = dict(self.measure_kinds).get(code, code)
        return localized_label(code, dutch, self.measure_kinds_en, language)

    @property
    def measure_choices(self):
        return [
            (code, localized_label(code, label, self.measure_kinds_en))
            for code, label in self.measure_kinds
        ]

    @property
    def attachment_kinds(self):
        """The kinds of attachment an application under this scheme takes."""
        if self.is_for_officeholders:
            return OFFICEHOLDER_ATTACHMENT_KINDS
        return BODY_ATTACHMENT_KINDS

    @property
    def required_attachment_labels(self):
        labels = dict(AttachmentKind.choices)
        return [labels.get(code, code) for code in self.required_attachment_kinds]


class GrantApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff (triage) see every application that was sent in; a griffier every application
        of the bodies they serve under a scheme the griffie applies for, drafts included; an
        officeholder their own applications to the security measures fund; everyone else
        nothing. A griffier never sees an officeholder's application, whatever its body."""
        if not user.is_authenticated:
            return self.none()
        condition = Q(pk__in=[])
        if user.is_triage_staff:
            # A draft made through a griffie before the fund was the officeholder's own is
            # frozen (see via_griffie); BZK keeps it readable.
            condition |= ~Q(status=Status.DRAFT) | Q(via_griffie=True)
        if user.is_griffier:
            bodies = user.role_assignments.filter(role=Role.GRIFFIER).values("body_id")
            condition |= Q(
                body_id__in=bodies,
                applicant__isnull=True,
                scheme__applicant_kind=ApplicantKind.BODY,
            )
        if user.is_officeholder:
            condition |= Q(applicant=user, scheme__applicant_kind=ApplicantKind.OFFICEHOLDER)
            # The chair who applies on an officeholder's behalf, only while the officeholder
            # consents and only while they chair the body.
            condition |= Q(
                on_behalf_by=user,
                consent=Consent.GIVEN,
                body_id__in=chaired_body_ids(user),
            )
        if not (user.is_triage_staff or user.is_griffier or user.is_officeholder):
            return self.none()
        return self.filter(condition)

    def granted(self):
        return self.filter(status__in=GRANTED_STATES)


class GrantApplication(models.Model):
    scheme = models.ForeignKey(
        GrantScheme,
        verbose_name=_("regeling"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    # Set for a scheme officeholders apply for (the security measures fund): the officeholder
    # who applies, the only applicant who sees it. Empty for a scheme the griffie applies for.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanvrager (ambtsdrager)"),
        on_delete=models.PROTECT,
        related_name="own_grant_applications",
        null=True,
        blank=True,
    )
    # The chair (mayor, King's Commissioner, dijkgraaf) who started this application to the
    # fund on the officeholder's behalf; they see it only while the officeholder consents.
    on_behalf_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart namens de ambtsdrager door"),
        on_delete=models.PROTECT,
        related_name="grant_applications_on_behalf",
        null=True,
        blank=True,
    )
    consent = models.CharField(
        _("toestemming van de ambtsdrager"),
        max_length=10,
        choices=Consent.choices,
        blank=True,
    )
    consent_at = models.DateTimeField(_("toestemming gewijzigd op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    reference = models.CharField(_("kenmerk"), max_length=30, unique=True, null=True, blank=True)
    # A fund application made in the old way, when the griffie applied to the fund for the whole
    # body: it may hold several officeholders' measures and was seen at the griffie. It stays
    # readable (BZK, and its recorded applicant as before), but a draft of it is frozen: nobody
    # can change or send it; the officeholders apply anew, each on their own (migration 0013).
    via_griffie = models.BooleanField(
        _("via de griffie gemaakt"),
        default=False,
        help_text=_(
            "Een aanvraag bij het fonds uit de tijd dat de griffie die voor de hele overheid "
            "deed. Een concept daarvan is bevroren."
        ),
    )
    # Step 1: the situation and the incidents that motivate the application. Incidents can
    # name people, so they are encrypted at rest.
    current_situation = models.TextField(_("huidige situatie"), blank=True)
    incidents = EncryptedTextField(_("incidenten die aanleiding geven"), blank=True)
    # Step 3
    planning = models.TextField(_("planning"), blank=True)
    co_financing = models.DecimalField(
        _("eigen bijdrage of cofinanciering"), max_digits=12, decimal_places=2, default=ZERO
    )
    co_financing_note = models.TextField(_("toelichting cofinanciering"), blank=True)
    # Step 4
    contact_name = models.CharField(_("naam contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer contactpersoon"), max_length=30, blank=True)

    requested_total = models.DecimalField(
        _("gevraagd bedrag"), max_digits=12, decimal_places=2, default=ZERO
    )
    paid_amount = models.DecimalField(
        _("uitbetaald bedrag"), max_digits=12, decimal_places=2, default=ZERO
    )
    last_step = models.PositiveSmallIntegerField(_("laatst opgeslagen stap"), default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    # Set at payment (the scheme's account period); staff may move it, with a reason.
    account_due_on = models.DateField(_("verantwoording uiterlijk"), null=True, blank=True)

    objects = GrantApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "body"],
                condition=Q(applicant__isnull=True),
                name="grant_application_one_per_body_per_scheme",
            ),
            # Several applications to the fund over time, but one undecided at a time. A chair's
            # request the officeholder has not consented to yet does not count (its existence
            # must not tell the chair anything about the officeholder's own application).
            models.UniqueConstraint(
                fields=["scheme", "body", "applicant"],
                condition=Q(applicant__isnull=False, status__in=sorted(OPEN), via_griffie=False)
                & ~Q(consent=Consent.PENDING),
                name="grant_application_one_open_per_officeholder",
            ),
            models.UniqueConstraint(
                fields=["scheme", "body", "applicant", "on_behalf_by"],
                condition=Q(consent=Consent.PENDING),
                name="grant_application_one_pending_request_per_chair",
            ),
            models.CheckConstraint(
                condition=Q(on_behalf_by__isnull=True, consent="")
                | (Q(on_behalf_by__isnull=False, applicant__isnull=False) & ~Q(consent="")),
                name="grant_application_on_behalf_has_applicant_and_consent",
            ),
            models.CheckConstraint(
                condition=Q(requested_total__gte=0) & Q(co_financing__gte=0),
                name="grant_application_amounts_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.reference or _("Concept-aanvraag %(body)s") % {"body": self.body}

    @property
    def is_frozen(self):
        """A draft made through the griffie (see via_griffie): nobody changes or sends it."""
        return self.via_griffie and self.status == Status.DRAFT

    @property
    def is_editable(self):
        return self.status in EDITABLE and not self.is_frozen

    @property
    def notify_user(self):
        """Who hears about the decision: the officeholder, or whoever started the draft."""
        return self.applicant or self.created_by

    @property
    def granted_total(self):
        decision = getattr(self, "decision", None)
        return decision.granted_total if decision else ZERO

    @property
    def account_awaited(self):
        """Paid, with a due date, and no account sent in yet."""
        return (
            self.status == Status.PAID
            and self.account_due_on is not None
            and not hasattr(self, "account")
        )

    @property
    def account_overdue(self):
        return self.account_awaited and self.account_due_on < timezone.localdate()


class MeasureLine(models.Model):
    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("soort maatregel"), max_length=40)
    description = models.TextField(_("omschrijving"))
    cost = models.DecimalField(_("kosten"), max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="measure_line_cost_not_negative")
        ]

    def __str__(self):
        return self.description[:60]

    @property
    def kind_label(self):
        return self.application.scheme.measure_label(self.kind)


def attachment_path(instance, filename):
    # The stored name is generated; the original name is display text only.
    return f"subsidies/{instance.application_id}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class Attachment(models.Model):
    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("soort bijlage"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("bestand"), upload_to=attachment_path)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ApplicationRevision(models.Model):
    """A snapshot of what the griffier sent in, each time they sent it."""

    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField()
    snapshot = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="application_revision_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.application} v{self.number}"


class ApplicationEvent(TransitionEvent):
    """One change of status: who, from, to, when, why. Never edited."""

    subject_field = "application"
    from_field = "from_status"
    to_field = "to_status"

    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.TextField(blank=True)

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Advice(models.TextChoices):
    GRANT = "grant", _("Toekennen")
    PARTLY = "partly", _("Deels toekennen")
    REJECT = "reject", _("Afwijzen")


class Assessment(models.Model):
    """The reviewer's assessment: eligibility checklist, score and advice."""

    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="assessments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body_eligible = models.BooleanField(_("de overheid mag aanvragen"))
    measures_eligible = models.BooleanField(_("de maatregelen vallen onder de regeling"))
    attachments_complete = models.BooleanField(_("de bijlagen zijn compleet"))
    costs_reasonable = models.BooleanField(_("de kosten zijn redelijk"))
    score = models.PositiveSmallIntegerField(_("score (1 tot en met 5)"))
    advice = models.CharField(_("advies"), max_length=10, choices=Advice.choices)
    notes = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="assessment_score_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.get_advice_display()} ({self.application})"


class Outcome(models.TextChoices):
    GRANTED = Status.GRANTED.value, _("Toegekend")
    PARTLY_GRANTED = Status.PARTLY_GRANTED.value, _("Deels toegekend")
    REJECTED = Status.REJECTED.value, _("Afgewezen")


def letter_path(instance, filename):
    return f"subsidies/{instance.application_id}/beschikking-{uuid.uuid4().hex}.pdf"


class Decision(models.Model):
    """The decision (besluit, after the ZGW standard) on one application, with its letter."""

    application = models.OneToOneField(
        GrantApplication, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision_date = models.DateField(_("besluitdatum"))
    effective_date = models.DateField(_("ingangsdatum"))
    send_date = models.DateField(_("verzenddatum"), null=True, blank=True)
    objection_deadline = models.DateField(_("uiterlijke datum bezwaar"), null=True, blank=True)
    granted_total = models.DecimalField(
        _("toegekend bedrag"), max_digits=12, decimal_places=2, default=ZERO
    )
    conditions = models.TextField(_("voorwaarden"), blank=True)
    explanation = models.TextField(_("motivering"), blank=True)
    letter = models.FileField(_("beschikking"), upload_to=letter_path, blank=True)
    notified_at = models.DateTimeField(_("aanvrager ingelicht op"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.CheckConstraint(
                condition=Q(granted_total__gte=0), name="decision_granted_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.REJECTED) | Q(granted_total=0),
                name="decision_rejection_grants_nothing",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.application})"

    @property
    def is_sent(self):
        return self.send_date is not None


class GrantedMeasure(models.Model):
    """The amount granted for one measure line."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="measures")
    line = models.ForeignKey(MeasureLine, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["line__position", "line_id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="granted_measure_not_negative"),
            models.UniqueConstraint(fields=["decision", "line"], name="granted_measure_once"),
        ]

    def __str__(self):
        return f"{self.line}: {self.amount}"


class Account(models.Model):
    """The accountability report (verantwoording) after the measures were carried out."""

    application = models.OneToOneField(
        GrantApplication, on_delete=models.CASCADE, related_name="account"
    )
    what_was_done = models.TextField(_("wat is er gedaan"))
    actual_costs = models.DecimalField(_("werkelijke kosten"), max_digits=12, decimal_places=2)
    lessons = models.TextField(_("wat hebben we geleerd"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Set when BZK sends the account back with a question; cleared when the applicant sends it
    # in again.
    returned_at = models.DateTimeField(_("teruggestuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verantwoording")
        verbose_name_plural = _("verantwoordingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(actual_costs__gte=0), name="account_costs_not_negative"
            )
        ]

    def __str__(self):
        return str(self.application)


class AccountDueDateChange(models.Model):
    """BZK moved the date by which one grant's account is due: who, from, to, when, why. Never
    edited."""

    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="due_date_changes"
    )
    previous_due_on = models.DateField(_("was uiterlijk"), null=True)
    due_on = models.DateField(_("wordt uiterlijk"))
    reason = models.TextField(_("reden"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verschoven verantwoordingsdatum")
        verbose_name_plural = _("verschoven verantwoordingsdatums")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.previous_due_on} → {self.due_on}"


class AccountQuestion(models.Model):
    """BZK sent the account back with a question: who, when, what. Never edited."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("vraag"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vraag over de verantwoording")
        verbose_name_plural = _("vragen over de verantwoording")
        ordering = ["asked_at", "pk"]

    def __str__(self):
        return f"{self.account} ({self.asked_at:%Y-%m-%d})"
