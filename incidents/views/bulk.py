"""Staff: one change for several cases of the queue, and the queue as a CSV file."""

import csv
from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

import audit

from .. import actions, forms, selectors
from ..models import Incident
from ..workflow import TransitionNotAllowed
from .triage import _queue_page

EXPORT_AUDIT_WHAT = "export wachtrij (CSV)"


def _change(form, actor, incident):
    change = form.cleaned_data["change"]
    if change == form.ASSIGN:
        actions.incident_assign(
            actor=actor, incident=incident, assignee=form.cleaned_data["assignee"]
        )
    elif change in (form.URGENT, form.NOT_URGENT):
        actions.incident_set_urgency(actor=actor, incident=incident, urgent=change == form.URGENT)
    else:
        actions.incident_transition(
            actor=actor, incident=incident, to_status=form.cleaned_data["to"]
        )


@login_required
@require_POST
def queue_bulk(request):
    """Each ticked case goes through the same action as on its own page, in its own
    transaction: a case the change is not allowed for is named and left as it was, the
    others are changed."""
    if not request.user.is_triage_staff:
        raise Http404
    back = reverse("incidents:queue")
    query = selectors.queue_page_query(request.POST)
    if query:
        back += f"?{query}"
    form = forms.QueueBulkForm(request.POST)
    if not form.is_valid():
        # The queue again, as filtered, with the ticked cases still ticked and the error at
        # its field: nothing chosen is lost.
        return _queue_page(request, QueryDict(query), bulk_form=form)
    ids = form.cleaned_data["incidents"]
    cases = Incident.objects.visible_to(request.user).sent().filter(pk__in=ids)
    done, refused = [], []
    for incident in cases.order_by("pk"):
        try:
            _change(form, request.user, incident)
        except (TransitionNotAllowed, ValidationError):
            refused.append(incident.reference)
        else:
            done.append(incident.reference)
    if done:
        messages.success(
            request,
            _("Gewijzigd: %(refs)s.") % {"refs": ", ".join(done)},
        )
    if refused:
        messages.error(
            request,
            _("Niet gewijzigd, omdat deze wijziging voor deze meldingen niet mag: %(refs)s.")
            % {"refs": ", ".join(refused)},
        )
    return redirect(back)


class _Echo:
    def write(self, value):
        return value


def _csv_lines(rows: Iterable[list[str]]):
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # so a spreadsheet opens the accents as UTF-8
    yield writer.writerow([str(title) for title in selectors.EXPORT_COLUMNS])
    for row in rows:
        # A cell that starts like a formula is read as text by a spreadsheet.
        yield writer.writerow(
            ["'" + cell if cell[:1] in ("=", "+", "-", "@") else cell for cell in row]
        )


@login_required
@require_GET
def queue_export(request):
    """The queue as filtered (all pages) as CSV: case metadata only. One audit row."""
    if not request.user.is_triage_staff:
        raise Http404
    filterset = selectors.triage_queue(user=request.user, data=request.GET)
    audit.record(actor=request.user, obj=request.user, what=EXPORT_AUDIT_WHAT, request=request)
    name = f"meldingen-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(
        _csv_lines(selectors.queue_export_rows(filterset)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
