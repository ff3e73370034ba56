"""The colleague a witness's or on-behalf report is about answers the question for consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import concerned, forms, permissions
from ..models import ConcernedConsent
from ..workflow import TransitionNotAllowed
from .common import refusal_message, visible_incident


@login_required
@require_POST
def consent(request, pk):
    incident = visible_incident(request, pk, lock_related=False)
    if not permissions.is_concerned(request.user, incident):
        raise Http404
    form = forms.ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies of u toestemming geeft."))
        return redirect("incidents:detail", pk=incident.pk)
    answer = form.cleaned_data["answer"]
    try:
        concerned.concerned_consent_set(actor=request.user, incident=incident, consent=answer)
    except PermissionDenied as error:
        raise Http404 from error
    except (TransitionNotAllowed, ValidationError) as error:
        refusal_message(request, error)
        return redirect("incidents:detail", pk=incident.pk)
    if answer == ConcernedConsent.GIVEN:
        messages.success(request, _("U gaf toestemming. BZK weet dit nu."))
    else:
        messages.success(request, _("U gaf geen toestemming. BZK weet dit nu."))
    return redirect("incidents:detail", pk=incident.pk)
