"""Meetings of the learning network: the list and a meeting's page for participants,
registering and cancelling, and BZK's pages to plan, cancel, record attendance and add the
materials and the report. Who takes no part gets a 404 on every one of them."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weerbaar.uploads import read_stored

from .. import actions, forms, permissions, selectors
from ..models import MeetingMaterial, MeetingRegistration, MeetingRegistrationStatus
from ..workflow import TransitionNotAllowed


def _visible_meeting(request, pk):
    return get_object_or_404(selectors.visible_meetings(request.user), pk=pk)


def _hosted_meeting(request, pk):
    if not permissions.may_host(request.user):
        raise Http404
    return _visible_meeting(request, pk)


@login_required
@require_GET
def meeting_list(request):
    if not permissions.takes_part(request.user):
        raise Http404
    upcoming, past = selectors.meetings_overview(request.user)
    return render(
        request,
        "learning/meeting_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "is_host": permissions.may_host(request.user),
            "statuses": MeetingRegistrationStatus,
        },
    )


@login_required
@require_GET
def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    registration = selectors.my_registrations(request.user, [meeting.pk]).get(meeting.pk)
    return render(
        request,
        "learning/meeting_detail.html",
        {
            "meeting": meeting,
            "registration": registration,
            "materials": list(meeting.materials.all()),
            "is_host": permissions.may_host(request.user),
            "statuses": MeetingRegistrationStatus,
        },
    )


@login_required
def meeting_create(request):
    if not permissions.may_host(request.user):
        raise Http404
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = actions.meeting_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("De bijeenkomst is gepland."))
        return redirect(meeting)
    return render(
        request,
        "learning/meeting_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def meeting_cancel(request, pk):
    meeting = _hosted_meeting(request, pk)
    try:
        actions.meeting_cancel(actor=request.user, meeting=meeting)
    except actions.MeetingClosed:
        messages.error(request, _("Deze bijeenkomst is al begonnen of geannuleerd."))
    else:
        messages.success(
            request,
            _(
                "De bijeenkomst is geannuleerd. Wie zich aanmeldde of op de wachtlijst stond, "
                "krijgt bericht."
            ),
        )
    return redirect(meeting)


@login_required
@require_POST
def register(request, pk):
    meeting = _visible_meeting(request, pk)
    try:
        registration = actions.meeting_register(actor=request.user, meeting=meeting)
    except actions.AlreadyRegistered:
        messages.info(request, _("U bent al aangemeld voor deze bijeenkomst."))
    except actions.MeetingClosed:
        messages.error(
            request, _("Aanmelden kan niet meer: de bijeenkomst is begonnen of geannuleerd.")
        )
    else:
        if registration.status == MeetingRegistrationStatus.WAITING:
            messages.warning(
                request,
                _(
                    "Deze bijeenkomst is vol. U staat op de wachtlijst: komt er een plaats vrij, "
                    "dan krijgt u die en ontvangt u een bericht."
                ),
            )
        else:
            messages.success(request, _("U bent aangemeld. U ontvangt een bevestiging per e-mail."))
    return redirect(meeting)


@login_required
@require_POST
def cancel_registration(request, pk):
    meeting = _visible_meeting(request, pk)
    registration = get_object_or_404(
        MeetingRegistration.objects.active(), meeting=meeting, user=request.user
    )
    try:
        actions.meeting_registration_cancel(actor=request.user, registration=registration)
    except (TransitionNotAllowed, actions.MeetingClosed):
        messages.error(request, _("Deze aanmelding kunt u niet meer afmelden."))
    else:
        messages.success(request, _("U bent afgemeld."))
    return redirect(meeting)


@login_required
def attendance(request, pk):
    meeting = _hosted_meeting(request, pk)
    with_a_place, waiting = selectors.meeting_registrations(meeting)
    if request.method == "GET":
        actions.meeting_registrations_record_read(reader=request.user, meeting=meeting)
    attended = [str(r.pk) for r in with_a_place if r.status == MeetingRegistrationStatus.ATTENDED]
    form = forms.AttendanceForm(
        request.POST or None, registrations=with_a_place, initial={"attended": attended}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.meeting_attendance_record(
                actor=request.user,
                meeting=meeting,
                attended=[int(value) for value in form.cleaned_data["attended"]],
            )
        except actions.MeetingNotBegun:
            messages.error(
                request, _("De aanwezigheid legt u vast zodra de bijeenkomst begonnen is.")
            )
        else:
            messages.success(request, _("De aanwezigheid is opgeslagen."))
        return redirect("learning:attendance", pk=meeting.pk)
    return render(
        request,
        "learning/attendance.html",
        {"meeting": meeting, "form": form, "with_a_place": with_a_place, "waiting": waiting},
        status=400 if form.errors else 200,
    )


@login_required
def report(request, pk):
    meeting = _hosted_meeting(request, pk)
    if not meeting.has_begun:
        raise Http404
    report_form = forms.ReportForm(
        request.POST if "report" in request.POST else None, initial={"report": meeting.report}
    )
    material_form = forms.MaterialForm(
        request.POST if "title" in request.POST else None,
        request.FILES if "title" in request.POST else None,
    )
    if request.method == "POST":
        if report_form.is_bound and report_form.is_valid():
            actions.meeting_report_save(
                actor=request.user, meeting=meeting, report=report_form.cleaned_data["report"]
            )
            messages.success(request, _("Het verslag is opgeslagen."))
            return redirect(meeting)
        if material_form.is_bound and material_form.is_valid():
            try:
                actions.meeting_material_add(
                    actor=request.user,
                    meeting=meeting,
                    title=material_form.cleaned_data["title"],
                    uploaded_file=material_form.cleaned_data["file"],
                )
            except ValidationError as error:
                material_form.add_error("file", error)
            else:
                messages.success(request, _("Het materiaal is toegevoegd."))
                return redirect(meeting)
    invalid = report_form.errors or material_form.errors or request.method == "POST"
    return render(
        request,
        "learning/report_form.html",
        {"meeting": meeting, "report_form": report_form, "material_form": material_form},
        status=400 if invalid else 200,
    )


@login_required
@require_GET
def material_download(request, pk, material_pk):
    meeting = _visible_meeting(request, pk)
    material = get_object_or_404(MeetingMaterial, pk=material_pk, meeting=meeting)
    response = FileResponse(
        io.BytesIO(read_stored(material.file)),
        as_attachment=True,
        filename=f"{slugify(material.title) or 'materiaal'}.{material.extension}",
        content_type=material.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def report_consent(request, pk):
    """The report's writer agrees (or no longer agrees) to a practice example of it."""
    meeting = _hosted_meeting(request, pk)
    if meeting.report_by_id != request.user.pk or not meeting.report:
        raise Http404
    consent = request.POST.get("consent") == "1"
    try:
        actions.meeting_report_practice_consent(
            actor=request.user, meeting=meeting, consent=consent
        )
    except actions.AlreadyPractice:
        messages.error(request, _("Van dit verslag is al een praktijkvoorbeeld gemaakt."))
    else:
        messages.success(
            request,
            _("BZK mag van dit verslag een praktijkvoorbeeld maken.")
            if consent
            else _("Uw toestemming is ingetrokken."),
        )
    return redirect(meeting)


@login_required
def report_practice(request, pk):
    meeting = _hosted_meeting(request, pk)
    if not meeting.report:
        raise Http404
    form = forms.PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.meeting_report_to_practice(
                actor=request.user, meeting=meeting, audience=form.cleaned_data["audience"]
            )
        except actions.NoConsent:
            messages.error(
                request, _("De schrijver van het verslag heeft (nog) geen toestemming gegeven.")
            )
        except actions.AlreadyPractice:
            messages.info(request, _("Van dit verslag is al een praktijkvoorbeeld gemaakt."))
        else:
            messages.success(
                request,
                _(
                    "Het concept-praktijkvoorbeeld staat in de kennisbank. Pas het aan en "
                    "publiceer het via de beoordeling."
                ),
            )
            return redirect(item)
        return redirect(meeting)
    return render(
        request,
        "learning/report_practice.html",
        {"meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )
