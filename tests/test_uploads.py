import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from weerbaar.uploads import inspect_upload, strip_image_metadata


def image_bytes(fmt="PNG", size=(20, 10), exif=None):
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def upload(data, name="bestand.bin", content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_real_png_is_accepted_whatever_its_name():
    result = inspect_upload(upload(image_bytes(), name="foto.txt"))
    assert (result.content_type, result.extension, result.width, result.height) == (
        "image/png",
        "png",
        20,
        10,
    )


def test_plain_text_and_pdf_are_accepted():
    assert (
        inspect_upload(upload("Bericht van 3 maart: ‘je weet waar ik woon’".encode())).content_type
        == "text/plain"
    )
    pdf = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF"
    )
    assert inspect_upload(upload(pdf)).content_type == "application/pdf"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"<html><script>alert(1)</script></html>", "foto.png", "kind"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "a.svg",
            "kind",
        ),
        (
            # Not a document a parser can read (no catalog, no pages): refused as broken.
            b"%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
            "a.pdf",
            "broken",
        ),
        (b"", "leeg.txt", "empty"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "programma.pdf", "kind"),
        (b"\x89PNG\r\n\x1a\nnot really an image", "kapot.png", "broken"),
    ],
)
def test_disguised_or_dangerous_files_are_refused(data, name, code):
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload(data, name=name, content_type="image/png"))
    assert error.value.code == code
    assert error.value.messages[0]  # a Dutch sentence for the form


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload(b"a" * 2048), max_bytes=1024)
    assert error.value.code == "too_large"
    assert "te groot" in error.value.messages[0]


def test_a_decompression_bomb_is_refused():
    # A small PNG file that claims 100,000 x 100,000 pixels.
    bomb = image_bytes(size=(10_000, 5_000))
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload(bomb), max_bytes=50 * 1024 * 1024)
    assert error.value.code in {"too_many_pixels", "broken"}


def test_kinds_outside_the_allow_list_are_refused():
    with pytest.raises(ValidationError):
        inspect_upload(upload(b"gewone tekst"), allowed={"image/png"})


def test_exif_and_gps_are_stripped_from_photos():
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPSInfo
    photo = image_bytes("JPEG", exif=exif.tobytes())
    assert b"Telefoonmerk" in photo
    clean = strip_image_metadata(photo, "image/jpeg")
    assert b"Telefoonmerk" not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert not image.getexif()
        assert image.size == (20, 10)
