"""The result of a scan as a tagged, accessible PDF (PDF/UA-1) for the officeholder."""

from django.utils import timezone, translation

from weerbaar.pdf import render_pdf


def render_scan_pdf(*, scan, outcome, answered):
    with translation.override("nl"):
        return render_pdf(
            "homescan/pdf/result.html",
            {"scan": scan, "outcome": outcome, "answered": answered, "now": timezone.now()},
            pdf_variant="pdf/ua-1",
        )
