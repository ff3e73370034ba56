"""A chair applies to the fund on an officeholder's behalf; the officeholder answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import actions, forms, selectors
from ..models import GrantScheme
from ..permissions import is_applicant_in_person
from .common import visible_application


@login_required
@require_http_methods(["GET", "POST"])
def on_behalf_start(request):
    """For a chair (burgemeester, Commissaris van de Koning, dijkgraaf): start a fund
    application for an officeholder of their body, and see which requests wait for consent.
    Anyone else gets a 404."""
    schemes = selectors.on_behalf_schemes(request.user)
    awaiting = selectors.on_behalf_awaiting(request.user)
    if not (schemes or awaiting):
        raise Http404
    forms_by_scheme = {scheme.pk: None for scheme in schemes}
    if request.method == "POST":
        value = request.POST.get("scheme", "")
        if not value.isdigit() or int(value) not in forms_by_scheme:
            raise Http404
        scheme = get_object_or_404(GrantScheme, pk=int(value))
        form = forms.OnBehalfStartForm(request.POST, user=request.user, scheme=scheme)
        if form.is_valid():
            assignment = form.cleaned_data["assignment"]
            try:
                actions.application_start_on_behalf(
                    actor=request.user, scheme=scheme, assignment=assignment
                )
            except ValidationError as error:
                form.add_error("assignment", error)
            except PermissionDenied as error:
                raise Http404 from error
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s krijgt bericht en kan in het portaal toestemming geven. Tot "
                        "dan ziet u alleen dat de aanvraag wacht op toestemming."
                    )
                    % {"name": assignment.user.full_name or assignment.user.email},
                )
                return redirect("subsidies:on_behalf")
        forms_by_scheme[scheme.pk] = form
    offers = [
        (
            scheme,
            forms_by_scheme[scheme.pk]
            or forms.OnBehalfStartForm(
                user=request.user, scheme=scheme, auto_id=f"s{scheme.pk}_%s"
            ),
        )
        for scheme in schemes
    ]
    status = 400 if any(form.is_bound for _scheme, form in offers) else 200
    return render(
        request,
        "subsidies/on_behalf.html",
        {"offers": offers, "awaiting": awaiting},
        status=status,
    )


@login_required
@require_POST
def consent(request, pk):
    """The officeholder gives, withdraws or declines consent to a chair's application on their
    behalf. Only that officeholder: anyone else, the chair included, gets a 404."""
    application = visible_application(request, pk)
    if application.on_behalf_by_id is None or not is_applicant_in_person(request.user, application):
        raise Http404
    form = forms.ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies of u toestemming geeft."))
        return redirect("subsidies:detail", pk=application.pk)
    answer = form.cleaned_data["answer"]
    try:
        if answer == forms.ConsentForm.GIVE:
            actions.consent_give(actor=request.user, application=application)
            messages.success(
                request,
                _("U heeft toestemming gegeven. De voorzitter kan de aanvraag nu met u invullen."),
            )
        elif answer == forms.ConsentForm.WITHDRAW:
            actions.consent_withdraw(actor=request.user, application=application)
            messages.success(
                request,
                _(
                    "U heeft uw toestemming ingetrokken. De voorzitter ziet niets meer van deze "
                    "aanvraag; de aanvraag blijft van u."
                ),
            )
        else:
            actions.consent_decline(actor=request.user, application=application)
            messages.success(
                request, _("U heeft geen toestemming gegeven. Het verzoek is verwijderd.")
            )
            return redirect("subsidies:list")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        raise Http404 from error
    return redirect("subsidies:detail", pk=application.pk)
