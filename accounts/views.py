from allauth.account import views as allauth_views
from allauth.account.internal.flows.reauthentication import (
    raise_if_reauthentication_required,
)
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from accounts import actions, selectors
from accounts.adapters import ADDRESS_TAKEN
from accounts.forms import AcceptInvitationForm, AccountNameForm, InvitationForm
from accounts.middleware import has_second_factor
from accounts.models import User
from weerbaar.navigation import ACCOUNT_TOPICS, account_sections_for


@login_required
def account(request):
    """The account page ("Mijn account"): name and address, password, two-step verification,
    language, the notices the person gets, who read their cases and the erasure request, each
    linking to the page that changes it. Only the name is changed here."""
    user = request.user
    form = AccountNameForm(request.POST or None, initial={"full_name": user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            actions.user_name_set(actor=user, full_name=form.cleaned_data["full_name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw naam is gewijzigd."))
            return redirect("accounts:account")
    sections = account_sections_for(user)
    return render(
        request,
        "accounts/account.html",
        {
            "name_form": form,
            "roles": selectors.role_assignments_of(user),
            "pending_email": selectors.pending_email_change(user),
            "has_mfa": has_second_factor(user),
            "topics": [(topic, sections[topic]) for topic in ACCOUNT_TOPICS],
        },
    )


def _require_inviter(request):
    if not selectors.can_invite(request.user):
        raise Http404


def _sent_message(invitation) -> str:
    """The same words whether or not the address has an account or another invitation."""
    if invitation.needs_approval:
        return _(
            "Uw uitnodiging voor %(email)s wacht nu op goedkeuring door een tweede medewerker. "
            "Pas daarna versturen wij haar."
        ) % {"email": invitation.email}
    return _("Wij sturen de uitnodiging naar %(email)s.") % {"email": invitation.email}


@login_required
def invitation_list(request):
    _require_inviter(request)
    form = InvitationForm(request.POST or None, inviter=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invitation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except actions.InvitationsUnavailable as error:
            form.add_error(None, error.message)
            status = 503
        except actions.InvitationRateLimited as error:
            form.add_error(None, error.message)
            status = 429
        else:
            messages.success(request, _sent_message(invitation))
            return redirect("accounts:invitation_list")
    invitations = selectors.invitations_for(request.user)[:50]
    return render(
        request,
        "accounts/invitation_list.html",
        {
            "form": form,
            "invitations": invitations,
            "awaiting_approval": selectors.invitations_awaiting_approval_by(request.user)[:50],
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
        status=status,
    )


@login_required
@require_POST
def invitation_revoke(request, pk):
    _require_inviter(request)
    invitation = get_object_or_404(selectors.invitations_for(request.user), pk=pk)
    try:
        actions.invitation_revoke(actor=request.user, invitation=invitation)
    except actions.InvitationNotUsable:
        messages.error(request, _("Deze uitnodiging was al gebruikt, ingetrokken of verlopen."))
    except PermissionDenied as error:
        raise Http404 from error
    else:
        messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("accounts:invitation_list")


def _awaiting_my_approval(request, pk):
    _require_inviter(request)
    invitation = get_object_or_404(selectors.invitations_awaiting_approval_by(request.user), pk=pk)
    if not selectors.may_approve(request.user, invitation):
        raise Http404
    return invitation


@login_required
@require_POST
def invitation_approve(request, pk):
    invitation = _awaiting_my_approval(request, pk)
    try:
        actions.invitation_approve(actor=request.user, invitation=invitation)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(
        request,
        _("U heeft de uitnodiging voor %(email)s goedgekeurd. Wij versturen haar nu.")
        % {"email": invitation.email},
    )
    return redirect("accounts:invitation_list")


@login_required
@require_POST
def invitation_decline(request, pk):
    invitation = _awaiting_my_approval(request, pk)
    try:
        actions.invitation_decline(actor=request.user, invitation=invitation)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(
        request,
        _("U heeft de uitnodiging voor %(email)s afgewezen. Zij wordt niet verstuurd.")
        % {"email": invitation.email},
    )
    return redirect("accounts:invitation_list")


def _unusable(request, invitation):
    return render(
        request, "accounts/invitation_unusable.html", {"invitation": invitation}, status=410
    )


def _accept_signed_in(request, invitation):
    """The holder of the invited address, signed in, takes up the role on their account."""
    if request.user.email.lower() != invitation.email.lower():
        messages.info(
            request,
            _(
                "Deze uitnodiging is voor een ander e-mailadres dan waarmee u bent ingelogd. "
                "Log eerst uit om haar te gebruiken."
            ),
        )
        return redirect("home")
    if not invitation.is_open:
        return _unusable(request, invitation)
    if request.method == "POST":
        try:
            actions.invitation_accept_by_account(actor=request.user, invitation=invitation)
        except actions.InvitationNotUsable:
            return _unusable(request, invitation)
        messages.success(
            request,
            _("U heeft nu ook de rol %(role)s.") % {"role": invitation.get_role_display()},
        )
        return redirect("home")
    return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})


def invitation_accept(request, token):
    invitation = selectors.invitation_from_token(token)
    if invitation is None:
        raise Http404
    if request.user.is_authenticated:
        return _accept_signed_in(request, invitation)
    if not invitation.is_open:
        return _unusable(request, invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        # Only the holder of the address has this link: tell them to log in and come back.
        return render(request, "accounts/invitation_login_first.html", {"invitation": invitation})
    form = AcceptInvitationForm(
        request.POST or None, invitation=invitation, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except actions.InvitationNotUsable:
            return _unusable(request, invitation)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom. Uw account is klaar."))
        return redirect("home")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


class EmailView(allauth_views.EmailView):
    """allauth's e-mail page (/account/email/), with the own address shown as the confirmed
    one, no way to make an unconfirmed address primary (a new address counts only once the
    link in its confirmation e-mail is used), and no 500 on a collision in the database."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            actions.email_address_sync(user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # Ask for the password before looking at the form at all: otherwise the answer to an
        # address another account uses would come without re-authentication.
        raise_if_reauthentication_required(request, app="allauth.account")
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except IntegrityError:
            messages.error(request, ADDRESS_TAKEN)
            return redirect("account_email")

    def _action_primary(self, request, *args, **kwargs):
        email_address = self._get_email_address(request)
        if email_address is not None and not email_address.verified:
            messages.error(
                request,
                _(
                    "Dit e-mailadres is nog niet bevestigd. Gebruik eerst de link in de e-mail "
                    "die wij naar dit adres hebben gestuurd."
                ),
            )
            return redirect("account_email")
        return super()._action_primary(request, *args, **kwargs)


def language_choose(request):
    """Django's language switcher that also stores the choice on the signed-in person's account,
    so the e-mail they get from the portal is in that language too. A GET changes nothing and
    returns to the page, as Django's own view does."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        actions.user_language_set(actor=request.user, language=language)
    return response
