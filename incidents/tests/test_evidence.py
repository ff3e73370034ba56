"""Evidence uploads: checked by content (disguised files refused), size caps, EXIF/GPS removed
on request, stored encrypted outside any public URL, served only through the checked view."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from PIL import Image

from accounts.tests import factories as people
from incidents import actions, selectors
from incidents.tests import factories
from weerbaar.uploads import SizeLimits

pytestmark = pytest.mark.django_db


def add(incident, name, data, **kwargs):
    return actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=factories.upload(name, data),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("foto.jpg", b"<html><script>alert(1)</script></html>"),
        ("brief.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100),
        ("screenshot.png", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("notitie.txt", b"\x00\x01\x02binary\xff\xfe"),
        ("scan.pdf", b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj"),
        ("foto.jpg", b"\xff\xd8\xff\xe0 this is not really a jpeg"),
    ],
    ids=["html-as-jpg", "exe-as-pdf", "svg-as-png", "binary-as-txt", "pdf-with-js", "fake-jpeg"],
)
def test_disguised_or_active_files_are_refused(name, data):
    incident = factories.draft()
    with pytest.raises(ValidationError):
        add(incident, name, data)
    assert not incident.evidence.exists()


def test_a_file_over_the_limit_is_refused(settings):
    incident = factories.draft()
    big = b"%PDF-1.4\n" + b"0" * (actions.EVIDENCE_MAX_BYTES + 1)
    with pytest.raises(ValidationError, match="te groot"):
        add(incident, "groot.pdf", big)


def test_the_kind_comes_from_the_content_not_the_name():
    incident = factories.draft()
    item = add(incident, "bericht.txt", factories.png_bytes())
    assert item.content_type == "image/png"
    assert item.extension == "png"


def test_location_data_is_removed_from_photos_by_default_and_kept_when_asked():
    incident = factories.draft()
    photo = factories.jpeg_bytes()
    assert Image.open(io.BytesIO(photo)).getexif().get(0x8825)
    stripped = add(incident, "foto.jpg", photo)
    kept = add(incident, "foto2.jpg", photo, remove_location=False)
    assert stripped.location_removed and not kept.location_removed
    assert not Image.open(io.BytesIO(selectors.evidence_bytes(stripped))).getexif()
    assert Image.open(io.BytesIO(selectors.evidence_bytes(kept))).getexif().get(0x8825)


def test_evidence_is_encrypted_at_rest_under_a_generated_name(settings):
    incident = factories.draft()
    text = b"Dreigbrief: wij weten waar u woont."
    item = add(incident, "../../etc/dreigbrief.txt", text)
    stored = (settings.MEDIA_ROOT / item.file.name).read_bytes()
    assert text not in stored
    assert item.file.name.startswith(f"incidents/{incident.pk}/") and item.file.name.endswith(
        ".enc"
    )
    assert "etc" not in item.file.name
    assert selectors.evidence_bytes(item) == text


def test_evidence_survives_a_key_rotation(settings):
    from django.core.management import call_command

    from weerbaar.crypto import generate_key

    incident = factories.submitted()
    item = add(incident, "brief.txt", b"Een brief met bedreigingen.")
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    settings.FIELD_ENCRYPTION_KEYS = [generate_key(), *old_keys]
    call_command("rotate_encryption_keys", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]  # old keys dropped
    item.refresh_from_db()
    assert selectors.evidence_bytes(item) == b"Een brief met bedreigingen."
    incident.refresh_from_db()
    assert incident.description == factories.DESCRIPTION


def test_a_wrong_key_is_an_error_not_ciphertext(settings):
    from weerbaar.crypto import DecryptionError, generate_key

    incident = factories.submitted()
    item = add(incident, "brief.txt", b"Geheim.")
    settings.FIELD_ENCRYPTION_KEYS = [generate_key()]
    with pytest.raises(DecryptionError):
        selectors.evidence_bytes(item)


def test_the_download_checks_access_and_is_never_rendered_by_the_browser(client):
    incident = factories.submitted()
    item = add(incident, "brief.txt", b"Tekst van de brief.")
    url = reverse("incidents:evidence_file", args=[incident.pk, item.pk])
    client.force_login(incident.reporter)
    response = client.get(url)
    assert response.status_code == 200 and response.content == b"Tekst van de brief."
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "brief" not in response["Content-Disposition"]  # no original name in headers
    for outsider in (factories.reporter(), people.support_team_member()):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    other = factories.submitted()
    client.force_login(other.reporter)
    assert (
        client.get(reverse("incidents:evidence_file", args=[other.pk, item.pk])).status_code == 404
    )


def test_after_sending_evidence_can_be_added_but_not_removed():
    incident = factories.submitted()
    item = add(incident, "later.png", factories.png_bytes())
    from incidents.workflow import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        actions.evidence_remove(actor=incident.reporter, evidence=item)


def test_upload_through_the_page_shows_the_refusal(client):
    incident = factories.draft()
    client.force_login(incident.reporter)
    response = client.post(
        reverse("incidents:evidence", args=[incident.pk]),
        {"file": factories.upload("foto.jpg", b"<script>alert(1)</script>"), "upload": ""},
    )
    assert response.status_code == 200
    assert "Dit soort bestand kan niet worden toegevoegd" in response.content.decode()


def test_a_voice_mail_shows_as_a_sound_recording_and_downloads_as_sound(client):
    from tests import media_samples

    incident = factories.submitted()
    item = add(incident, "voicemail.amr", media_samples.amr_bytes())
    client.force_login(incident.reporter)
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "geluidsopname" in page and "zonder metagegevens" in page
    response = client.get(reverse("incidents:evidence_file", args=[incident.pk, item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/amr"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.amr"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == selectors.evidence_bytes(item)
    assert response.content.startswith(b"#!AMR\n")


def test_the_evidence_form_names_the_new_kinds_and_offers_them_in_the_file_chooser(client):
    incident = factories.draft()
    client.force_login(incident.reporter)
    page = client.get(reverse("incidents:evidence", args=[incident.pk])).content.decode()
    assert "HEIC" in page and "voicemail" in page and "hoogstens 100 MB" in page
    accept = page.split('accept="', 1)[1].split('"', 1)[0]
    for kind in ("image/heic", "audio/mpeg", "audio/amr", "video/mp4", "video/quicktime"):
        assert kind in accept.split(",")


def test_an_oversize_video_through_the_page_names_the_limit(client, monkeypatch):
    # The real limits are tested on the action (tests/security/test_media_uploads.py); here
    # a small one spares the test client a 100 MB form.
    monkeypatch.setattr(actions, "EVIDENCE_SIZE_LIMITS", SizeLimits(video=4096))
    incident = factories.draft()
    client.force_login(incident.reporter)
    big = b"\x00\x00\x00\x18ftypqt  " + bytes(5000)
    response = client.post(
        reverse("incidents:evidence", args=[incident.pk]),
        {"file": factories.upload("film.mov", big), "upload": ""},
    )
    body = response.content.decode()
    assert f"Een video mag hoogstens {filesizeformat(4096)} zijn" in body
    assert 'aria-invalid="true"' in body
    assert not incident.evidence.exists()
