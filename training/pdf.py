"""The certificate of attendance as a tagged, accessible PDF (PDF/UA-1), like the portal's other
PDFs (weerbaar.pdf)."""

from django.conf import settings
from django.utils import timezone

from weerbaar.pdf import render_pdf


def render_certificate_pdf(registration):
    session = registration.session
    return render_pdf(
        "training/pdf/certificate.html",
        {
            "registration": registration,
            "session": session,
            "training": session.training,
            "printed_on": timezone.localdate(),
            "site_url": settings.SITE_URL,
        },
        pdf_variant="pdf/ua-1",
    )
