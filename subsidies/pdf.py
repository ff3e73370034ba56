"""The decision letter (beschikking) as a tagged, accessible PDF (PDF/UA-1)."""

from django.conf import settings
from django.utils import translation

from weerbaar.pdf import render_pdf


def render_decision_letter(decision):
    application = decision.application
    measures = list(decision.measures.select_related("line"))
    granted = {measure.line_id: measure.amount for measure in measures}
    # Each measure by number and the scheme's own category, never the applicant's free text:
    # the letter of a griffie scheme goes to the body, and whatever someone typed about a
    # person or a home must not travel with it. The description stays in the application.
    lines = [
        {
            "number": number,
            "kind": application.scheme.measure_label(line.kind),
            "cost": line.cost,
            "granted": granted.get(line.pk),
        }
        for number, line in enumerate(application.lines.all(), start=1)
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
