"""Incident reports (meldingen) of officeholders and everything triage adds to them.

A report is a draft until its reporter sends it; after that its content never changes: the
reporter adds information as messages and evidence as new files. Staff work the case through the
states in workflow.py and the stappenplan checklist; the Ondersteuningsteam sees only the cases it
is deployed on. The most sensitive text and every evidence file are encrypted at rest.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OfficeType
from weerbaar.fields import EncryptedTextField
from weerbaar.models import ChoiceLabels, TransitionEvent
from weerbaar.uploads import EXTENSIONS

from .workflow import OPEN_STATES, Status, Step


class Kind(models.TextChoices):
    VERBAL = "verbal", _("Verbale agressie")
    THREAT = "threat", _("Bedreiging")
    INTIMIDATION = "intimidation", _("Intimidatie")
    PHYSICAL = "physical", _("Fysiek geweld")
    DAMAGE = "damage", _("Vernieling van eigendom of woning")
    ONLINE = "online", _("Online bedreiging of haat")
    STALKING = "stalking", _("Stalking")
    DOXING = "doxing", _("Doxing (uw adres of gegevens openbaar gemaakt)")
    UNDERMINING = "undermining", _("Poging om een besluit te beïnvloeden (ondermijning)")
    INTEGRITY = (
        "integrity",
        _("Integriteitsschending: omkoping, chantage of een valse beschuldiging"),
    )


# One bit per kind on the incident row (Incident.kind_bits), so the queue's kind filter reads
# the row instead of joining every tag of the kind. The bits are stored: a new kind takes the
# next free bit, an existing kind never changes its bit.
KIND_BITS = {
    Kind.VERBAL: 1 << 0,
    Kind.THREAT: 1 << 1,
    Kind.INTIMIDATION: 1 << 2,
    Kind.PHYSICAL: 1 << 3,
    Kind.DAMAGE: 1 << 4,
    Kind.ONLINE: 1 << 5,
    Kind.STALKING: 1 << 6,
    Kind.DOXING: 1 << 7,
    Kind.UNDERMINING: 1 << 8,
    Kind.INTEGRITY: 1 << 9,
}


def kind_bits(kinds) -> int:
    """The bits of `kinds` (codes; unknown ones are left out)."""
    bits = 0
    for kind in set(kinds):
        bits |= KIND_BITS.get(kind, 0)
    return bits


class Channel(models.TextChoices):
    MEETING = "meeting", _("Persoonlijk, bij een openbare vergadering of bijeenkomst")
    HOME = "home", _("Bij of in de buurt van mijn huis")
    ONLINE = "online", _("Online of via sociale media")
    MAIL = "mail", _("Per e-mail of brief")
    PHONE = "phone", _("Telefonisch")
    OTHER = "other", _("Anders")


class Target(models.TextChoices):
    SELF = "self", _("Ikzelf")
    FAMILY = "family", _("Mijn partner of gezin")
    HOME = "home", _("Mijn woning")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    UNKNOWN = "unknown", _("Weet ik niet")


class PoliceReport(models.TextChoices):
    NONE = "none", _("Nog niet")
    PLANNED = "planned", _("Nog niet, maar ik ben het van plan")
    MELDING = "melding", _("Ja, een melding bij de politie")
    AANGIFTE = "aangifte", _("Ja, aangifte gedaan")


class VptCode(models.TextChoices):
    """Whether the police gave the VPT code (Eenduidige Landelijke Afspraken)."""

    NOT_APPLICABLE = "", _("Niet van toepassing")
    GIVEN = "given", _("Ja, de VPT-code is vermeld")
    NOT_GIVEN = "not_given", _("Nee, niet vermeld")
    UNKNOWN = "unknown", _("Weet ik niet")


class ContactPreference(models.TextChoices):
    PORTAL = "portal", _("Via berichten in dit portaal")
    PHONE = "phone", _("Telefonisch")
    EMAIL = "email", _("Per e-mail")


class NotifyBy(models.TextChoices):
    """How the reporter hears that something changed on their case (per report). Some do not
    want mail about threats at a shared or work address; some want no mail at all."""

    ACCOUNT = "account", _("Per e-mail naar het adres van mijn account")
    OTHER = "other", _("Per e-mail naar een ander adres")
    NONE = "none", _("Geen e-mail: ik kijk zelf in het portaal")


class ReportedFor(models.TextChoices):
    """Whom the incident happened to: the reporter, or a colleague (an officeholder with an
    account) whom the reporter saw it happen to, or on whose behalf they report."""

    SELF = "self", _("Mijzelf")
    WITNESS = "witness", _("Een collega (ik was getuige)")
    ON_BEHALF = "on_behalf", _("Een collega, namens hem of haar (met toestemming)")


class ConcernedConsent(models.TextChoices):
    """The answer of the colleague a report is about (Incident.concerned_person)."""

    ASKED = "", _("Nog niet beantwoord")
    GIVEN = "given", _("Toestemming gegeven")
    WITHHELD = "withheld", _("Geen toestemming")


class IncidentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Need-to-know: a reporter sees their own reports (drafts too), staff every report
        that was sent, an Ondersteuningsteam member the cases they are deployed on, the
        colleague a sent report is about (a witness's or on-behalf report) that report."""
        if not user.is_authenticated:
            return self.none()
        condition = Q(reporter=user) | (Q(concerned_person=user) & ~Q(status=Status.DRAFT))
        if user.is_triage_staff:
            condition |= ~Q(status=Status.DRAFT)
        if user.is_support_team:
            deployed = SupportDeployment.objects.filter(incident=OuterRef("pk"), member=user)
            condition |= Q(Exists(deployed)) & ~Q(status=Status.DRAFT)
        return self.filter(condition)

    def sent(self):
        return self.exclude(status=Status.DRAFT)

    def overdue(self, now=None):
        """Sent, still open, no first response yet, and past the deadline."""
        return self.filter(
            status__in=OPEN_STATES,
            first_response_at__isnull=True,
            due_at__lt=now or timezone.now(),
        )


# Carried in the open queue's indexes beside their order (PostgreSQL; other databases ignore
# it): the queue's capped count, filtered on status and kind, then reads the index alone, not a
# table row per case it passes (selectors.TriageQueueFilter.filter_kind, the visible-to check).
QUEUE_COUNT_COLUMNS = ["kind_bits", "reporter_id"]


class Incident(ChoiceLabels, models.Model):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("melder"),
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    # What the reporter was when they reported, kept so the queue filters on it cheaply and a
    # later change of office does not rewrite history.
    reporter_office_type = models.CharField(
        _("functie van de melder"), max_length=30, choices=OfficeType.choices, blank=True
    )
    reporter_body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid van de melder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A report about a colleague: as a witness, or on their behalf. The colleague is linked to
    # the case once it is sent (visible_to), and answers the question for consent; on an
    # on-behalf report that answer governs sharing (incidents/concerned.py).
    reported_for = models.CharField(
        _("melding over"),
        max_length=10,
        choices=ReportedFor.choices,
        default=ReportedFor.SELF,
        db_default=ReportedFor.SELF,  # rows written in bulk (e.g. tests/load) are about oneself
    )
    concerned_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("collega om wie het gaat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents_concerning",
    )
    concerned_consent = models.CharField(
        _("toestemming van de collega"),
        max_length=10,
        choices=ConcernedConsent.choices,
        blank=True,
        default=ConcernedConsent.ASKED,
        db_default=ConcernedConsent.ASKED,
    )
    concerned_consent_at = models.DateTimeField(
        _("toestemming beantwoord op"), null=True, blank=True
    )
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    escalated_at = models.DateTimeField(_("geëscaleerd op"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_incidents",
    )

    # What happened
    immediate_danger = models.BooleanField(_("direct gevaar"), default=False)
    channel = models.CharField(_("hoe"), max_length=20, choices=Channel.choices, blank=True)
    occurred_on = models.DateField(_("datum"), null=True, blank=True)
    occurred_time = models.TimeField(_("tijd (ongeveer)"), null=True, blank=True)
    municipality = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("gemeente waar het gebeurde"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    targets = models.JSONField(_("gericht tegen"), default=list, blank=True)
    # The kinds of the report's IncidentKindTag rows as KIND_BITS, written with them (tag_kinds,
    # incident_save_draft): the queue filters on a kind without a join.
    kind_bits = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    perpetrator_known = models.CharField(
        _("dader bekend"), max_length=10, choices=YesNoUnknown.choices, blank=True
    )
    perpetrator_details = EncryptedTextField(_("wat u weet over de dader"), blank=True)
    ongoing = models.CharField(
        _("gaat het nog door"), max_length=10, choices=YesNoUnknown.choices, blank=True
    )
    description = EncryptedTextField(_("wat is er gebeurd"), blank=True)
    # Police
    police_report = models.CharField(
        _("politie ingeschakeld"), max_length=10, choices=PoliceReport.choices, blank=True
    )
    police_reference = models.CharField(_("registratienummer politie"), max_length=40, blank=True)
    vpt_code = models.CharField(
        _("VPT-code"), max_length=10, choices=VptCode.choices, blank=True, default=""
    )
    # Impact and support
    impact = EncryptedTextField(_("gevolgen voor u, uw gezin en uw werk"), blank=True)
    affects_decisions = models.CharField(
        _("invloed op besluiten"), max_length=10, choices=YesNoUnknown.choices, blank=True
    )
    wants_support = models.BooleanField(_("wil ondersteuning"), default=False)
    contact_preference = models.CharField(
        _("contact via"), max_length=10, choices=ContactPreference.choices, blank=True
    )
    contact_phone = EncryptedTextField(_("telefoonnummer"), blank=True)
    notify_by = models.CharField(
        _("bericht over de melding"),
        max_length=10,
        choices=NotifyBy.choices,
        default=NotifyBy.ACCOUNT,
    )
    notify_address = EncryptedTextField(_("ander e-mailadres voor berichten"), blank=True)

    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    submitted_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    due_at = models.DateTimeField(_("eerste contact uiterlijk"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("eerste reactie op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    # Set when the reporter's message reopened a closed case, cleared when staff respond: the
    # queue shows such cases first (selectors.QUEUE_ORDER).
    reopened_at = models.DateTimeField(_("heropend door de melder op"), null=True, blank=True)
    # Kept by the database: an open case nobody has contacted yet. The queue's default order
    # puts these first (selectors.QUEUE_ORDER), read along index incident_queue_waiting_first.
    awaits_first_contact = models.GeneratedField(
        expression=ExpressionWrapper(
            Q(first_response_at__isnull=True, status__in=sorted(OPEN_STATES)),
            output_field=models.BooleanField(),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(submitted_at__isnull=False),
                name="incident_sent_has_submitted_at",
            ),
            # About oneself: no colleague. Sent about a colleague: the colleague is named.
            models.CheckConstraint(
                condition=~Q(reported_for=ReportedFor.SELF) | Q(concerned_person__isnull=True),
                name="incident_self_report_names_no_colleague",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT)
                | Q(reported_for=ReportedFor.SELF)
                | Q(concerned_person__isnull=False),
                name="incident_sent_colleague_report_names_them",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-submitted_at"], name="incident_status_submitted"),
            models.Index(fields=["urgent", "-submitted_at"], name="incident_urgent_submitted"),
            models.Index(fields=["due_at"], name="incident_due"),
            models.Index(fields=["reporter_office_type"], name="incident_office_type"),
            # The queue's orders (selectors.queue_ordering): a page of the queue, or of any status
            # filter, is read along an index and stops after the page (docs/performance.md).
            # Sent cases only, as in the queue: drafts have no deadline, and a page after a
            # cursor would otherwise walk past every draft looking for one.
            models.Index(
                fields=["reopened_at", "-urgent", "due_at", "-submitted_at", "-id"],
                name="incident_queue_order",
                condition=~Q(status=Status.DRAFT),
            ),
            models.Index(
                fields=[
                    "-awaits_first_contact",
                    "reopened_at",
                    "-urgent",
                    "due_at",
                    "-submitted_at",
                    "-id",
                ],
                name="incident_queue_waiting_first",
                # Open cases only, as the default queue shows: a page never walks past the
                # closed cases (the many) looking for an open one.
                condition=Q(status__in=sorted(OPEN_STATES)),
                # and the status, for a filter on some of the open statuses
                include=[*QUEUE_COUNT_COLUMNS, "status"],
            ),
            # The same order within one open status (the queue filtered on, e.g., "in
            # behandeling"): one small index per status, so that a page reads that status only.
            # On incident_queue_waiting_first PostgreSQL would skip every case of another status,
            # and the cases waiting for first contact, which come first there, are all new.
            *[
                models.Index(
                    fields=[
                        "-awaits_first_contact",
                        "reopened_at",
                        "-urgent",
                        "due_at",
                        "-submitted_at",
                        "-id",
                    ],
                    name=f"incident_queue_{status}",
                    condition=Q(status=status),
                    include=QUEUE_COUNT_COLUMNS,
                )
                for status in sorted(OPEN_STATES)
            ],
            models.Index(
                fields=["-submitted_at", "-id"],
                name="incident_newest",
                condition=~Q(status=Status.DRAFT),
            ),
        ]

    def __str__(self):
        return self.reference or _("Concept-melding %(pk)s") % {"pk": self.pk}

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def kinds(self):
        return [tag.kind for tag in self.kind_tags.all()]

    @property
    def kind_labels(self):
        labels = dict(Kind.choices)
        return [labels[tag.kind] for tag in self.kind_tags.all() if tag.kind in labels]

    @property
    def target_labels(self):
        labels = dict(Target.choices)
        return [labels[code] for code in self.targets if code in labels]

    def is_overdue(self, now=None):
        return (
            self.status in OPEN_STATES
            and self.first_response_at is None
            and self.due_at is not None
            and self.due_at < (now or timezone.now())
        )


class IncidentKindTag(ChoiceLabels, models.Model):
    """One kind that applies to a report (several may). A row per kind, so the queue can
    filter on a kind with an index on every database."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="kind_tags")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["incident", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "kind"], name="incident_kind_once")
        ]
        indexes = [models.Index(fields=["kind", "incident"], name="incident_kind_lookup")]

    def __str__(self):
        return self.get_kind_display()


def tag_kinds(kinds_of) -> None:
    """Give each incident of `kinds_of` ({incident: kind codes}) those kinds as well: the tag
    rows and the incident's kind_bits together. For bulk writers (demo data, test data); a
    report's own kinds are set by actions.incident_save_draft."""
    tags: list[IncidentKindTag] = []
    changed: list[Incident] = []
    for incident, kinds in kinds_of.items():
        wanted = sorted({kind for kind in kinds if kind in KIND_BITS})
        tags.extend(IncidentKindTag(incident=incident, kind=kind) for kind in wanted)
        bits = incident.kind_bits | kind_bits(wanted)
        if bits != incident.kind_bits:
            incident.kind_bits = bits
            changed.append(incident)
    IncidentKindTag.objects.bulk_create(tags, ignore_conflicts=True)
    Incident.objects.bulk_update(changed, ["kind_bits"], batch_size=500)


class EventKind(models.TextChoices):
    STATUS = "status", _("Status gewijzigd")
    URGENCY = "urgency", _("Urgentie gewijzigd")
    ASSIGNED = "assigned", _("Behandelaar gewijzigd")
    ESCALATED = "escalated", _("Geëscaleerd naar het Ondersteuningsteam")
    DEPLOYED = "deployed", _("Ondersteuningsteam ingezet")
    UNDEPLOYED = "undeployed", _("Teamlid niet langer ingezet")
    CONSENT = "consent", _("Antwoord van de collega om wie het gaat")
    STEP = "step", _("Stap uit het stappenplan afgerond")
    URGENT_ACKNOWLEDGED = "urgent_ack", _("Urgente melding aangenomen (piket)")
    URGENT_UNANSWERED = (
        "urgent_unanswered",
        _(
            "Urgente melding niet op tijd aangenomen: doorgezet naar de volgende piket en de "
            "teamleider"
        ),
    )


class IncidentEvent(TransitionEvent):
    """One change on a case: who, what, from, to, when. Never edited. A status move is one
    kind among others (urgency, assignee, steps), so the values are plain codes."""

    subject_field = "incident"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    from_value = models.CharField(max_length=40, blank=True)
    to_value = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return f"{self.kind}: {self.from_value} → {self.to_value}"

    @property
    def description(self):
        """A Dutch sentence for the timeline; values are codes, never free text."""
        if self.kind == EventKind.STATUS and self.from_value == Status.DRAFT:
            return _("Melding verstuurd")
        if self.kind == EventKind.STATUS:
            labels = dict(Status.choices)
            return _("Status: %(from)s → %(to)s") % {
                "from": labels.get(self.from_value, self.from_value),
                "to": labels.get(self.to_value, self.to_value),
            }
        if self.kind == EventKind.URGENCY:
            return _("Gemarkeerd als urgent") if self.to_value == "1" else _("Niet meer urgent")
        if self.kind == EventKind.CONSENT:
            if self.to_value == ConcernedConsent.GIVEN:
                return _("De collega om wie het gaat gaf toestemming")
            return _("De collega om wie het gaat gaf geen toestemming")
        if self.kind == EventKind.STEP:
            return _("Stap afgerond: %(step)s") % {
                "step": dict(Step.choices).get(self.to_value, self.to_value)
            }
        return self.get_kind_display()


class CaseVisit(models.Model):
    """When a person last opened a case. Opening it again marks what changed after this time
    as new on the case page; "Mijn meldingen" shows a case as unread while something changed
    after it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "incident"], name="case_visit_once")]

    def __str__(self):
        return f"{self.user_id} {self.incident_id} {self.seen_at:%Y-%m-%d %H:%M}"


class TriageStep(ChoiceLabels, models.Model):
    """One step of the stappenplan on one case; done when it has who and when."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=30, choices=Step.choices)
    position = models.PositiveSmallIntegerField()
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["incident", "position"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "step"], name="triage_step_once"),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False),
                name="triage_step_done_has_who",
            ),
        ]

    def __str__(self):
        return self.get_step_display()

    @property
    def is_done(self):
        return self.done_at is not None


class Message(models.Model):
    """A message between the reporter and staff, which the reporter sees."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_staff = models.BooleanField()
    body = EncryptedTextField(_("bericht"))
    created_at = models.DateTimeField(default=timezone.now)

    # Not stored: set by actions.message_send on the message it returns, True when this message
    # of the reporter reopened a closed case (the page then says so).
    reopened_case: bool = False

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.incident} {self.created_at:%Y-%m-%d %H:%M}"


class InternalNote(models.Model):
    """A note among staff (and deployed Ondersteuningsteam members). Never shown to the
    reporter: a separate table, so no filter mistake can show one."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField(_("interne notitie"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.incident} {self.created_at:%Y-%m-%d %H:%M}"


class ReplyTemplate(models.Model):
    """A standard Dutch reply staff can start a message from. Maintained in the admin."""

    title = models.CharField(_("titel"), max_length=100)
    body = models.TextField(_("tekst"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("standaardantwoord")
        verbose_name_plural = _("standaardantwoorden")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title


def evidence_path(instance, filename):
    # Generated name; the file holds Fernet ciphertext, never the original bytes.
    return f"incidents/{instance.incident_id}/{uuid.uuid4().hex}.enc"


class Evidence(ChoiceLabels, models.Model):
    """An uploaded screenshot, photo, letter, text, voice mail or video. Stored encrypted under
    MEDIA_ROOT, served only through a view that checks access."""

    # Re-encrypted by `manage.py rotate_encryption_keys`.
    ENCRYPTED_FILE_FIELDS = ("file",)

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path)
    original_name = EncryptedTextField(_("oorspronkelijke naam"))
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    location_removed = models.BooleanField(_("locatiegegevens verwijderd"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{_('Bewijsstuk')} {self.pk}"

    @property
    def is_image(self):
        return self.content_type.startswith("image/")

    @property
    def is_audio(self):
        return self.content_type.startswith("audio/")

    @property
    def is_video(self):
        return self.content_type.startswith("video/")

    @property
    def kind_label(self):
        """What the file is, in words, for the evidence list."""
        if self.is_audio:
            return _("geluidsopname")
        if self.is_video:
            return _("video")
        if self.is_image:
            return _("afbeelding")
        return _("document")

    @property
    def extension(self):
        return EXTENSIONS.get(self.content_type, "bin")


class SupportDeployment(ChoiceLabels, models.Model):
    """An Ondersteuningsteam member deployed on a case: from then on they may see it."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="deployments")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deployments"
    )
    deployed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    deployed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deployed_at"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "member"], name="deployment_once")
        ]

    def __str__(self):
        return f"{self.member} → {self.incident}"


class SavedQueueFilter(models.Model):
    """A staff member's saved queue filter: a name and the query string of the filters."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_queue_filters"
    )
    name = models.CharField(_("naam"), max_length=60)
    query = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_filter_unique_name")
        ]

    def __str__(self):
        return self.name


# --- triage staff and on call (piket) ------------------------------------------------------


class OnCallShiftQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)

    def covering(self, moment):
        return self.current().filter(starts_at__lte=moment, ends_at__gt=moment)


class OnCallShift(models.Model):
    """A stretch of time in which one BZK case handler is on call (piket) for urgent reports.

    The team lead is a shift too (`is_team_lead`), not a setting: the lead rotates like the
    piket (nights, weekends, holidays), and one rota then answers "who is lead at 03:00 on
    Sunday". Several on-call shifts may overlap: the one that started first is paged, the others
    are the backup. A removed shift is kept (removed_at/by) so the rota has a history."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        related_name="on_call_shifts",
    )
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    is_team_lead = models.BooleanField(_("teamleider"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = OnCallShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("piketdienst")
        verbose_name_plural = _("piketdiensten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="on_call_shift_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(
                fields=["ends_at", "starts_at"],
                name="on_call_shift_current",
                condition=Q(removed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.person_id} {self.starts_at:%Y-%m-%d %H:%M}"


class StaffNoticePreference(models.Model):
    """How a case handler wants to hear of new reports: at once (default), or outside office
    hours as one digest per hour. Urgent reports and passed deadlines always come at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_notice_preference"
    )
    digest_outside_office_hours = models.BooleanField(
        _("buiten kantoortijd één overzicht per uur"), default=False
    )

    def __str__(self):
        return str(self.user_id)


class UrgentAlert(models.Model):
    """The page to the person on call about one urgent case, once per case: whom it went to,
    who acknowledged it and when, and when it went on to the next person and the team lead."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="urgent_alert")
    raised_at = models.DateTimeField(default=timezone.now)
    paged = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangenomen door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | Q(acknowledged_by__isnull=False),
                name="urgent_alert_acknowledged_has_who",
            ),
        ]
        indexes = [
            models.Index(
                fields=["raised_at"],
                name="urgent_alert_waiting",
                condition=Q(acknowledged_at__isnull=True, escalated_at__isnull=True),
            ),
        ]

    def __str__(self):
        return str(self.incident_id)


# The Ondersteuningsteam on location and preparation support live in their own modules; they
# are imported here so that they are models of this app. Below the models they refer to.
from .deployments.models import (  # noqa: E402, F401
    Deployment,
    DeploymentKind,
    PracticeConsent,
    PreparationRequest,
    PreparationStatus,
)
