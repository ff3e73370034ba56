"""The decision letter (beschikking) as a tagged, accessible PDF (PDF/UA-1)."""

from django.conf import settings
from django.utils import translation

from weerbaar.pdf import render_pdf


def render_decision_letter(decision):
    application = decision.application
    measures = list(decision.measures.select_related("line"))
    granted = {measure.line_id: measure.amount for measure in measures}
    lines = [
        {
            "kind": application.scheme.measure_label(line.kind),
            "description": line.description,
            "cost": line.cost,
            "granted": granted.get(line.pk),
        }
        for line in application.lines.all()
    ]
    # The letter is a legal document in Dutch, whatever language the staff member uses.
    with translation.override("nl"):
        return _render(decision, application, lines)


def _render(decision, application, lines):
    return render_pdf(
        "subsidies/pdf/decision_letter.html",
        {
            "decision": decision,
            "application": application,
            "scheme": application.scheme,
            "lines": lines,
            "site_url": settings.SITE_URL,
        },
        pdf_variant="pdf/ua-1",
    )
