"""People, the roles they hold, and the invitations that bring them in.

There is no open sign-up: an account comes from an invitation by BZK staff or an administrator,
or is made in the admin. A person may hold several roles (e.g. a raadslid who is also a partner).
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core import signing
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from government.models import BodyKind


class Role(models.TextChoices):
    OFFICEHOLDER = "officeholder", _("Politiek ambtsdrager")
    GRIFFIER = "griffier", _("Griffier")
    TRIAGE = "triage", _("Medewerker BZK (triage)")
    SUPPORT_TEAM = "support_team", _("Ondersteuningsteam")
    PARTNER = "partner", _("Partner")
    ADMINISTRATOR = "administrator", _("Beheerder")


# Roles that see other people's cases or run the portal: they cannot work without MFA.
MFA_REQUIRED_ROLES = frozenset({Role.TRIAGE, Role.SUPPORT_TEAM, Role.ADMINISTRATOR})
# Roles that are only granted with a second privileged person's approval (four eyes): one
# person must not be able to make themselves a second account that assesses or decides.
PRIVILEGED_ROLES = frozenset({Role.TRIAGE, Role.SUPPORT_TEAM, Role.ADMINISTRATOR})


class OfficeType(models.TextChoices):
    BURGEMEESTER = "burgemeester", _("Burgemeester")
    WETHOUDER = "wethouder", _("Wethouder")
    RAADSLID = "raadslid", _("Raadslid")
    STATENLID = "statenlid", _("Statenlid")
    GEDEPUTEERDE = "gedeputeerde", _("Gedeputeerde")
    CDK = "cdk", _("Commissaris van de Koning")
    WATERSCHAPSBESTUURDER = "waterschapsbestuurder", _("Waterschapsbestuurder")


# Which kind of government body each office belongs to.
OFFICE_BODY_KIND = {
    OfficeType.BURGEMEESTER: BodyKind.MUNICIPALITY,
    OfficeType.WETHOUDER: BodyKind.MUNICIPALITY,
    OfficeType.RAADSLID: BodyKind.MUNICIPALITY,
    OfficeType.STATENLID: BodyKind.PROVINCE,
    OfficeType.GEDEPUTEERDE: BodyKind.PROVINCE,
    OfficeType.CDK: BodyKind.PROVINCE,
    OfficeType.WATERSCHAPSBESTUURDER: BodyKind.WATER_BOARD,
}
GRIFFIER_BODY_KINDS = frozenset({BodyKind.MUNICIPALITY, BodyKind.PROVINCE})
# The chair of a body by office: the mayor chairs the municipality, the King's Commissioner the
# province. A water board's chair (dijkgraaf) is one of its waterschapsbestuurders, marked with
# RoleAssignment.chairs_body.
CHAIR_OFFICES = frozenset({OfficeType.BURGEMEESTER, OfficeType.CDK})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        user = self._create_user(email, password, **extra_fields)
        RoleAssignment.objects.get_or_create(user=user, role=Role.ADMINISTRATOR)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    # The language of the interface and of the e-mail this person gets.
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES, default="nl")
    is_staff = models.BooleanField(
        _("toegang tot beheer"),
        default=False,
        help_text=_("Mag inloggen op het beheer (Django admin)."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        constraints = [
            # One address, one person, whatever the spelling (the manager lowercases, but the
            # admin and older rows need not have).
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def role_names(self) -> frozenset:
        """The roles this person holds; read once per request (the user object is per request)."""
        if self.pk is None or not self.is_active:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, *roles) -> bool:
        return any(role in self.role_names for role in roles)

    def remember_access(self, key: str, compute):
        """A fact about this person's access that another app reads once per user object (per
        request), e.g. whether they are an active partner member; `compute()` gives it the
        first time. Forgotten with the roles (`forget_cached_roles`)."""
        remembered = self.__dict__.setdefault("_remembered_access", {})
        if key not in remembered:
            remembered[key] = compute()
        return remembered[key]

    def forget_cached_roles(self) -> None:
        """Read roles (and what `remember_access` kept) from the database again at the next
        check: after a role or membership of this person changed within the same request."""
        self.__dict__.pop("role_names", None)
        self.__dict__.pop("_remembered_access", None)

    @property
    def is_officeholder(self):
        return self.has_role(Role.OFFICEHOLDER)

    @property
    def is_griffier(self):
        return self.has_role(Role.GRIFFIER)

    @property
    def is_triage_staff(self):
        return self.has_role(Role.TRIAGE)

    @property
    def is_support_team(self):
        return self.has_role(Role.SUPPORT_TEAM)

    @property
    def is_partner(self):
        return self.has_role(Role.PARTNER)

    @property
    def is_administrator(self):
        return self.has_role(Role.ADMINISTRATOR) or self.is_superuser

    @property
    def requires_mfa(self) -> bool:
        return bool(self.role_names & MFA_REQUIRED_ROLES) or self.is_staff or self.is_superuser


class RoleAssignment(models.Model):
    """One role a person holds; an officeholder or griffier role names the body they serve."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    office_type = models.CharField(
        _("functie"), max_length=30, choices=OfficeType.choices, blank=True
    )
    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegekend door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("toegekend op"), default=timezone.now)
    # Only for a waterschapsbestuurder: the dijkgraaf, who chairs the water board (a mayor and a
    # King's Commissioner chair their body by office, see CHAIR_OFFICES).
    chairs_body = models.BooleanField(
        _("voorzitter (dijkgraaf)"),
        default=False,
        help_text=_("Alleen voor een waterschapsbestuurder die het waterschap voorzit."),
    )

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.OFFICEHOLDER) | (~Q(office_type="") & Q(body__isnull=False)),
                name="role_officeholder_has_office_and_body",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.GRIFFIER) | Q(body__isnull=False),
                name="role_griffier_has_body",
            ),
            models.CheckConstraint(
                condition=Q(role=Role.OFFICEHOLDER) | Q(office_type=""),
                name="role_office_type_only_for_officeholder",
            ),
            models.CheckConstraint(
                condition=Q(chairs_body=False)
                | Q(role=Role.OFFICEHOLDER, office_type=OfficeType.WATERSCHAPSBESTUURDER),
                name="role_chair_flag_only_for_water_board_officeholder",
            ),
        ]
        indexes = [models.Index(fields=["role", "body"])]

    def __str__(self):
        if self.role == Role.OFFICEHOLDER:
            return f"{self.get_office_type_display()}, {self.body}"
        if self.body_id:
            return f"{self.get_role_display()}, {self.body}"
        return str(self.get_role_display())

    @property
    def is_chair(self):
        """Whether this role chairs its body (burgemeester, Commissaris van de Koning,
        dijkgraaf)."""
        return self.role == Role.OFFICEHOLDER and (
            self.office_type in CHAIR_OFFICES or self.chairs_body
        )


class InvitationQuerySet(models.QuerySet):
    def undecided(self):
        """Not accepted, revoked or expired (whether or not it still waits for approval)."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def open(self):
        """Usable: undecided and, for a privileged role, approved (so its link may go out)."""
        return self.undecided().filter(Q(needs_approval=False) | Q(approved_at__isnull=False))

    def awaiting_approval(self):
        return self.undecided().filter(needs_approval=True, approved_at__isnull=True)


class Invitation(models.Model):
    """An invitation to create an account with one role. The link in the e-mail expires and
    works once; the token is a signature over the id, so it is never stored.

    An invitation belongs to its inviter: only they revoke it, and another inviter's invitation
    for the same address lives beside it. One to a privileged role waits until a second
    privileged person approves it; only then is its link sent and usable."""

    TOKEN_SALT = "accounts.invitation"  # noqa: S105 - a signing salt, not a secret

    email = models.EmailField(_("e-mailadres"))
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    office_type = models.CharField(
        _("functie"), max_length=30, choices=OfficeType.choices, blank=True
    )
    body = models.ForeignKey(
        "government.GovernmentBody",
        verbose_name=_("overheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    needs_approval = models.BooleanField(_("goedkeuring nodig"), default=False)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email_sent_at = models.DateTimeField(_("e-mail verstuurd op"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["email"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | Q(needs_approval=True),
                name="invitation_approved_only_when_approval_needed",
            ),
            # Four eyes, also for a write that bypasses the actions.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("invited_by")),
                name="invitation_not_approved_by_its_inviter",
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def token(self) -> str:
        return signing.dumps(self.pk, salt=self.TOKEN_SALT)

    @property
    def is_undecided(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def awaiting_approval(self) -> bool:
        return self.is_undecided and self.needs_approval and self.approved_at is None

    @property
    def is_open(self) -> bool:
        return self.is_undecided and (not self.needs_approval or self.approved_at is not None)

    @property
    def state_label(self):
        if self.accepted_at:
            return _("geaccepteerd")
        if self.revoked_at:
            return _("afgewezen") if self.awaiting_approval_when_revoked else _("ingetrokken")
        if self.expires_at <= timezone.now():
            return _("verlopen")
        if self.needs_approval and self.approved_at is None:
            return _("wacht op goedkeuring")
        return _("open")

    @property
    def awaiting_approval_when_revoked(self) -> bool:
        return self.needs_approval and self.approved_at is None and self.revoked_at is not None


class UserSession(AbstractBaseSession):
    """A session (Django's own table shape) that knows whose it is, so ending every session of
    one person is one indexed query instead of decoding every session (see accounts/sessions.py,
    the SESSION_ENGINE)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        # No database constraint: a request that saves its session while its user is being
        # deleted must not fail; deleting a user through Django still removes their sessions.
        db_constraint=False,
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore  # the store imports this model

        return SessionStore
