"""Who opened a case: the full trail for staff, the names of readers for the reporter. The rows
live in the one audit trail (`audit.selectors`); the pages belong to the case."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from audit import selectors as audit_selectors
from incidents.models import Incident


@login_required
def case_trail(request, pk):
    """Every read and change of a case by someone other than its reporter (triage staff)."""
    if not request.user.is_triage_staff:
        raise Http404
    incident = get_object_or_404(Incident.objects.visible_to(request.user), pk=pk)
    entries = audit_selectors.trail_of(incident)
    return render(request, "audit/case_trail.html", {"incident": incident, "entries": entries})


@login_required
def case_readers(request, pk):
    """For the reporter: who at BZK (or the Ondersteuningsteam) opened their case, and when."""
    incident = get_object_or_404(Incident, pk=pk, reporter=request.user)
    readers = audit_selectors.readers_of(incident)
    return render(request, "audit/case_readers.html", {"incident": incident, "readers": readers})
