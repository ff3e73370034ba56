"""Who opened a case: the full trail for staff, the names of readers for the reporter."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from incidents.models import Incident

from .models import AccessEntry, Action


@login_required
def case_trail(request, pk):
    """Every read and change of a case by someone other than its reporter (triage staff)."""
    if not request.user.is_triage_staff:
        raise Http404
    incident = get_object_or_404(Incident.objects.visible_to(request.user), pk=pk)
    entries = list(AccessEntry.objects.for_object(incident).select_related("actor")[:500])
    return render(request, "audit/case_trail.html", {"incident": incident, "entries": entries})


@login_required
def case_readers(request, pk):
    """For the reporter: who at BZK (or the Ondersteuningsteam) opened their case, and when."""
    incident = get_object_or_404(Incident, pk=pk, reporter=request.user)
    reads = (
        AccessEntry.objects.for_object(incident)
        .filter(action=Action.READ)
        .order_by("actor_id", "at")
        .values_list("actor_id", "at")
    )
    first_last = {}
    for actor_id, at in reads:
        first, _ = first_last.get(actor_id, (at, at))
        first_last[actor_id] = (first, at)
    names = dict(get_user_model().objects.filter(pk__in=first_last).values_list("pk", "full_name"))
    readers = sorted(
        (
            {"name": names.get(pk, ""), "first": first, "last": last}
            for pk, (first, last) in first_last.items()
        ),
        key=lambda reader: reader["last"],
        reverse=True,
    )
    return render(request, "audit/case_readers.html", {"incident": incident, "readers": readers})


@login_required
def erasure(request):
    """An officeholder asks for the erasure of their account and reports, or withdraws it."""
    from django.conf import settings
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from .models import ErasureRequest

    if not request.user.is_officeholder:
        raise Http404
    open_request = ErasureRequest.objects.filter(
        user=request.user, withdrawn_at__isnull=True, done_at__isnull=True
    ).first()
    if request.method == "POST":
        if request.POST.get("action") == "withdraw" and open_request:
            open_request.withdrawn_at = timezone.now()
            open_request.save(update_fields=["withdrawn_at"])
            messages.success(request, _("Uw verzoek om verwijdering is ingetrokken."))
        elif request.POST.get("action") == "request" and not open_request:
            ErasureRequest.objects.create(user=request.user)
            messages.success(request, _("Uw verzoek om verwijdering is ontvangen."))
        return redirect("audit:erasure")
    return render(
        request,
        "audit/erasure.html",
        {"open_request": open_request, "grace_days": settings.ERASURE_GRACE_DAYS},
    )
