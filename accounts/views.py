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
from django.views.decorators.http import require_POST

from accounts import actions, selectors
from accounts.adapters import ADDRESS_TAKEN
from accounts.forms import AcceptInvitationForm, InvitationForm
from accounts.models import Invitation


def _require_inviter(request):
    if not actions.can_invite(request.user):
        raise Http404


@login_required
def invitation_list(request):
    _require_inviter(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.invitation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:invitation_list")
    invitations = selectors.invitations_for(request.user)[:50]
    return render(
        request,
        "accounts/invitation_list.html",
        {"form": form, "invitations": invitations, "valid_days": settings.INVITATION_VALID_DAYS},
    )


@login_required
@require_POST
def invitation_revoke(request, pk):
    _require_inviter(request)
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        actions.invitation_revoke(actor=request.user, invitation=invitation)
    except actions.InvitationNotUsable:
        messages.error(request, _("Deze uitnodiging was al gebruikt, ingetrokken of verlopen."))
    except PermissionDenied as error:
        raise Http404 from error
    else:
        messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("accounts:invitation_list")


def invitation_accept(request, token):
    invitation = selectors.invitation_from_token(token)
    if invitation is None:
        raise Http404
    if request.user.is_authenticated:
        messages.info(
            request, _("U bent al ingelogd. Log eerst uit om een uitnodiging te gebruiken.")
        )
        return redirect("home")
    if not invitation.is_open:
        return render(
            request, "accounts/invitation_unusable.html", {"invitation": invitation}, status=410
        )
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
            return render(
                request, "accounts/invitation_unusable.html", {"invitation": invitation}, status=410
            )
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
