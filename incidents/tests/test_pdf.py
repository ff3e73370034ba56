"""The dossier PDF: Dutch text read back, the reference and page numbers on every page,
thumbnails of images, no internal notes, and a tagged (accessible) PDF."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.tests import factories as people
from incidents import actions
from incidents.pdf import render_dossier
from incidents.tests import factories

pytestmark = pytest.mark.django_db


def pages_text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def test_the_dossier_holds_the_facts_timeline_evidence_and_police_reference():
    incident = factories.submitted()
    actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=factories.upload("schermafbeelding.png", factories.png_bytes((400, 300))),
    )
    actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=factories.upload("dreigbrief.txt", b"Wij weten waar u woont."),
    )
    staff = people.triage_staff()
    actions.incident_acknowledge(actor=staff, incident=incident)
    actions.message_send(actor=staff, incident=incident, body="Wij bellen u vandaag nog.")
    actions.note_add(actor=staff, incident=incident, body="GEHEIM-INTERN")
    incident.refresh_from_db()
    pdf = render_dossier(incident)
    from pathlib import Path

    Path("var/screenshots").mkdir(parents=True, exist_ok=True)
    Path("var/screenshots/incidents-dossier.pdf").write_bytes(pdf)  # to look at
    reader, pages = pages_text(pdf)
    text = " ".join(pages)
    assert f"Dossier melding {incident.reference}" in text
    assert "Na de raadsvergadering werd ik bij mijn auto opgewacht en bedreigd." in text
    assert "PL0900-2026123456" in text and "VPT-code" in text
    assert "Bedreiging" in text
    assert "schermafbeelding.png" in text and "dreigbrief.txt" in text
    assert "Ontvangst bevestigd" in text and "Wij bellen u vandaag nog." in text
    assert "GEHEIM-INTERN" not in text
    assert staff.full_name not in text  # no staff names for the police
    for number, page in enumerate(pages, start=1):
        assert incident.reference in page
        assert f"Pagina {number} van {len(pages)}" in page
    # One thumbnail image, embedded (no external fetch), downscaled.
    images = {image.data: image for page in reader.pages for image in page.images}
    assert len(images) == 1
    (thumbnail,) = images.values()
    assert max(thumbnail.image.size) <= 360
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).startswith("nl")
    assert reader.metadata.title.startswith(f"Dossier {incident.reference}")


def test_a_long_dossier_numbers_every_page_and_repeats_the_reference():
    incident = factories.submitted(description="Er gebeurde dit. " * 900)
    _reader, pages = pages_text(render_dossier(incident))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert incident.reference in page and f"Pagina {number} van {len(pages)}" in page


def test_user_text_cannot_pull_files_into_the_pdf():
    incident = factories.submitted(
        description='<img src="file:///etc/passwd"><link rel="stylesheet" href="http://10.0.0.1/x">'
    )
    _reader, pages = pages_text(render_dossier(incident))
    assert "root:" not in " ".join(pages)
    assert "file:///etc/passwd" in " ".join(pages)  # shown as text, escaped


def test_the_reporter_downloads_the_dossier_as_an_attachment(client):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    response = client.get(reverse("incidents:dossier", args=[incident.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="dossier-{incident.reference}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
