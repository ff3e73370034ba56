"""Partner organisations, their members, and the shared knowledge base.

A person reaches partner-only knowledge through an active Membership of a partner organisation
(or as BZK staff); ending the membership ends that access with the next request. Knowledge
items move through the states in workflow.py; what a person may read is decided in one place,
`KnowledgeItem.objects.visible_to(user)`.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Exists, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.content_language import localized
from weerbaar.models import TransitionEvent

from .workflow import ItemStatus, JoinRequestStatus


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministerie")
    ASSOCIATION = "association", _("Beroepsvereniging")
    UMBRELLA = "umbrella", _("Koepelorganisatie")
    EXPERTISE = "expertise", _("Expertisecentrum")
    PARTY = "party", _("Politieke partij")


class PartnerOrganisation(models.Model):
    """A partner of the network, e.g. a signatory of the 2018 intentieverklaring."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    abbreviation = models.CharField(_("afkorting"), max_length=30, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    joined_on = models.DateField(_("lid van het netwerk sinds"), null=True, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:organisation", args=[self.slug])

    @property
    def display_name(self):
        if self.abbreviation and self.abbreviation.lower() not in self.name.lower():
            return f"{self.name} ({self.abbreviation})"
        return self.name


class MembershipRole(models.TextChoices):
    CONTACT = "contact", _("Contactpersoon")
    MEMBER = "member", _("Lid")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """One period in which a person belongs to a partner organisation. Ending it keeps the row
    (who was a member when), so a person who returns gets a new row."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("rol"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_at = models.DateTimeField(_("lid sinds"), default=timezone.now)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisation", "-role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(ended_at__isnull=True),
                name="membership_one_active_per_person_and_organisation",
            )
        ]
        indexes = [models.Index(fields=["user", "ended_at"])]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_active(self):
        return self.ended_at is None


class JoinRequest(models.Model):
    """A signed-in person asks to join a partner organisation; its contact person or BZK staff
    decide."""

    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    motivation = models.CharField(_("toelichting"), max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(status="pending"),
                name="join_request_one_pending_per_person_and_organisation",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation}"


class OrganisationInvitation(models.Model):
    """Binds an accounts.Invitation to the organisation the new colleague joins on accepting."""

    invitation = models.OneToOneField(
        "accounts.Invitation", on_delete=models.CASCADE, related_name="partner_organisation"
    )
    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )

    def __str__(self):
        return f"{self.invitation} → {self.organisation}"


# --- Knowledge base -----------------------------------------------------------------------


class KnowledgeKind(models.TextChoices):
    GUIDE = "guide", _("Handreiking")
    PROTOCOL = "protocol", _("Protocol")
    MODEL_DOCUMENT = "model_document", _("Modeldocument")
    COURSE = "course", _("Cursus of training")
    PRACTICE = "practice", _("Praktijkvoorbeeld")
    NEWS = "news", _("Nieuws")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Iedereen (openbaar)")
    SIGNED_IN = "signed_in", _("Iedereen die is ingelogd")
    PARTNERS = "partners", _("Alleen partners")


class Theme(models.Model):
    """A theme of the network's work, e.g. safe meetings or aftercare. Reference data."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=100)
    name_en = models.CharField(_("naam (Engels)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["position", "name"]

    def __str__(self):
        # Shown to readers (filters, cards, forms): in their language, Dutch as the fallback.
        return localized(self, "name")


class TargetGroup(models.Model):
    """Who an item is written for: burgemeesters, raadsleden, griffiers... Reference data."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=100)
    name_en = models.CharField(_("naam (Engels)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ["position", "name"]

    def __str__(self):
        return localized(self, "name")


class Tag(models.Model):
    name = models.CharField(_("naam"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("trefwoord")
        verbose_name_plural = _("trefwoorden")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PostgresOnly(models.Func):
    """The wrapped expression on PostgreSQL, NULL on other databases (SQLite has no text
    search vectors)."""

    template = "(%(expressions)s)"

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


def is_partner_member(user):
    """An active member of a partner organisation (one query, cached on the user object)."""
    if not user.is_authenticated:
        return False
    return user.remember_access(
        "network_is_member", lambda: Membership.objects.active().filter(user=user).exists()
    )


def sees_partner_content(user):
    return user.is_authenticated and (user.is_triage_staff or is_partner_member(user))


class KnowledgeItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ItemStatus.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user):
        """Published items whose audience includes this person; BZK staff also see every item
        in progress, an author their own."""
        if not user.is_authenticated:
            return self.published().filter(audience=Audience.PUBLIC)
        audiences = [Audience.PUBLIC, Audience.SIGNED_IN]
        if user.is_triage_staff:
            return self
        member = Membership.objects.active().filter(user=user)
        readable = Q(status=ItemStatus.PUBLISHED, published_at__lte=timezone.now()) & (
            Q(audience__in=audiences) | (Q(audience=Audience.PARTNERS) & Exists(member))
        )
        return self.filter(readable | Q(author=user))


class KnowledgeItem(models.Model):
    kind = models.CharField(_("soort"), max_length=20, choices=KnowledgeKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), max_length=600)
    body = models.TextField(_("tekst"), help_text=_("Opmaak met Markdown."))
    # Rendered from `body` by the actions (Markdown, then sanitised); never written by hand.
    body_html = models.TextField(editable=False, blank=True)
    audience = models.CharField(
        _("wie mag het lezen"), max_length=10, choices=Audience.choices, default=Audience.SIGNED_IN
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("doelgroepen"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("trefwoorden"), blank=True)
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("bijdrage van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_items",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_items",
    )
    published_at = models.DateTimeField(_("publicatiedatum"), null=True, blank=True)
    review_on = models.DateField(_("herzien uiterlijk op"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # A practice example drawn from an accounted grant: the scheme and the government that
    # learned it. At most one practice per account.
    grant_account = models.OneToOneField(
        "subsidies.Account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice",
    )
    scheme = models.ForeignKey(
        "subsidies.GrantScheme",
        verbose_name=_("regeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    government_body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A practice example drafted from a preparation's outcome (with the requester's consent):
    # at most one practice per preparation.
    preparation = models.OneToOneField(
        "incidents.PreparationRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice",
    )
    # PostgreSQL keeps this column current itself (a stored generated column, weights A title,
    # B summary, C body, Dutch stemming); SQLite stores NULL and search falls back to LIKE.
    search_vector = models.GeneratedField(
        expression=PostgresOnly(
            SearchVector("title", weight="A", config="dutch")
            + SearchVector("summary", weight="B", config="dutch")
            + SearchVector("body", weight="C", config="dutch"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # What results are ranked by: title (A) and summary (B). A fraction of the size of the
    # vector above, so it stays in the row and ranking thousands of matches does not unpack
    # each body's vector (docs/performance.md). A match in the body alone ranks last.
    rank_vector = models.GeneratedField(
        expression=PostgresOnly(
            SearchVector("title", weight="A", config="dutch")
            + SearchVector("summary", weight="B", config="dutch"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = KnowledgeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("kennisitem")
        verbose_name_plural = _("kennisbank")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "audience", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:item", args=[self.pk])

    @property
    def is_published(self):
        return self.status == ItemStatus.PUBLISHED

    @property
    def reading_minutes(self):
        return max(1, round(len(self.body.split()) / 200))


class KnowledgeEvent(TransitionEvent):
    """One change of status of a knowledge item: who, from, to, when, why. Never edited."""

    subject_field = "item"
    from_field = "from_status"
    to_field = "to_status"

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="events")
    # Unlike the other events, the item's history outlives the person who moved it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=12, choices=ItemStatus.choices)
    to_status = models.CharField(max_length=12, choices=ItemStatus.choices)
    reason = models.TextField(blank=True)

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


def knowledge_attachment_path(instance, filename):
    return f"network/{instance.item_id}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class KnowledgeAttachment(models.Model):
    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(upload_to=knowledge_attachment_path)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1]


class Feedback(models.Model):
    """'Was this useful?' One answer per person per item; a new answer replaces the old."""

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    useful = models.BooleanField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="feedback_once_per_person")
        ]

    def __str__(self):
        return f"{self.item_id}: {self.useful}"
