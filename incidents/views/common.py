"""Shared by the views: fetching a case with the need-to-know check, audit, file responses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from .. import actions
from ..models import Incident
from . import drafts

# What the dossier and the report form show of a case's relations, read with the case.
RELATED = ("reporter", "assignee", "municipality__province", "reporter_body")


def visible_incident(request, pk, *, audit=None, lock_related=True, related=RELATED):
    """The case, or a 404 for anyone who may not see it. With `audit`, a read by anyone other
    than the reporter leaves an audit row (audit.AccessEntry). `related`: the relations read in
    the same query (each join costs planning time on every request)."""
    queryset = Incident.objects.visible_to(request.user)
    if lock_related:
        queryset = queryset.select_related(*related)
    incident = get_object_or_404(queryset, pk=pk)
    if audit:
        actions.case_read_record(reader=request.user, incident=incident, what=audit)
    return incident


def staff_incident(request, pk):
    incident = visible_incident(request, pk, lock_related=False)
    if not request.user.is_triage_staff:
        raise Http404
    return incident


def refusal_message(request, error):
    if isinstance(error, ValidationError):
        messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, str(error) or _("Dit kan nu niet."))


def refused(request, incident, error):
    refusal_message(request, error)
    return back_to_case(request, incident)


def back_to_case(request, incident):
    """To the case page, with the text typed in its boxes kept for it."""
    drafts.keep(request, incident)
    return redirect("incidents:detail", pk=incident.pk)


def posted_id(request, name):
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)
