"""The result of a scan as a tagged, accessible PDF (PDF/UA-1) for the officeholder."""

from django.utils import timezone, translation

from weerbaar.content_language import content_language
from weerbaar.pdf import render_pdf


def render_scan_pdf(*, scan, outcome, answered, language):
    """In the language of the person who downloads it, who is its recipient: the language of
    their request, the one the page they downloaded it from is in. `outcome` must be evaluated
    under that language too (its advice texts are localized), as the view does."""
    with translation.override(content_language(language)):
        return render_pdf(
            "homescan/pdf/result.html",
            {"scan": scan, "outcome": outcome, "answered": answered, "now": timezone.now()},
            pdf_variant="pdf/ua-1",
        )
