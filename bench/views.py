"""Views that exist only in the benchmark (mounted by bench/urls.py)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse


def floor(request):
    """The floor: the base template through the full middleware stack, with no queries (the
    request is anonymous, so no session or user is read)."""
    return TemplateResponse(request, "base.html", {})


@login_required
def decision_letter_render(request, pk):
    """Render a decision letter afresh (the portal renders it once, when the decision is sent,
    and serves the stored file; this measures the rendering itself)."""
    from subsidies.models import Decision
    from subsidies.pdf import render_decision_letter

    if not request.user.is_triage_staff:
        raise Http404
    decision = get_object_or_404(
        Decision.objects.select_related("application__scheme", "application__body"), pk=pk
    )
    return HttpResponse(render_decision_letter(decision), content_type="application/pdf")
