"""A knowledge item as a printable, tagged PDF (PDF/UA-1), rendered from the sanitised HTML."""

from django.conf import settings
from django.utils import timezone

from weerbaar.pdf import render_pdf


def render_item_pdf(item):
    return render_pdf(
        "network/pdf/item.html",
        {
            "item": item,
            "themes": list(item.themes.all()),
            "target_groups": list(item.target_groups.all()),
            "printed_on": timezone.localdate(),
            "site_url": settings.SITE_URL,
        },
        pdf_variant="pdf/ua-1",
    )
