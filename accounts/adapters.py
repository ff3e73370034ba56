from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from accounts.actions import email_address_sync
from accounts.selectors import email_in_use
from weerbaar import crypto

ADDRESS_TAKEN = _("Dit e-mailadres kunt u niet gebruiken. Kies een ander adres.")
CONFIRM_SIGNED_IN = _(
    "Log eerst in met het account waarvoor u dit e-mailadres wilt gebruiken. Open daarna de "
    "link opnieuw."
)


class AccountAdapter(DefaultAccountAdapter):
    # allauth's Dutch says "je"; the messages a person can meet here, in the portal's voice.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Dit account is niet actief."),
        "email_password_mismatch": _("Het e-mailadres of het wachtwoord klopt niet."),
        "enter_current_password": _("Vul uw huidige wachtwoord in."),
        "incorrect_code": _("Deze code klopt niet."),
        "incorrect_password": _("Dit wachtwoord klopt niet."),
        "invalid_or_expired_key": _("Deze link is verlopen of werkt niet."),
        "invalid_login": _("Inloggen is niet gelukt."),
        "invalid_password_reset": _("Deze link om uw wachtwoord te wijzigen werkt niet meer."),
        "unknown_email": _("Dit e-mailadres hoort niet bij een account."),
        "unverified_primary_email": _("Bevestig eerst uw e-mailadres."),
        "same_as_current": _("Het nieuwe adres is hetzelfde als het huidige."),
        "rate_limited": _(
            "U doet te veel verzoeken achter elkaar. Wacht even en probeer het opnieuw."
        ),
    }

    def is_open_for_signup(self, request):
        # Accounts come from an invitation (accounts.views.invitation_accept) or the admin.
        return False

    def get_reauthentication_methods(self, user):
        """allauth's ways to confirm it is you, described in the portal's words."""
        descriptions = {
            "reauthenticate": _("Met uw wachtwoord"),
            "mfa_reauthenticate": _("Met een verificatiecode of herstelcode"),
            "mfa_reauthenticate:webauthn": _("Met een beveiligingssleutel"),
        }
        methods = super().get_reauthentication_methods(user)
        for method in methods:
            method["description"] = descriptions.get(method["id"], method["description"])
        return methods

    # Wrong passwords back off per client and account (accounts/throttle.py) instead of
    # allauth's per-account lock, which anyone could trigger for someone else's address.
    def pre_authenticate(self, request, **credentials):
        login = credentials.get("email") or credentials.get("username") or ""
        if throttle.seconds_to_wait(request, scope="password", account=login) > 0:
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            login = credentials.get("email") or credentials.get("username") or ""
            throttle.record_success(request, scope="password", account=login)
        return user

    def authentication_failed(self, request, **credentials):
        login = credentials.get("email") or credentials.get("username") or ""
        throttle.record_failure(request, scope="password", account=login)
        super().authentication_failed(request, **credentials)

    def confirm_email(self, request, email_address) -> bool:
        """Confirm a new address only for its account holder, signed in, and only while no
        other account uses it (it may have been given to someone else since the link was
        sent); never answer 500: a collision in the database becomes a message. The old
        address is synced first so that it gets the notice of the change."""
        user = email_address.user
        # Only the account holder, signed in, confirms: someone who clicks a confirmation they
        # never asked for must not hand their address to another account.
        if not request.user.is_authenticated or request.user.pk != user.pk:
            messages.error(request, str(CONFIRM_SIGNED_IN))
            return False
        if email_in_use(email_address.email, except_user=user, include_pending=False):
            messages.error(request, str(ADDRESS_TAKEN))
            return False
        try:
            with transaction.atomic():
                email_address_sync(user=user)
                return super().confirm_email(request, email_address)
        except IntegrityError:
            messages.error(request, str(ADDRESS_TAKEN))
            return False


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "U kunt geen e-mailadres toevoegen aan een account met tweestapsverificatie."
        ),
        "cannot_delete_authenticator": _("U kunt tweestapsverificatie niet uitzetten."),
        "cannot_generate_recovery_codes": _(
            "Zet eerst tweestapsverificatie aan; daarna kunt u herstelcodes maken."
        ),
        "incorrect_code": _("Deze code klopt niet. Controleer de code en probeer het opnieuw."),
        "unverified_email": _(
            "Bevestig eerst uw e-mailadres; daarna kunt u tweestapsverificatie aanzetten."
        ),
    }

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Someone who must use MFA cannot remove their last second factor."""
        user = authenticator.user
        if not user.requires_mfa or authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return True
        return (
            Authenticator.objects.filter(user=user)
            .exclude(pk=authenticator.pk)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
            .exists()
        )
