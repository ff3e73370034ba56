"""Staff: the queue with saved filters, and the triage actions on a case."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import OfficeType
from weerbaar import pagination

from .. import actions, forms, selectors
from ..models import SavedQueueFilter
from ..workflow import Status, TransitionNotAllowed
from .case import _case_page
from .common import back_to_case, refused, staff_incident

PAGE_SIZE = 25
COUNT_CAP = 500  # "more than 500 cases": counting further would cost every request


@login_required
def queue(request):
    if not request.user.is_triage_staff:
        raise Http404
    return _queue_page(request, request.GET)


def _queue_page(request, data, *, save_form=None, bulk_form=None, status=200):
    """The queue filtered by `data` (the GET of the page, or the filter a POST carried).
    `save_form`, `bulk_form`: the save-filter or bulk-change form of this POST that failed,
    with its errors (the bulk form's ticked cases stay ticked)."""
    filterset = selectors.triage_queue(user=request.user, data=data)
    ordering = selectors.queue_ordering(filterset)
    page = pagination.keyset_page(
        filterset.qs,
        ordering=ordering,
        partitions=selectors.queue_partitions(filterset, ordering),
        after=data.get(pagination.AFTER),
        before=data.get(pagination.BEFORE),
        per_page=PAGE_SIZE,
        count_cap=COUNT_CAP,
    )
    query = selectors.queue_page_query(data)
    if bulk_form is None:
        bulk_form = forms.QueueBulkForm(staff_choices=filterset.staff_choices)
    elif "incidents" in bulk_form.errors and page.rows:
        # "Select a case first" leads to the first box to tick.
        bulk_form.fields["incidents"].widget.attrs["id"] = f"select-{page.rows[0].pk}"
    return render(
        request,
        "incidents/queue.html",
        {
            "filter": filterset,
            "page": page,
            "rows": _labelled(page.rows),
            "filters_cache_seconds": settings.QUEUE_FILTERS_CACHE_SECONDS,
            "query": query,
            # The filter the save and bulk forms carry along (known filter names only).
            "query_data": QueryDict(query),
            "saved": list(request.user.saved_queue_filters.all()),
            "save_form": save_form or forms.SavedFilterForm(),
            "bulk_form": bulk_form,
            "selected": set(bulk_form.incident_ids()),
            "now": timezone.now(),
        },
        status=status,
    )


def _labelled(rows):
    """Status and office labels translated once per page, not per row: `get_FOO_display`
    translates every label of a field's choices to look one up."""
    statuses = {value: str(label) for value, label in Status.choices}
    offices = {value: str(label) for value, label in OfficeType.choices}
    for row in rows:
        row.status_label = statuses.get(row.status, row.status)
        row.office_label = offices.get(row.reporter_office_type, "")
    return rows


@login_required
@require_POST
def save_filter(request):
    if not request.user.is_triage_staff:
        raise Http404
    form = forms.SavedFilterForm(request.POST)
    query = selectors.queue_page_query(request.POST)
    if not form.is_valid():
        # The queue again with this filter applied and the name field marked.
        return _queue_page(request, QueryDict(query), save_form=form)
    actions.saved_filter_save(actor=request.user, name=form.cleaned_data["name"], query=query)
    messages.success(request, _("Het filter is bewaard."))
    return redirect(reverse("incidents:queue") + (f"?{query}" if query else ""))


@login_required
@require_POST
def delete_filter(request, filter_pk):
    saved = get_object_or_404(SavedQueueFilter, pk=filter_pk, owner=request.user)
    actions.saved_filter_delete(actor=request.user, saved_filter=saved)
    messages.success(request, _("Het filter is verwijderd."))
    return redirect("incidents:queue")


def _done(request, incident, text):
    messages.success(request, text)
    return back_to_case(request, incident)


@login_required
@require_POST
def transition(request, pk):
    incident = staff_incident(request, pk)
    target = request.POST.get("to")
    if target not in Status.values:
        raise Http404
    try:
        actions.incident_transition(actor=request.user, incident=incident, to_status=target)
    except (TransitionNotAllowed, ValidationError) as error:
        return refused(request, incident, error)
    return _done(request, incident, _("De status is nu: %(s)s.") % {"s": Status(target).label})


@login_required
@require_POST
def urgency(request, pk):
    incident = staff_incident(request, pk)
    urgent = request.POST.get("urgent") == "1"
    try:
        actions.incident_set_urgency(actor=request.user, incident=incident, urgent=urgent)
    except (TransitionNotAllowed, ValidationError) as error:
        return refused(request, incident, error)
    return _done(
        request,
        incident,
        _("De melding is urgent.") if urgent else _("De melding is niet meer urgent."),
    )


@login_required
@require_POST
def assign(request, pk):
    incident = staff_incident(request, pk)
    form = forms.AssignForm(request.POST)
    if not form.is_valid():
        # A handler no longer active (or a tampered value): the page again, the field marked.
        return _case_page(request, incident, bound={"assign": form})
    try:
        actions.incident_assign(
            actor=request.user, incident=incident, assignee=form.cleaned_data["assignee"]
        )
    except (TransitionNotAllowed, ValidationError) as error:
        return refused(request, incident, error)
    return _done(request, incident, _("De behandelaar is vastgelegd."))


@login_required
@require_POST
def escalate(request, pk):
    incident = staff_incident(request, pk)
    try:
        actions.incident_escalate(actor=request.user, incident=incident)
    except (TransitionNotAllowed, ValidationError) as error:
        return refused(request, incident, error)
    return _done(request, incident, _("Geëscaleerd: het Ondersteuningsteam krijgt bericht."))


@login_required
@require_POST
def deploy(request, pk):
    incident = staff_incident(request, pk)
    form = forms.DeployForm(request.POST)
    if not form.is_valid():
        if incident.status == Status.CLOSED:
            # No form on a closed case's page: the state is the problem, not the field.
            return refused(
                request,
                incident,
                TransitionNotAllowed(_("Op een afgesloten melding kan niemand worden ingezet.")),
            )
        return _case_page(request, incident, bound={"deploy": form})
    try:
        actions.incident_deploy(
            actor=request.user, incident=incident, member=form.cleaned_data["member"]
        )
    except (TransitionNotAllowed, ValidationError) as error:
        return refused(request, incident, error)
    return _done(request, incident, _("Het teamlid is ingezet en krijgt bericht."))


@login_required
@require_POST
def step(request, pk):
    incident = staff_incident(request, pk)
    form = forms.StepForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        actions.incident_complete_step(
            actor=request.user, incident=incident, step=form.cleaned_data["step"]
        )
    except (TransitionNotAllowed, ValidationError) as error:
        return refused(request, incident, error)
    return _done(request, incident, _("De stap is afgerond."))
