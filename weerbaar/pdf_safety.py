"""Uploaded PDFs, read by a real parser and rewritten before they are stored.

A PDF viewer does not read bytes, it reads objects: names with `#xx` escapes decoded
(`/J#61vaScript` is `/JavaScript`), objects packed in compressed object streams, the newest
revision of each object after incremental updates, strings and streams decrypted. A check must
read the file the same way, so this module opens it with qpdf (through pikepdf) and walks every
object in it, referenced or not, including the trailer.

Refused, anywhere in the file:
- scripts: a `/JS` or `/JavaScript` key, or the name `/JavaScript`;
- actions that run by themselves: any `/AA` (additional actions: on opening a page, focusing a
  field, closing the document ...); an `/OpenAction` other than "show this page";
- actions that reach outside the document or run something: launch, submit a form, import
  data, open another file (`/GoToR`, `/GoToE`), media, 3D, and any action type not on a short
  allow-list; a link (`/URI`) other than `http:`, `https:` or `mailto:` (`file:` and `smb:`
  links leak the reader's network credentials or open local files);
- files inside the PDF (`/EmbeddedFiles`, `/EF`, file attachments, file specifications),
  XFA forms (which carry their own scripts), rich media, portfolios.

Ordinary links, bookmarks, fillable forms without scripts and "open at page one" pass.
A file qpdf cannot read, or that needs a password to open, is refused.

`rebuild_pdf()` then writes the parsed objects out again (only what the document refers to,
no encryption, no object streams, a fresh cross-reference table, streams copied undecoded so a
compressed bomb is never inflated) and checks that copy: what the portal serves is what it
checked, and bytes the parser skipped (after `%%EOF`, an old revision, a second document
glued to the first) are gone.
"""

import io

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_OBJECTS = 250_000  # a 10 MB PDF of ordinary pages has a few thousand

REFUSED_KEYS = frozenset({
    "/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent",
    "/RichMediaSettings", "/Collection",
})  # fmt: skip
# Names that mean the same wherever they appear: as an action type (/S), an annotation or
# XObject subtype (/Subtype), a type (/Type).
REFUSED_NAMES = frozenset({
    "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/GoTo3DView",
    "/Movie", "/Sound", "/Rendition", "/RichMedia", "/RichMediaExecute", "/Screen", "/3D",
    "/FileAttachment", "/EmbeddedFile", "/Filespec", "/PS",
})  # fmt: skip
ALLOWED_ACTIONS = frozenset({"/GoTo", "/URI", "/Named", "/ResetForm", "/Hide", "/SetOCGState"})
ALLOWED_NAMED_ACTIONS = frozenset({"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"})
ALLOWED_URI_SCHEMES = (b"http://", b"https://", b"mailto:")
ACTION_KEYS = ("/A", "/PA", "/Next")


class ActivePdf(Exception):
    """The PDF carries something a viewer would act on; the message says what (for logs and
    tests, never shown: the user sees one Dutch sentence)."""


def _refuse_active():
    return ValidationError(
        _(
            "Deze PDF bevat onderdelen die zelf iets kunnen uitvoeren of openen (zoals scripts, "
            "formulieracties of ingesloten bestanden) en wordt daarom geweigerd. Maak er een "
            "afdruk naar PDF van en probeer het opnieuw."
        ),
        code="active_pdf",
    )


def _refuse_broken():
    return ValidationError(_("De PDF is beschadigd of onleesbaar."), code="broken")


def _refuse_encrypted():
    return ValidationError(
        _("Deze PDF is beveiligd met een wachtwoord. Voeg een versie zonder wachtwoord toe."),
        code="encrypted",
    )


def _open(data: bytes) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise _refuse_encrypted() from error
    except Exception as error:  # qpdf raises several kinds on hostile input: all mean "broken"
        raise _refuse_broken() from error


def _is_direct(obj) -> bool:
    # pikepdf gives numbers, booleans and null as Python values, which are always direct.
    return not getattr(obj, "is_indirect", False)


def _is_dictionary(obj) -> bool:
    return isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream))


def _check_action(action, *, opening=False):
    """An action dictionary (and the actions chained after it with /Next)."""
    seen = set()
    pending = [action]
    while pending:
        action = pending.pop()
        if isinstance(action, pikepdf.Array):
            pending.extend(action)
            continue
        if not _is_dictionary(action):
            continue
        if action.is_indirect:
            if action.objgen in seen:
                continue
            seen.add(action.objgen)
        kind = action.get("/S")
        if opening and kind != pikepdf.Name.GoTo:
            raise ActivePdf(f"open action {kind}")
        if not isinstance(kind, pikepdf.Name) or str(kind) not in ALLOWED_ACTIONS:
            raise ActivePdf(f"action {kind}")
        if kind == pikepdf.Name.Named and str(action.get("/N")) not in ALLOWED_NAMED_ACTIONS:
            raise ActivePdf(f"named action {action.get('/N')}")
        if kind == pikepdf.Name.URI:
            _check_uri(action.get("/URI"))
        if "/Next" in action:
            pending.append(action["/Next"])


def _check_uri(uri):
    if not isinstance(uri, pikepdf.String):
        raise ActivePdf("link without an address")
    address = bytes(uri).strip(b" \t\r\n\x00\x0b\x0c").lower()
    if not address.startswith(ALLOWED_URI_SCHEMES):
        raise ActivePdf(f"link to {address[:40]!r}")


def _check_dictionary(dictionary):
    keys = set(dictionary.keys())
    refused = keys & REFUSED_KEYS
    if refused:
        raise ActivePdf(f"key {sorted(refused)[0]}")
    if dictionary.get("/Type") == pikepdf.Name.Action:
        _check_action(dictionary)
    if dictionary.get("/S") == pikepdf.Name.URI and "/URI" in dictionary:
        _check_uri(dictionary["/URI"])
    for key in ACTION_KEYS:
        if key in dictionary and _is_dictionary(dictionary[key]):
            _check_action(dictionary[key])
    if "/OpenAction" in dictionary:
        opening = dictionary["/OpenAction"]
        if _is_dictionary(opening):
            _check_action(opening, opening=True)
        elif not isinstance(opening, pikepdf.Array):
            raise ActivePdf("open action of an unknown kind")


def _walk(pdf: pikepdf.Pdf):
    """Every object in the file, and the objects written inside them."""
    if len(pdf.objects) > MAX_OBJECTS:
        raise ActivePdf("too many objects")
    for top in [*pdf.objects, pdf.trailer]:
        stack = [top]
        while stack:
            obj = stack.pop()
            if isinstance(obj, pikepdf.Name):
                if str(obj) in REFUSED_NAMES:
                    raise ActivePdf(f"name {obj}")
            elif isinstance(obj, pikepdf.Array):
                stack.extend(item for item in obj if _is_direct(item))
            elif _is_dictionary(obj):
                _check_dictionary(obj)
                stack.extend(value for value in obj.values() if _is_direct(value))


def check_pdf(data: bytes) -> None:
    """Raise ValidationError (Dutch) unless `data` is a readable PDF without active content."""
    with _open(data) as pdf:
        try:
            _walk(pdf)
        except ActivePdf as error:
            raise _refuse_active() from error
        except Exception as error:  # a damaged object qpdf could not resolve
            raise _refuse_broken() from error


def rebuild_pdf(data: bytes) -> bytes:
    """The parser's own copy of a checked PDF, checked again: this is what gets stored."""
    out = io.BytesIO()
    with _open(data) as pdf:
        try:
            # qpdf writes a correct /Size only where the trailer has one, and a file it had to
            # repair may have none (its copy would then not open).
            pdf.trailer.Size = 0
            pdf.save(
                out,
                encryption=False,
                # Every object written out in the open: no object streams for a later scanner
                # to unpack.
                object_stream_mode=pikepdf.ObjectStreamMode.disable,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                fix_metadata_version=False,
            )
        except Exception as error:  # e.g. a stream whose data cannot be read
            raise _refuse_broken() from error
    rebuilt = out.getvalue()
    check_pdf(rebuilt)
    return rebuilt
