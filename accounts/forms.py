from allauth.account import forms as allauth_forms
from allauth.core import context as allauth_context
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django import forms
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import selectors, throttle
from accounts.actions import check_role_fields
from accounts.adapters import ADDRESS_TAKEN
from accounts.models import Invitation, User
from accounts.selectors import email_in_use, users_for_password_reset
from government.models import GovernmentBody


class GovernmentBodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class InvitationForm(forms.ModelForm):
    body = GovernmentBodyChoiceField(
        label=_("Overheid"),
        queryset=GovernmentBody.objects.filter(active=True).order_by("kind", "name"),
        required=False,
        help_text=_("Voor ambtsdragers en griffiers: de gemeente, provincie of het waterschap."),
    )

    class Meta:
        model = Invitation
        fields = ["email", "full_name", "role", "office_type", "body"]
        labels = {
            "email": _("E-mailadres"),
            "full_name": _("Naam"),
            "role": _("Rol"),
            "office_type": _("Functie (alleen voor ambtsdragers)"),
        }
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, inviter, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the roles this inviter may offer (triage staff never offer the administrator).
        offerable = selectors.offerable_roles(inviter)
        self.fields["role"].choices = [
            (value, label)
            for value, label in self.fields["role"].choices
            if value == "" or value in offerable
        ]
        self.fields["role"].help_text = _(
            "Een uitnodiging voor BZK (triage), het Ondersteuningsteam of beheer wordt pas "
            "verstuurd als een tweede medewerker met zo'n rol haar goedkeurt."
        )

    def clean(self):
        cleaned = super().clean()
        if "role" in cleaned:
            try:
                check_role_fields(
                    role=cleaned["role"],
                    office_type=cleaned.get("office_type", ""),
                    body=cleaned.get("body"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Uw naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimaal 12 tekens. Gebruik geen wachtwoord dat u elders ook gebruikt."),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif password1:
            candidate = User(email=self.invitation.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AddEmailForm(allauth_forms.AddEmailForm):
    """allauth's form to change the address, refusing any address another account uses (as
    its own, confirmed or pending address, in any spelling). allauth lets such an address
    through when enumeration prevention is on; here one address belongs to one person. The
    answer names no account; the page is only for a signed-in, re-authenticated person and
    rate limited (`manage_email`)."""

    def clean_email(self):
        value = super().clean_email()
        if email_in_use(value, except_user=self.user):
            raise ValidationError(ADDRESS_TAKEN, code="email_taken")
        return value


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """allauth's reset form, finding the account only by its own address."""

    def clean_email(self):
        email = super().clean_email()
        self.users = users_for_password_reset(email)
        return email


class _CodeBackoffMixin:
    """Wrong second-factor codes back off per client and account (accounts/throttle.py), like
    wrong passwords; allauth's own limit on codes counts per client only (`login_failed`)."""

    def clean_code(self):
        request = allauth_context.request
        account = f"user:{self.user.pk}"
        if throttle.seconds_to_wait(request, scope="code", account=account) > 0:
            raise ValidationError(
                _("Te veel onjuiste codes. Wacht even en probeer het dan opnieuw."),
                code="too_many_codes",
            )
        try:
            code = super().clean_code()
        except ValidationError:
            throttle.record_failure(request, scope="code", account=account)
            raise
        throttle.record_success(request, scope="code", account=account)
        _remember_used_totp_code(self.authenticator, code)
        return code


def _remember_used_totp_code(authenticator, code):
    """Refuse a used code for as long as it stays valid. allauth remembers a used code for one
    period (30 s), but with MFA_TOTP_TOLERANCE a code is valid for 2 × tolerance + 1 periods:
    without this a code typed in the window before its own could be replayed a minute later."""
    if authenticator.type != Authenticator.Type.TOTP:
        return
    valid_for = mfa_settings.TOTP_PERIOD * (2 * mfa_settings.TOTP_TOLERANCE + 1)
    cache.set(TOTP(authenticator)._get_used_cache_key(code), "y", timeout=valid_for)


class _CodeFieldMixin:
    """The code field in the portal's words, ready to type into on a phone: focused, a number
    pad, and offered by the phone's one-time-code autofill. Recovery codes are digits too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Verificatiecode")
        field.help_text = _("6 cijfers uit uw authenticator-app, of een van uw herstelcodes.")
        field.error_messages["required"] = _("Vul de verificatiecode in.")
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs.update(
            {"autofocus": True, "inputmode": "numeric", "autocomplete": "one-time-code"}
        )


class MFAAuthenticateForm(_CodeFieldMixin, _CodeBackoffMixin, mfa_forms.AuthenticateForm):
    pass


class MFAReauthenticateForm(_CodeFieldMixin, _CodeBackoffMixin, mfa_forms.ReauthenticateForm):
    pass


class AccountNameForm(forms.Form):
    """The person's own name on "Mijn account"."""

    full_name = forms.CharField(
        label=_("Naam"),
        max_length=User._meta.get_field("full_name").max_length,
        help_text=_("Zo ziet BZK uw naam bij uw meldingen en aanvragen."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
