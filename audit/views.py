"""The erasure of an officeholder's account (the trail pages belong to the apps whose objects
were read: incidents/views/trail.py, homescan/views.py)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import actions, permissions, selectors
from .forms import ErasureRequestForm


@login_required
def erasure(request):
    """An officeholder asks for the erasure of their account and reports (with their
    password), confirms it through the link in the e-mail (`?bevestig=<token>`), or withdraws
    it. The confirmation link leads to this page (one URL for the whole flow)."""
    if not permissions.may_request_erasure(request.user):
        raise Http404
    token = request.POST.get("token") or request.GET.get("bevestig")
    if token:
        return _erasure_confirm(request, token)
    open_request = selectors.open_erasure_request(request.user)
    form = ErasureRequestForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            if open_request is not None:
                actions.erasure_withdraw(actor=request.user, request=open_request)
                messages.success(request, _("Uw verzoek om verwijdering is ingetrokken."))
            return redirect("audit:erasure")
        if request.POST.get("action") == "request" and form.is_valid():
            actions.erasure_request(actor=request.user)
            messages.success(
                request,
                _(
                    "Wij hebben u een e-mail gestuurd. Bevestig uw verzoek met de link in die "
                    "e-mail. Pas daarna plannen wij de verwijdering."
                ),
            )
            return redirect("audit:erasure")
    return render(
        request,
        "audit/erasure.html",
        {
            "form": form,
            "open_request": open_request,
            "grace_days": settings.ERASURE_GRACE_DAYS,
            "confirm_hours": settings.ERASURE_CONFIRM_HOURS,
            "reminder_days": settings.ERASURE_REMINDER_DAYS,
        },
    )


def _erasure_confirm(request, token):
    """The link in the confirmation e-mail: shows what will happen and confirms on POST (a
    link checker that opens the mail confirms nothing). Someone else's link is a 404."""
    erasure_request = selectors.erasure_request_from_token(
        token, max_age_seconds=settings.ERASURE_CONFIRM_HOURS * 3600
    )
    if erasure_request is not None and erasure_request.user_id != request.user.pk:
        raise Http404
    usable = (
        erasure_request is not None
        and erasure_request.withdrawn_at is None
        and erasure_request.done_at is None
        and erasure_request.confirmed_at is None
    )
    if not usable:
        messages.error(
            request,
            _(
                "Deze link werkt niet (meer). Hij is verlopen, al gebruikt, of het verzoek is "
                "ingetrokken. U kunt hieronder een nieuw verzoek doen."
            ),
        )
        return redirect("audit:erasure")
    if request.method == "POST" and request.POST.get("action") == "confirm":
        try:
            erasure_request = actions.erasure_confirm(actor=request.user, request=erasure_request)
        except actions.ErasureNotOpen:
            return redirect("audit:erasure")
        messages.success(
            request,
            _("Uw verzoek is bevestigd. Uw account wordt verwijderd op %(date)s.")
            % {"date": date_format(timezone.localtime(erasure_request.due_at), "j F Y")},
        )
        return redirect("audit:erasure")
    return render(
        request,
        "audit/erasure_confirm.html",
        {"grace_days": settings.ERASURE_GRACE_DAYS, "token": token},
    )
