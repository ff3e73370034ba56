"""The officeholder's side: start (danger first), the report form, evidence, sending."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Textarea, TextInput
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.middleware import mark_seen

from .. import actions, concerned, contact, forms, oncall, permissions, selectors
from ..models import Evidence
from ..workflow import Status, TransitionNotAllowed
from .common import posted_id, visible_incident


def _own_incident(request, pk):
    incident = visible_incident(request, pk)
    if not permissions.is_reporter(request.user, incident):
        raise Http404
    return incident


@login_required
def my_reports(request):
    if not request.user.is_officeholder:
        raise Http404
    reports = list(selectors.reports_of(request.user))
    concerning = concerned.cases_concerning(request.user)
    return render(
        request, "incidents/my_reports.html", {"reports": reports, "concerning": concerning}
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    if not request.user.is_officeholder:
        raise Http404
    form = forms.StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        danger = form.cleaned_data["danger"] == "yes"
        incident = actions.incident_start(actor=request.user, immediate_danger=danger)
        if danger:
            return redirect("incidents:danger", pk=incident.pk)
        return redirect("incidents:edit", pk=incident.pk)
    return render(request, "incidents/start.html", {"form": form})


@login_required
def danger(request, pk):
    incident = _own_incident(request, pk)
    return render(
        request, "incidents/danger.html", {"incident": incident, "phones": contact.phones()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    incident = _own_incident(request, pk)
    if incident.status != Status.DRAFT:
        if request.method == "POST":
            return _edit_too_late(request, incident)
        messages.info(
            request,
            _("Deze melding is verstuurd. U kunt informatie toevoegen met een bericht."),
        )
        return redirect("incidents:detail", pk=incident.pk)
    initial = {
        name: getattr(incident, name)
        for name in actions.CONTENT_FIELDS
        if name != "concerned_person"  # the id below, without reading the person
    }
    initial["municipality"] = incident.municipality_id
    initial["kinds"] = incident.kinds
    initial["concerned_person"] = incident.concerned_person_id
    form = forms.ReportForm(request.POST or None, initial=initial, reporter=request.user)
    if request.method == "POST" and form.is_valid():
        data, kinds = form.data_for_action()
        try:
            actions.incident_save_draft(
                actor=request.user, incident=incident, data=data, kinds=kinds
            )
        except TransitionNotAllowed:
            # Sent from another tab or device after this request read the draft.
            return _edit_too_late(request, incident)
        except ValidationError as error:
            # The colleague left the body between showing the form and saving it.
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        if not form.errors and "later" in request.POST:
            messages.success(
                request, _("Uw concept is opgeslagen. U kunt het later afmaken en versturen.")
            )
            return redirect("incidents:list")
        if not form.errors:
            return redirect("incidents:evidence", pk=incident.pk)
    return render(
        request,
        "incidents/edit.html",
        {"incident": incident, "form": form, "draft_version": actions.draft_version(incident)},
    )


@never_cache
@require_POST
def autosave(request, pk):
    """The report form's autosave (static/js/draft-autosave.js): the same form and action as
    the form's own buttons, but a half-typed field is left out instead of refused, since a
    draft may be incomplete. JSON for the script; a signed-out person gets a 401, not the
    sign-in page."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "signed_out"}, status=401)
    incident = _own_incident(request, pk)
    form = forms.ReportForm(request.POST, reporter=request.user)
    data, kinds, left_out = form.valid_part_for_action()
    try:
        incident = actions.incident_save_draft(
            actor=request.user,
            incident=incident,
            data=data,
            kinds=kinds,
            based_on=request.POST.get("draft_version") or None,
        )
    except TransitionNotAllowed:
        return JsonResponse({"error": "sent"}, status=409)
    except actions.DraftChanged:
        return JsonResponse({"error": "changed"}, status=409)
    except ValidationError as error:
        # The colleague named is no longer one the reporter may name: saved without that.
        left_out = sorted({*left_out, *error.message_dict})
        data.pop("reported_for", None)
        data.pop("concerned_person", None)
        incident = actions.incident_save_draft(
            actor=request.user, incident=incident, data=data, kinds=kinds
        )
    saved_at = localtime(incident.updated_at)
    return JsonResponse(
        {
            "saved_at": saved_at.isoformat(),
            "time": saved_at.strftime("%H:%M"),
            "version": actions.draft_version(incident),
            "left_out": [str(form.fields[name].label) for name in left_out],
            # Saving is activity: the idle warning starts counting again.
            "seconds_left": mark_seen(request),
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_delete(request, pk):
    """ "Concept verwijderen": a confirmation page, then the draft is gone for good."""
    incident = _own_incident(request, pk)
    if incident.status != Status.DRAFT:
        raise Http404
    if request.method == "POST":
        try:
            actions.incident_draft_delete(actor=request.user, incident=incident)
        except TransitionNotAllowed as error:
            # Sent from another tab meanwhile: it stays, as every sent report does.
            messages.error(request, str(error))
            return redirect("incidents:detail", pk=incident.pk)
        messages.success(request, _("Het concept is verwijderd."))
        return redirect("incidents:list")
    return render(
        request,
        "incidents/draft_delete.html",
        {"incident": incident, "items": list(incident.evidence.all())},
    )


def _edit_too_late(request, incident):
    """A save of a report that has been sent meanwhile (a second tab, a double click, another
    device): nothing is saved, and the reporter sees the case's state and gets back every text
    they typed, ready to send on as a message to the case."""
    incident.refresh_from_db()
    form = forms.ReportForm(request.POST)
    typed = [
        (field.label, value)
        for name, field in form.fields.items()
        # Not the address for notices: it is no information about the case for staff.
        if name not in forms.NotifyChoiceForm.base_fields
        and type(field.widget) in (Textarea, TextInput)
        and (value := request.POST.get(name, "").strip())
        and value != str(getattr(incident, name, "") or "").strip()
    ]
    message_form = forms.MessageForm(
        initial={"body": "\n\n".join(f"{label}\n{value}" for label, value in typed)}
    )
    message_form.fields["body"].widget.attrs["rows"] = 12
    return render(
        request,
        "incidents/edit_too_late.html",
        {"incident": incident, "typed": typed, "message_form": message_form},
        status=409,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence(request, pk):
    incident = _own_incident(request, pk)
    form = forms.EvidenceForm()
    if request.method == "POST" and "remove" in request.POST:
        item = get_object_or_404(Evidence, pk=posted_id(request, "remove"), incident=incident)
        try:
            actions.evidence_remove(actor=request.user, evidence=item)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Het bewijsstuk is verwijderd."))
        return redirect("incidents:evidence", pk=incident.pk)
    if request.method == "POST":
        form = forms.EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                actions.evidence_add(
                    actor=request.user,
                    incident=incident,
                    uploaded_file=form.cleaned_data["file"],
                    remove_location=form.cleaned_data["remove_location"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            except PermissionDenied as error:
                raise Http404 from error
            except TransitionNotAllowed as error:
                # Closed meanwhile (the form was opened before): say so on the case page.
                messages.error(request, str(error))
                return redirect("incidents:detail", pk=incident.pk)
            else:
                messages.success(request, _("Het bewijsstuk is toegevoegd."))
                return redirect("incidents:evidence", pk=incident.pk)
    return render(
        request,
        "incidents/evidence.html",
        {"incident": incident, "form": form, "items": list(incident.evidence.all())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    incident = _own_incident(request, pk)
    if incident.status != Status.DRAFT:
        # A second click, or a tab that was open while another one sent it: it was sent.
        return redirect("incidents:sent", pk=incident.pk)
    problems = selectors.submission_problems(incident)
    if request.method == "POST":
        try:
            actions.incident_submit(actor=request.user, incident=incident)
        except ValidationError as error:
            problems = error.messages
        except TransitionNotAllowed:
            # The concurrent request that read the same draft sent it first.
            return redirect("incidents:sent", pk=incident.pk)
        else:
            return redirect("incidents:sent", pk=incident.pk)
    return render(
        request,
        "incidents/submit.html",
        {
            "incident": incident,
            # Each with the field on the report form that solves it, for a link.
            "problems": [(selectors.submission_problem_field(p), p) for p in problems],
            "items": list(incident.evidence.all()),
        },
    )


@login_required
def sent(request, pk):
    incident = _own_incident(request, pk)
    if incident.status == Status.DRAFT:
        return redirect("incidents:submit", pk=incident.pk)
    return render(
        request,
        "incidents/sent.html",
        {
            "incident": incident,
            "phones": contact.phones(),
            "support_phone": contact.support_phone(),
            "someone_on_call": oncall.is_someone_on_call(),
        },
    )
