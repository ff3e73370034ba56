"""The portal's URLs plus one endpoint that files an incident report through the real actions
(start, save, submit: encryption, outbox notices, queueing after commit). The incidents branch's
own reporting views are not in this branch yet; the load and fault tests file through this
endpoint until they are, and can be pointed at the real form with FILING_PATH."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.urls import path

from incidents import actions
from incidents.models import Channel, ContactPreference, Kind, PoliceReport
from tests.security.urls_incident_links import urlpatterns as portal_patterns


@login_required
def file_report(request):
    if not request.user.is_officeholder:
        raise Http404
    if request.method != "POST":
        return JsonResponse({"csrf": get_token(request)})
    incident = actions.incident_start(actor=request.user)
    actions.incident_save_draft(
        actor=request.user,
        incident=incident,
        data={
            "channel": Channel.ONLINE,
            "description": request.POST.get("description", ""),
            "perpetrator_known": "no",
            "impact": "Onrustig.",
            "police_report": PoliceReport.NONE,
            "targets": ["self"],
            "contact_preference": ContactPreference.PORTAL,
        },
        kinds=[Kind.THREAT],
    )
    incident = actions.incident_submit(actor=request.user, incident=incident)
    return JsonResponse({"id": incident.pk, "reference": incident.reference}, status=201)


urlpatterns = [*portal_patterns, path("_test/melden/", file_report, name="test_file_report")]
