"""Hostile files against every way in: weerbaar/uploads.py, the subsidy attachment form and
incident evidence. Each must be refused with a Dutch message and leave nothing stored."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from incidents import actions as incident_actions
from incidents.tests import factories as incident_factories
from subsidies.models import Attachment
from subsidies.tests import factories as subsidy_factories
from weerbaar.uploads import inspect_upload


def _png_header_with_huge_size(width=60_000, height=60_000):
    """A tiny PNG whose header claims 3.6 gigapixels: the classic decompression bomb."""
    raw = b"\x00" * 1
    image = io.BytesIO()
    Image.new("L", (1, 1)).save(image, "PNG")
    data = bytearray(image.getvalue())
    # Rewrite IHDR's width and height (bytes 16..24) and fix its CRC.
    data[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    data[29:33] = crc.to_bytes(4, "big")
    return bytes(data) + raw


HOSTILE = {
    "png-that-is-html.png": (b"<html><body><script>alert(1)</script></body></html>", "image/png"),
    "svg-with-script.svg": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(1)</script></svg>",
        "image/svg+xml",
    ),
    "svg-no-prolog.png": (b'<svg onload="alert(1)"/>', "image/png"),
    "pdf-with-javascript.pdf": (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
        b" >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        "application/pdf",
    ),
    "empty.pdf": (b"", "application/pdf"),
    "bomb.png": (_png_header_with_huge_size(), "image/png"),
    "truncated.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    "nul.txt": (b"plain\x00text", "text/plain"),
}


def upload(name):
    data, content_type = HOSTILE[name]
    return SimpleUploadedFile(name, data, content_type=content_type)


def over_the_limit():
    return SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_inspect_upload_refuses(name):
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload(name))
    assert refused.value.code in {"empty", "kind", "broken", "too_many_pixels", "active_pdf"}


def test_a_gif_script_polyglot_is_never_taken_for_an_image():
    """Printable bytes with a GIF header are plain text at most (served as an attachment with
    nosniff), and refused wherever only images and PDFs are allowed."""
    polyglot = SimpleUploadedFile("p.jpg", b"GIF89a<script>alert(1)</script>", "image/jpeg")
    assert inspect_upload(polyglot).content_type == "text/plain"
    with pytest.raises(ValidationError):
        inspect_upload(polyglot, allowed={"image/jpeg", "image/png", "application/pdf"})


def test_inspect_upload_refuses_a_file_over_the_limit():
    with pytest.raises(ValidationError) as refused:
        inspect_upload(over_the_limit())
    assert refused.value.code == "too_large"


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*sorted(HOSTILE), "over-the-limit"])
def test_the_subsidy_attachment_form_refuses(client, name, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = subsidy_factories.draft()
    before = Attachment.objects.count()
    client.force_login(application.created_by)
    file = over_the_limit() if name == "over-the-limit" else upload(name)
    response = client.post(
        reverse("subsidies:step", args=[application.pk, 5]),
        {"upload": "1", "kind": "quote", "file": file},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert any(
        dutch in body
        for dutch in ("geweigerd", "kan niet worden toegevoegd", "leeg", "te groot", "beschadigd")
    ), body[:2000]
    assert Attachment.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*sorted(HOSTILE), "over-the-limit"])
def test_incident_evidence_refuses(name, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    incident = incident_factories.draft()
    file = over_the_limit() if name == "over-the-limit" else upload(name)
    with pytest.raises(ValidationError):
        incident_actions.evidence_add(
            actor=incident.reporter, incident=incident, uploaded_file=file
        )
    assert not incident.evidence.exists()
    assert not any(tmp_path.rglob("*.enc"))
