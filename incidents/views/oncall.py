"""Staff: the on-call rota (piket), the notice preference, and acknowledging an urgent case."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, oncall, workflow
from ..models import OnCallShift, StaffNoticePreference, UrgentAlert
from ..workflow import TransitionNotAllowed
from .common import refusal_message, staff_incident


def _require_staff(request):
    if not request.user.is_triage_staff:
        raise Http404


def _rota_page(request, *, shift_form=None, status=200):
    now = timezone.now()
    preference = StaffNoticePreference.objects.filter(user=request.user).first()
    return render(
        request,
        "incidents/rota.html",
        {
            "shifts": oncall.rota(now),
            "on_call": oncall.on_call_shifts(now),
            "team_lead": oncall.team_lead(now),
            "office_hours_now": workflow.is_office_hours(now),
            "office_hours_start": settings.OFFICE_HOURS_START,
            "office_hours_end": settings.OFFICE_HOURS_END,
            "ack_minutes": settings.URGENT_ACK_MINUTES,
            "weeks": oncall.ROTA_WEEKS,
            "shift_form": shift_form or forms.OnCallShiftForm(),
            "preference_form": forms.StaffNoticePreferenceForm(
                initial={
                    "digest_outside_office_hours": bool(
                        preference and preference.digest_outside_office_hours
                    )
                }
            ),
        },
        status=status,
    )


@login_required
def rota(request):
    _require_staff(request)
    return _rota_page(request)


@login_required
@require_POST
def rota_add(request):
    _require_staff(request)
    form = forms.OnCallShiftForm(request.POST)
    if form.is_valid():
        try:
            oncall.on_call_shift_add(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De dienst staat op het rooster."))
            return redirect("incidents:rota")
    return _rota_page(request, shift_form=form, status=400)


@login_required
@require_POST
def rota_remove(request, shift_pk):
    _require_staff(request)
    shift = get_object_or_404(OnCallShift.objects.current(), pk=shift_pk)
    try:
        oncall.on_call_shift_remove(actor=request.user, shift=shift)
    except TransitionNotAllowed as error:
        refusal_message(request, error)
    else:
        messages.success(request, _("De dienst is van het rooster gehaald."))
    return redirect("incidents:rota")


@login_required
@require_POST
def notice_preference(request):
    _require_staff(request)
    form = forms.StaffNoticePreferenceForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    oncall.staff_notice_preference_set(
        actor=request.user,
        digest_outside_office_hours=form.cleaned_data["digest_outside_office_hours"],
    )
    messages.success(request, _("Uw voorkeur is bewaard."))
    return redirect("incidents:rota")


@login_required
def urgent_ack(request, pk):
    """The page the on-call mail links to: one button that takes on the urgent case."""
    incident = staff_incident(request, pk)
    alert = get_object_or_404(
        UrgentAlert.objects.select_related("acknowledged_by"), incident=incident
    )
    if request.method == "POST":
        try:
            oncall.urgent_alert_acknowledge(actor=request.user, incident=incident)
        except TransitionNotAllowed as error:
            refusal_message(request, error)
        else:
            messages.success(
                request,
                _(
                    "U heeft melding %(reference)s aangenomen. Neem binnen het uur contact op "
                    "met de melder."
                )
                % {"reference": incident.reference},
            )
        return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/urgent_ack.html", {"incident": incident, "alert": alert})
