"""Hostile files against every way in: weerbaar/uploads.py, incident evidence, grant
attachments and knowledge-base attachments.

Each dangerous file must be refused with a Dutch message and leave nothing stored; what is
stored is a copy rebuilt by the portal (PDFs re-written by a real parser, images re-encoded
from their pixels), so nothing but what was checked is ever served. The PDFs and images are
generated: every dangerous construct, every layout, names spelled with any #xx escapes.
"""

import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from accounts.tests import factories as people
from incidents import actions as incident_actions
from incidents.tests import factories as incident_factories
from network import actions as network_actions
from network.tests import factories as network_factories
from subsidies import actions as subsidy_actions
from subsidies.models import Attachment
from subsidies.tests import factories as subsidy_factories
from tests.security import hostile_pdfs
from weerbaar.uploads import inspect_upload, read_stored


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
    # The example: the same script with its names escaped, in a well-formed file.
    "pdf-with-escaped-names.pdf": (
        hostile_pdfs.write_classic(
            {
                **hostile_pdfs.benign(),
                1: b"<< /Type /Catalog /Pages 2 0 R /Open#41ction 5 0 R >>",
                5: b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
            }
        ),
        "application/pdf",
    ),
    "pdf-that-is-not-a-pdf.pdf": (b"%PDF-1.7\n<html><script>alert(1)</script>", "application/pdf"),
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
    assert refused.value.messages[0]


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
def test_the_subsidy_attachment_form_refuses(client, name):
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
def test_the_knowledge_attachment_form_refuses(client, name):
    staff = people.triage_staff()
    target = network_factories.item(staff=staff)
    client.force_login(staff)
    file = over_the_limit() if name == "over-the-limit" else upload(name)
    response = client.post(
        reverse("network:attachment_add", args=[target.pk]),
        {"title": "Draaiboek", "file": file},
        follow=True,
    )
    body = response.content.decode()
    refusals = ("geweigerd", "kan niet worden toegevoegd", "te groot", "beschadigd")
    # An empty file is stopped by the form before the upload check ("... is leeg"); either way
    # the page is shown again with the message at the file field.
    assert response.status_code == 400
    assert any(dutch in body for dutch in (*refusals, "is leeg")), body[:2000]
    assert 'id="id_file"' in body and 'aria-invalid="true"' in body
    assert not target.attachments.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*sorted(HOSTILE), "over-the-limit"])
def test_incident_evidence_refuses(name, media_root):
    incident = incident_factories.draft()
    file = over_the_limit() if name == "over-the-limit" else upload(name)
    with pytest.raises(ValidationError):
        incident_actions.evidence_add(
            actor=incident.reporter, incident=incident, uploaded_file=file
        )
    assert not incident.evidence.exists()
    assert not any(media_root.rglob("*.enc"))


# --- The three ways in: each a function from uploaded bytes to the stored bytes ---------------
# The case, application or item is made once per test and shared by hypothesis's examples; a
# refusal must leave its number of files as it was.


def _evidence_way_in():
    incident = incident_factories.draft()

    def store(data, name="bewijs.bin", **kwargs):
        before = incident.evidence.count()
        try:
            item = incident_actions.evidence_add(
                actor=incident.reporter,
                incident=incident,
                uploaded_file=SimpleUploadedFile(name, data),
                **kwargs,
            )
        except ValidationError:
            assert incident.evidence.count() == before
            raise
        return read_stored(item.file)

    return store


def _grant_attachment_way_in():
    application = subsidy_factories.draft()

    def store(data, name="offerte.bin"):
        before = application.attachments.count()
        try:
            attachment = subsidy_actions.attachment_add(
                actor=application.created_by,
                application=application,
                kind="quote",
                uploaded_file=SimpleUploadedFile(name, data),
            )
        except ValidationError:
            assert application.attachments.count() == before
            raise
        return read_stored(attachment.file)

    return store


def _knowledge_attachment_way_in():
    staff = people.triage_staff(mfa=False)
    target = network_factories.item(staff=staff)

    def store(data, name="bijlage.bin"):
        before = target.attachments.count()
        try:
            attachment = network_actions.knowledge_attachment_add(
                actor=staff,
                item=target,
                title="Bijlage",
                uploaded_file=SimpleUploadedFile(name, data),
            )
        except ValidationError:
            assert target.attachments.count() == before
            raise
        return read_stored(attachment.file)

    return store


WAYS_IN = {
    "evidence": _evidence_way_in,
    "grant-attachment": _grant_attachment_way_in,
    "knowledge-attachment": _knowledge_attachment_way_in,
}
DB_EXAMPLES = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(params=sorted(WAYS_IN))
def way_in(request, db):
    return WAYS_IN[request.param]()


# --- The one pipeline: weerbaar.uploads.store_upload behind all three ways in -----------------


@pytest.mark.parametrize(
    "name", ["png-that-is-html.png", "svg-no-prolog.png", "svg-with-script.svg"]
)
def test_every_way_in_refuses_a_disguised_file_and_stores_nothing(way_in, name, settings):
    def stored_files():
        return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}

    data, _claimed_type = HOSTILE[name]
    before = stored_files()
    with pytest.raises(ValidationError) as refused:
        way_in(data, name=name)
    assert "Dit soort bestand kan niet worden toegevoegd." in refused.value.messages[0]
    assert stored_files() == before


@pytest.mark.django_db
def test_the_pipeline_encrypts_what_the_model_lists_and_reads_it_back(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    text = b"Een brief met bedreigingen."
    incident = incident_factories.draft()
    evidence = incident_actions.evidence_add(
        actor=incident.reporter, incident=incident, uploaded_file=SimpleUploadedFile("b.txt", text)
    )
    with evidence.file.open("rb") as handle:
        assert text not in handle.read()
    assert evidence.file.name.endswith(".enc")
    assert read_stored(evidence.file) == text

    application = subsidy_factories.draft()
    attachment = subsidy_actions.attachment_add(
        actor=application.created_by,
        application=application,
        kind="quote",
        uploaded_file=SimpleUploadedFile("offerte.pdf", subsidy_factories.PDF_BYTES),
    )
    with attachment.file.open("rb") as handle:
        on_disk = handle.read()
    assert read_stored(attachment.file) == on_disk
    assert attachment.file.name.endswith(".pdf")
    assert attachment.size == len(read_stored(attachment.file))


# --- PDFs -------------------------------------------------------------------------------------

spellings = st.builds(
    hostile_pdfs.random_spelling,
    st.randoms(use_true_random=False),
    st.sampled_from([0.0, 0.3, 1.0]),
)
hostile_cases = st.tuples(
    st.sampled_from(sorted(hostile_pdfs.CASES)), st.sampled_from(hostile_pdfs.LAYOUTS)
).filter(
    # Encrypting re-writes the file, which leaves out an object nothing refers to.
    lambda case: (
        case != ("javascript/unreferenced-object", "encrypted")
        and not (case[0].endswith("/unreferenced-object") and case[1] == "encrypted")
    )
)


def _pdf_upload(data):
    return SimpleUploadedFile("brief.pdf", data, content_type="application/pdf")


def _dangerous_names_in(data):
    """Every decoded name in a PDF that a viewer could act on, found by a real parser."""
    found = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in [*pdf.objects, pdf.trailer]:
            stack = [obj]
            while stack:
                item = stack.pop()
                if isinstance(item, pikepdf.Name):
                    found.add(str(item))
                elif isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
                    found.update(item.keys())
                    stack.extend(v for v in item.values() if not getattr(v, "is_indirect", False))
                elif isinstance(item, pikepdf.Array):
                    stack.extend(v for v in item if not getattr(v, "is_indirect", False))
    return found & {
        "/JavaScript", "/JS", "/AA", "/Launch", "/SubmitForm", "/ImportData", "/GoToR",
        "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA", "/RichMedia", "/FileAttachment",
    }  # fmt: skip


@given(spell=spellings, layout=st.sampled_from(hostile_pdfs.LAYOUTS))
@settings(max_examples=40, deadline=None)
def test_a_harmless_pdf_is_accepted_in_every_layout_and_spelling(spell, layout):
    """The control: the generated files are valid PDFs, so a refusal below is for what they
    carry, not because they are broken."""
    data = hostile_pdfs.benign_pdf(layout, spell)
    assert inspect_upload(_pdf_upload(data)).content_type == "application/pdf"


@given(case=hostile_cases, spell=spellings)
@settings(max_examples=150, deadline=None)
@example(case=("javascript/open-action", "classic"), spell=hostile_pdfs.plain)
@example(case=("javascript/open-action", "object-stream"), spell=hostile_pdfs.plain)
def test_a_pdf_with_active_content_is_refused_however_its_names_are_spelled(case, spell):
    data = hostile_pdfs.hostile_pdf(*case, spell)
    with pytest.raises(ValidationError) as refused:
        inspect_upload(_pdf_upload(data))
    assert refused.value.code == "active_pdf"
    assert "geweigerd" in refused.value.messages[0]


def test_every_construct_and_placement_is_covered():
    """Each case once in each layout, unescaped, so a new case cannot hide behind sampling."""
    for case in sorted(hostile_pdfs.CASES):
        for layout in hostile_pdfs.LAYOUTS:
            if case.endswith("/unreferenced-object") and layout == "encrypted":
                continue
            with pytest.raises(ValidationError):
                inspect_upload(_pdf_upload(hostile_pdfs.hostile_pdf(case, layout)))


@given(case=hostile_cases, spell=spellings)
@DB_EXAMPLES
@example(case=("javascript/open-action", "incremental"), spell=hostile_pdfs.plain)
def test_every_way_in_refuses_a_pdf_with_active_content(way_in, case, spell):
    with pytest.raises(ValidationError) as refused:
        way_in(hostile_pdfs.hostile_pdf(*case, spell))
    assert refused.value.code == "active_pdf"


@pytest.mark.parametrize("layout", hostile_pdfs.LAYOUTS)
def test_every_way_in_stores_a_rebuilt_pdf_not_the_upload(way_in, layout):
    """What is served is what was checked: the stored PDF is written by the parser that
    checked it, so bytes it did not read (after %%EOF, old revisions) are not kept."""
    upload = hostile_pdfs.benign_pdf(layout) + b"\n<html><script>alert(1)</script></html>\n"
    stored = way_in(upload)
    assert stored != upload
    assert b"<script>" not in stored
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1
        assert not pdf.is_encrypted


def test_a_script_removed_by_a_later_update_is_not_stored(way_in):
    """An old revision's script is dead for every viewer, and gone from the stored copy."""
    first = {**hostile_pdfs.benign(), **hostile_pdfs.CASES["javascript/open-action"]()}
    upload = hostile_pdfs.write_incremental(first, {1: hostile_pdfs.benign()[1], 5: b"null"})
    assert b"/JavaScript" in upload
    stored = way_in(upload)
    assert b"JavaScript" not in stored and b"app.alert" not in stored
    assert not _dangerous_names_in(stored)


def test_a_pdf_that_needs_a_password_is_refused():
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(hostile_pdfs.benign_pdf("classic"))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="geheim", user="geheim", R=6))
    with pytest.raises(ValidationError) as refused:
        inspect_upload(_pdf_upload(out.getvalue()))
    assert refused.value.code == "encrypted"
    assert "wachtwoord" in refused.value.messages[0]


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.7\n" + zlib.compress(b"nothing a parser can use" * 50),
        hostile_pdfs.benign_pdf("classic")[:200],
    ],
    ids=["no-pages", "garbage", "truncated"],
)
def test_a_pdf_the_parser_cannot_read_is_refused(data):
    with pytest.raises(ValidationError) as refused:
        inspect_upload(_pdf_upload(data))
    assert refused.value.code == "broken"


# --- Images -----------------------------------------------------------------------------------

markers = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=12, max_size=24).map(
    lambda text: f"MARKER{text}"
)


def _jpeg_segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _jpeg_with_everything(token):
    """A phone-like JPEG: EXIF with GPS and a maker note, XMP, an ICC profile, an IPTC block, a
    comment (COM) and bytes after the end of the image, each carrying `token`."""
    exif = Image.Exif()
    exif[0x010F] = f"Make {token}"
    exif[0x9286] = f"UserComment {token}"
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(
        out, "JPEG", exif=exif, comment=f"COM {token}".encode(), xmp=f"<x>{token}</x>".encode()
    )
    data = out.getvalue()
    extra = (
        _jpeg_segment(0xE2, b"ICC_PROFILE\x00\x01\x01" + f"icc {token}".encode())
        + _jpeg_segment(0xED, b"Photoshop 3.0\x00" + f"iptc {token}".encode())
        + _jpeg_segment(0xFE, f"second comment {token}".encode())
    )
    return data[:2] + extra + data[2:] + f"trailing {token}".encode()


def _png_with_everything(token):
    info = PngInfo()
    info.add_text("Comment", f"tEXt {token}")
    info.add_text("Description", f"zTXt {token}", zip=True)
    info.add_itxt("XML:com.adobe.xmp", f"<x>{token}</x>", lang="nl", tkey="xmp")
    exif = Image.Exif()
    exif[0x010F] = f"Make {token}"
    out = io.BytesIO()
    Image.new("RGBA", (32, 24), (30, 200, 30, 128)).save(
        out, "PNG", pnginfo=info, exif=exif, icc_profile=f"icc {token}".encode() * 4
    )
    data = out.getvalue()
    end = data.rindex(b"IEND") - 4
    private = b"prVt" + f"private {token}".encode()
    chunk = (
        struct.pack(">I", len(private) - 4)
        + private
        + struct.pack(">I", zlib.crc32(private) & 0xFFFFFFFF)
    )
    return data[:end] + chunk + data[end:] + f"trailing {token}".encode()


def _no_metadata_left(stored, token):
    assert token.encode() not in stored
    with Image.open(io.BytesIO(stored)) as image:
        image.load()
        assert not image.getexif()
        assert not {"icc_profile", "exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info)
        assert not getattr(image, "text", {})
        assert image.size == (32, 24)


def _png_text_payloads(stored):
    """The decompressed content of every compressed PNG chunk (zTXt, iCCP, compressed iTXt)."""
    found = []
    position = 8
    while position + 8 <= len(stored):
        (length,) = struct.unpack(">I", stored[position : position + 4])
        kind = stored[position + 4 : position + 8]
        body = stored[position + 8 : position + 8 + length]
        if kind in (b"zTXt", b"iCCP", b"iTXt"):
            start = body.find(b"x")
            try:
                found.append(zlib.decompress(body[start:]))
            except zlib.error:
                found.append(body)
        position += 12 + length
    return found


@pytest.mark.parametrize("kind", ["jpeg", "png"])
@given(token=markers)
@DB_EXAMPLES
def test_every_way_in_stores_images_rebuilt_from_their_pixels(way_in, kind, token):
    upload = (_jpeg_with_everything if kind == "jpeg" else _png_with_everything)(token)
    assert token.encode() in upload
    stored = way_in(upload)
    _no_metadata_left(stored, token)
    assert not any(token.encode() in payload for payload in _png_text_payloads(stored))


@pytest.mark.django_db
def test_evidence_that_keeps_its_location_keeps_only_the_location_and_time():
    """'Locatiegegevens verwijderen' unticked: the GPS position stays (it can be evidence);
    comments, XMP, ICC, maker notes and trailing bytes still go."""
    token = "MARKERkeptlocation"
    stored = _evidence_way_in()(_jpeg_with_everything(token), remove_location=False)
    assert token.encode() not in stored
    with Image.open(io.BytesIO(stored)) as image:
        gps = image.getexif().get_ifd(0x8825)
        assert gps[1] == "N" and gps[3] == "E"
        assert not {"icc_profile", "xmp", "comment"} & set(image.info)


def test_a_photo_is_stored_upright_without_an_orientation_tag(way_in):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90 degrees clockwise to view
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(out, "JPEG", exif=exif)
    stored = way_in(out.getvalue())
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (20, 40)
        assert 0x0112 not in image.getexif()


@pytest.mark.django_db
def test_evidence_records_the_size_of_the_upright_photo():
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(out, "JPEG", exif=exif)
    incident = incident_factories.draft()
    item = incident_actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=SimpleUploadedFile("foto.jpg", out.getvalue()),
    )
    assert (item.width, item.height) == (20, 40)


@pytest.mark.parametrize(
    ("mode", "fmt", "options"),
    [
        ("1", "PNG", {}),
        ("L", "PNG", {}),
        ("LA", "PNG", {}),
        ("P", "PNG", {}),
        ("P", "PNG", {"transparency": 0}),
        ("RGB", "PNG", {"transparency": (0, 0, 0)}),
        ("RGBA", "PNG", {}),
        ("I;16", "PNG", {}),
        ("L", "JPEG", {}),
        ("CMYK", "JPEG", {}),
    ],
)
def test_images_of_every_mode_are_rebuilt_and_keep_their_transparency(mode, fmt, options):
    from weerbaar.uploads import accept_upload

    out = io.BytesIO()
    Image.new(mode, (16, 8)).save(out, fmt, **options)
    accepted = accept_upload(SimpleUploadedFile("beeld", out.getvalue()))
    with Image.open(io.BytesIO(accepted.data)) as image:
        image.load()
        assert image.size == (16, 8)
        assert image.format == fmt
        transparent = "A" in mode or "transparency" in options
        assert ("A" in image.mode) == transparent
        if transparent:
            assert image.getchannel("A").getextrema()[0] == 0


def test_a_webp_image_is_not_accepted():
    """WebP can carry EXIF and XMP too; it is not on the allow-list, so it never gets stored."""
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "MARKERwebp"
    Image.new("RGB", (16, 8)).save(out, "WEBP", exif=exif)
    with pytest.raises(ValidationError) as refused:
        inspect_upload(SimpleUploadedFile("foto.webp", out.getvalue()))
    assert refused.value.code == "kind"
