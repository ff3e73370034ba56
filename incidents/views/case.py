"""The case page every party uses, messages and notes, evidence files and the dossier PDF."""

import hashlib
import time
from datetime import UTC, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import actions, case_page, concerned, forms, permissions, selectors
from ..models import Evidence
from ..pdf import render_dossier
from ..workflow import STAFF, Status, TransitionNotAllowed, allowed_targets
from . import drafts
from .common import back_to_case, refusal_message, visible_incident

# Lazy: translated when shown, in the language of the request (not once, at import).
MOVE_LABELS: dict[str, Any] = {
    Status.ACKNOWLEDGED: gettext_lazy("Ontvangst bevestigen"),
    Status.IN_PROGRESS: gettext_lazy("In behandeling nemen"),
    Status.WAITING: gettext_lazy("Wachten op de melder"),
    Status.CLOSED: gettext_lazy("Afsluiten"),
}


@login_required
def detail(request, pk):
    # The page shows the reporter's block, the municipality and the body (not the handler by
    # name: the assign form has the id; nor the province).
    incident = visible_incident(
        request,
        pk,
        audit="detail",
        related=("reporter", "municipality", "reporter_body", "concerned_person"),
    )
    if incident.status == Status.DRAFT:
        return redirect("incidents:edit", pk=incident.pk)
    visit = None
    if permissions.is_reporter(request.user, incident):
        visit = Visit(actions.case_visit_record(actor=request.user, incident=incident))
    return _case_page(request, incident, kept=drafts.take(request, incident), visit=visit)


class Visit:
    """This opening of the case by its reporter: what happened after `since` (their previous
    visit, None on the first) is new to them."""

    def __init__(self, since):
        self.since = since


def _mark_new(context, visit, user):
    """Mark the staff messages and the changes by others after the reporter's previous visit."""
    new = 0
    for item in context["thread"]:
        item.is_new = item.from_staff and selectors.is_new(item.created_at, visit.since)
        new += item.is_new
    for event in context["events"]:
        event.is_new = event.actor_id != user.pk and selectors.is_new(event.at, visit.since)
        new += event.is_new
    context["new_count"] = new


def _case_page(request, incident, *, bound=None, kept=None, status=200, visit=None):
    """The case page. `bound`: forms of this POST that failed, shown with their errors and text;
    every other text box gets the text that came along (`kept`), so nothing typed is lost.
    `visit`: the reporter opened the page (not a form shown again), so what is new is marked."""
    user = request.user
    bound = bound or {}
    kept = kept if kept is not None else drafts.posted(request)
    is_reporter = permissions.is_reporter(user, incident)
    is_concerned = not is_reporter and permissions.is_concerned(user, incident)
    is_staff = user.is_triage_staff and not is_reporter and not is_concerned
    is_deployed = not is_reporter and not is_concerned and permissions.is_deployed(user, incident)

    def box(name, form_class):
        if name in bound:
            form = bound[name]
            # Back to the box that needs attention (the page opens at the top otherwise).
            form.fields["body"].widget.attrs["autofocus"] = True
            return form
        return form_class(initial={"body": kept.get(name, "")})

    # One query for everything the page lists; notes and deployments only for staff and the
    # deployed team (never the reporter).
    items = selectors.case_items(incident, internal=is_staff or is_deployed, staff=is_staff)
    context = {
        "incident": incident,
        "is_reporter": is_reporter,
        "is_staff": is_staff,
        "is_deployed": is_deployed,
        "is_concerned": is_concerned,
        "steps": items.steps,
        "steps_done": sum(step.is_done for step in items.steps),
        "thread": items.thread,
        "items": items.evidence,
        "events": items.events,
        "message_form": box("message", _message_form_class(is_staff or is_deployed)),
        "writes_to_reporter": is_staff or is_deployed,
    }
    if is_reporter:
        notify_form = bound.get("notify") or forms.NotifyChoiceForm(
            initial={"notify_by": incident.notify_by, "notify_address": incident.notify_address}
        )
        if notify_form.errors:
            # The choice sits low on the page: take the reporter to what needs attention.
            first = next(iter(notify_form.errors))
            if first in notify_form.fields:
                notify_form.fields[first].widget.attrs["autofocus"] = True
        context["notify_form"] = notify_form
        if visit is not None:
            _mark_new(context, visit, user)
    if is_concerned:
        context["consent_form"] = forms.ConsentForm()
    if is_staff:
        context["sharing_refusal"] = concerned.sharing_refusal(incident)
    if is_staff or is_deployed:
        context["notes"] = items.notes
        context["note_form"] = box("note", forms.NoteForm)
        context["deployments"] = items.deployments
    if is_staff:
        label: dict[str, str] = {
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
                **_staff_forms(incident, bound, items),
                "replies": items.replies,
                "notices": selectors.case_notices(incident),
                "overdue": incident.is_overdue(),
            }
        )
    _rows(context, incident, is_reporter=is_reporter, is_staff=is_staff, is_concerned=is_concerned)
    return render(request, "incidents/detail.html", context, status=status)


def _rows(context, incident, *, is_reporter, is_staff, is_concerned):
    """The page's links and repeated rows, built in Python (incidents/case_page.py)."""
    context["urls"] = case_page.case_urls(incident.pk)
    context["thread_rows"] = case_page.thread_rows(context["thread"], is_reporter=is_reporter)
    context["event_rows"] = case_page.event_rows(
        context["events"], with_actor=not is_reporter and not is_concerned
    )
    context["step_rows"] = case_page.step_rows(
        context["steps"],
        is_reporter=is_reporter,
        can_tick=is_staff and incident.status != Status.CLOSED,
    )
    if context.get("notes") is not None:
        context["note_rows"] = case_page.note_rows(context["notes"])
    if is_staff:
        # The urgent alert, read with the case's items (None raises DoesNotExist, which the
        # template would catch, at a cost, on every page without one).
        try:
            context["urgent_alert"] = incident.urgent_alert
        except ObjectDoesNotExist:
            context["urgent_alert"] = None
    if context.get("replies"):
        context["reply_options"], context["reply_templates"] = case_page.reply_rows(
            context["replies"]
        )


def _staff_forms(incident, bound, items):
    """The assign and deploy forms (the one of this POST that failed, if any, with its errors
    and choice), their staff lists read with the case's items."""
    triage, support = items.triage_staff, items.support_team
    assign_form = bound.get("assign") or forms.AssignForm(
        initial={"assignee": incident.assignee_id}
    )
    deploy_form = bound.get("deploy") or forms.DeployForm()
    pairs: list[tuple[Any, list]] = [
        (assign_form.fields["assignee"], triage),
        (deploy_form.fields["member"], support),
    ]
    for field, people in pairs:
        field.choices = [("", field.empty_label), *people]
    return {"assign_form": assign_form, "deploy_form": deploy_form}


def _message_form_class(is_staff):
    return forms.StaffMessageForm if is_staff else forms.MessageForm


# A staff message reaches the reporter only after the sender saw the exact text and confirmed
# it. The confirmation POST carries the text itself (a hidden field) and a signed token naming
# the case, the sender and a digest of that text: any other text, case or colleague, or a token
# older than CONFIRMATION_MAX_AGE, shows the confirmation again instead of sending.
CONFIRMATION_SALT = "incidents.message-confirmation"
CONFIRMATION_MAX_AGE = 60 * 60


def _digest(body):
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _confirmation_token(incident, user, body):
    payload = {"case": incident.pk, "by": user.pk, "text": _digest(body), "at": time.time()}
    return signing.dumps(payload, salt=CONFIRMATION_SALT)


def _confirmed_at(request, incident, body):
    """When the sender was shown this text for this case, or None if they were not."""
    try:
        payload = signing.loads(
            request.POST.get("confirmation", ""),
            salt=CONFIRMATION_SALT,
            max_age=CONFIRMATION_MAX_AGE,
        )
    except signing.BadSignature:
        return None
    expected = (incident.pk, request.user.pk, _digest(body))
    if (payload.get("case"), payload.get("by"), payload.get("text")) != expected:
        return None
    return datetime.fromtimestamp(payload["at"], tz=UTC)


@login_required
@require_POST
def message(request, pk):
    incident = visible_incident(request, pk, lock_related=False)
    is_reporter = permissions.is_reporter(request.user, incident)
    # A deployed team member writes to the reporter as staff do, confirmation included.
    is_staff = not is_reporter and (
        request.user.is_triage_staff or permissions.is_deployed(request.user, incident)
    )
    if not (is_reporter or is_staff):
        raise Http404
    form = _message_form_class(is_staff)(request.POST)
    if request.POST.get("action") == "edit":
        # "Aanpassen" on the confirmation: back to the case page with the text in the box.
        return _case_page(request, incident)
    if not form.is_valid():
        return _case_page(request, incident, bound={"message": form})
    body = form.cleaned_data["body"]
    confirmed_at = None
    if is_staff:
        confirmed_at = _confirmed_at(request, incident, body)
        if request.POST.get("action") != "send" or confirmed_at is None:
            if request.POST.get("action") == "send":
                # Another text than the one confirmed, or a confirmation too old: look again.
                messages.warning(request, _("Controleer de tekst opnieuw en kies dan Versturen."))
            return _confirmation_page(request, incident, body)
    try:
        sent = actions.message_send(
            actor=request.user, incident=incident, body=body, unless_sent_since=confirmed_at
        )
    except PermissionDenied as error:
        raise Http404 from error
    except (TransitionNotAllowed, ValidationError) as error:
        refusal_message(request, error)
        return _case_page(request, incident, bound={"message": form})
    drafts.keep(request, incident, skip={"message"})
    if getattr(sent, "reopened_case", False):
        messages.success(
            request,
            _(
                "Uw bericht is verstuurd. Uw melding was afgesloten en is door uw bericht weer "
                "geopend. Een medewerker neemt het zo snel mogelijk op."
            ),
        )
    else:
        messages.success(request, _("Uw bericht is verstuurd."))
    return redirect("incidents:detail", pk=incident.pk)


@login_required
@require_POST
def notify_choice(request, pk):
    """The reporter changes how they hear about this case."""
    incident = visible_incident(request, pk, lock_related=False)
    if not permissions.is_reporter(request.user, incident) or incident.status == Status.DRAFT:
        raise Http404
    form = forms.NotifyChoiceForm(request.POST)
    if not form.is_valid():
        return _case_page(request, incident, bound={"notify": form})
    try:
        actions.incident_set_notify_choice(
            actor=request.user,
            incident=incident,
            notify_by=form.cleaned_data["notify_by"],
            notify_address=form.cleaned_data["notify_address"],
        )
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        refusal_message(request, error)
        return _case_page(request, incident, bound={"notify": form})
    messages.success(request, _("Uw keuze voor berichten over deze melding is opgeslagen."))
    return back_to_case(request, incident)


def _confirmation_page(request, incident, body):
    return render(
        request,
        "incidents/message_confirm.html",
        {
            "incident": incident,
            "body": body,
            "confirmation": _confirmation_token(incident, request.user, body),
            "note_draft": drafts.posted(request).get("note", ""),
        },
    )


@login_required
@require_POST
def note(request, pk):
    incident = visible_incident(request, pk, lock_related=False)
    if permissions.is_reporter(request.user, incident) or not (
        request.user.is_triage_staff or permissions.is_deployed(request.user, incident)
    ):
        raise Http404
    form = forms.NoteForm(request.POST)
    if not form.is_valid():
        return _case_page(request, incident, bound={"note": form})
    try:
        actions.note_add(actor=request.user, incident=incident, body=form.cleaned_data["body"])
    except PermissionDenied as error:
        raise Http404 from error
    except (TransitionNotAllowed, ValidationError) as error:
        refusal_message(request, error)
        return _case_page(request, incident, bound={"note": form})
    drafts.keep(request, incident, skip={"note"})
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
    return _file_response(selectors.evidence_bytes(item), item.content_type, name)


@login_required
def dossier(request, pk):
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
