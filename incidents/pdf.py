"""The dossier of a case as a tagged PDF (PDF/UA-1), to hand to the police with an aangifte:
the facts, the timeline, the evidence with thumbnails of images, and the police reference."""

import base64
import io

from django.utils import timezone, translation
from PIL import Image

from weerbaar.pdf import render_pdf
from weerbaar.uploads import LABELS

from .selectors import evidence_bytes

THUMBNAIL = (360, 360)


def _thumbnail(item):
    """A small PNG of an image as a data: URL (the only kind of URL the PDF fetcher allows
    besides the portal's static files)."""
    try:
        with Image.open(io.BytesIO(evidence_bytes(item))) as image:
            image.thumbnail(THUMBNAIL)
            out = io.BytesIO()
            image.convert("RGB").save(out, "PNG")
    except OSError:
        return None
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def render_dossier(incident):
    items = [
        {
            "item": item,
            "label": LABELS.get(item.content_type, item.content_type),
            "thumbnail": _thumbnail(item) if item.is_image else None,
        }
        for item in incident.evidence.all()
    ]
    with translation.override("nl"):
        # What happened when, without staff names; internal notes never appear here.
        timeline = [(event.at, str(event.description), "") for event in incident.events.all()]
        for message in incident.messages.all():
            who = (
                "Bericht van het Netwerk Weerbaar Bestuur"
                if message.from_staff
                else "Aanvulling van de melder"
            )
            timeline.append((message.created_at, who, message.body))
        timeline.sort(key=lambda row: row[0])
        return render_pdf(
            "incidents/pdf/dossier.html",
            {
                "incident": incident,
                "items": items,
                "timeline": timeline,
                "steps": list(incident.steps.all()),
                "printed_at": timezone.now(),
            },
            pdf_variant="pdf/ua-1",
        )
