"""The case page every party uses, messages and notes, evidence files and the dossier PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions, forms, selectors
from ..models import Evidence
from ..workflow import STAFF, Status, TransitionNotAllowed, allowed_targets
from .common import refused, visible_incident

MOVE_LABELS = {
    Status.ACKNOWLEDGED: _("Ontvangst bevestigen"),
    Status.IN_PROGRESS: _("In behandeling nemen"),
    Status.WAITING: _("Wachten op de melder"),
    Status.CLOSED: _("Afsluiten"),
}


@login_required
def detail(request, pk):
    incident = visible_incident(request, pk, audit="detail")
    user = request.user
    is_reporter = actions.is_reporter(user, incident)
    is_staff = user.is_triage_staff and not is_reporter
    is_deployed = not is_reporter and actions.is_deployed(user, incident)
    if incident.status == Status.DRAFT:
        return redirect("incidents:edit", pk=incident.pk)
    steps = list(incident.steps.select_related("done_by"))
    context = {
        "incident": incident,
        "is_reporter": is_reporter,
        "is_staff": is_staff,
        "is_deployed": is_deployed,
        "steps": steps,
        "steps_done": sum(step.is_done for step in steps),
        "thread": list(incident.messages.select_related("author")),
        "items": list(incident.evidence.all()),
        "events": list(incident.events.select_related("actor")),
        "message_form": forms.StaffMessageForm() if is_staff else forms.MessageForm(),
    }
    if is_staff or is_deployed:
        context["notes"] = list(incident.notes.select_related("author"))
        context["note_form"] = forms.NoteForm()
        context["deployments"] = list(incident.deployments.select_related("member"))
    if is_staff:
        label = {
            Status.IN_PROGRESS: _("Heropenen")
            if incident.status == Status.CLOSED
            else MOVE_LABELS[Status.IN_PROGRESS]
        }
        context.update(
            {
                "moves": [
                    (target, label.get(target, MOVE_LABELS.get(target)))
                    for target in allowed_targets(incident.status, STAFF)
                ],
                "assign_form": forms.AssignForm(initial={"assignee": incident.assignee_id}),
                "deploy_form": forms.DeployForm(),
                "replies": selectors.reply_templates(),
                "notices": selectors.case_notices(incident),
                "overdue": incident.is_overdue(),
            }
        )
    return render(request, "incidents/detail.html", context)


@login_required
@require_POST
def message(request, pk):
    incident = visible_incident(request, pk, lock_related=False)
    form = forms.MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf eerst een bericht."))
        return redirect("incidents:detail", pk=incident.pk)
    try:
        actions.message_send(actor=request.user, incident=incident, body=form.cleaned_data["body"])
    except PermissionDenied as error:
        raise Http404 from error
    except (TransitionNotAllowed, ValidationError) as error:
        return refused(request, incident, error)
    messages.success(request, _("Uw bericht is verstuurd."))
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_POST
def note(request, pk):
    incident = visible_incident(request, pk, lock_related=False)
    form = forms.NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf eerst een notitie."))
        return redirect("incidents:detail", pk=incident.pk)
    try:
        actions.note_add(actor=request.user, incident=incident, body=form.cleaned_data["body"])
    except PermissionDenied as error:
        raise Http404 from error
    except (TransitionNotAllowed, ValidationError) as error:
        return refused(request, incident, error)
    messages.success(request, _("De interne notitie is opgeslagen."))
    return redirect("incidents:detail", pk=incident.pk)


def _file_response(data, content_type, filename, *, inline=False):
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def evidence_file(request, pk, evidence_pk):
    incident = visible_incident(request, pk, audit="evidence", lock_related=False)
    item = get_object_or_404(Evidence, pk=evidence_pk, incident=incident)
    name = f"bewijs-{incident.reference or incident.pk}-{item.pk}.{item.extension}"
    return _file_response(actions.evidence_bytes(item), item.content_type, name)


@login_required
def dossier(request, pk):
    from ..pdf import render_dossier

    incident = visible_incident(request, pk, audit="dossier")
    if incident.status == Status.DRAFT:
        raise Http404
    pdf = render_dossier(incident)
    return _file_response(pdf, "application/pdf", f"dossier-{incident.reference}.pdf")


@login_required
def support_overview(request):
    """For the Ondersteuningsteam: the cases they are deployed on (and nothing else)."""
    if not request.user.is_support_team:
        raise Http404
    cases = list(selectors.support_cases(request.user))
    return render(request, "incidents/support.html", {"cases": cases})
