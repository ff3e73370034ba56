"""Test data for incident reports, built through the actions where it matters."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import OfficeType
from accounts.tests import factories as people
from incidents import actions
from incidents.models import Channel, ContactPreference, Kind, PoliceReport
from incidents.workflow import Status

# A one-page PDF: uploads are read by a real PDF parser, which refuses a file without pages.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
DESCRIPTION = "Na de raadsvergadering werd ik bij mijn auto opgewacht en bedreigd."


def jpeg_bytes(size=(40, 30), gps=True):
    """A JPEG with EXIF GPS data, like a phone photo."""
    from PIL import Image

    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bytes(size=(20, 10)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG")
    return out.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def reporter(**kwargs):
    kwargs.setdefault("office_type", OfficeType.BURGEMEESTER)
    return people.officeholder(**kwargs)


def draft(reporter_user=None, *, immediate_danger=False, kinds=(Kind.THREAT,), **data):
    reporter_user = reporter_user or reporter()
    incident = actions.incident_start(actor=reporter_user, immediate_danger=immediate_danger)
    fields = {
        "channel": Channel.HOME,
        "description": DESCRIPTION,
        "perpetrator_known": "yes",
        "perpetrator_details": "Een man uit de buurt, Jan K.",
        "impact": "Ik slaap slecht en twijfel over mijn stem over het azc.",
        "police_report": PoliceReport.AANGIFTE,
        "police_reference": "PL0900-2026123456",
        "vpt_code": "given",
        "targets": ["self", "home"],
        "contact_preference": ContactPreference.PORTAL,
        **data,
    }
    return actions.incident_save_draft(
        actor=reporter_user, incident=incident, data=fields, kinds=list(kinds)
    )


def submitted(reporter_user=None, **kwargs):
    incident = draft(reporter_user, **kwargs)
    return actions.incident_submit(actor=incident.reporter, incident=incident)


def reach(status, staff=None):
    """An incident in `status`, built through the actions."""
    if status == Status.DRAFT:
        return draft()
    incident = submitted()
    staff = staff or people.triage_staff()
    if status == Status.NEW:
        return incident
    if status == Status.ACKNOWLEDGED:
        return actions.incident_acknowledge(actor=staff, incident=incident)
    actions.incident_transition(actor=staff, incident=incident, to_status=Status.IN_PROGRESS)
    if status == Status.IN_PROGRESS:
        return incident
    if status == Status.WAITING:
        return actions.incident_transition(actor=staff, incident=incident, to_status=status)
    return actions.incident_close(actor=staff, incident=incident)
