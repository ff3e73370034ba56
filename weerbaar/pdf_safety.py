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
no encryption, fresh object streams and cross-reference table, streams copied undecoded so a
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


_NAME, _ARRAY = pikepdf.ObjectType.name_, pikepdf.ObjectType.array
_DICTIONARIES = (pikepdf.ObjectType.dictionary, pikepdf.ObjectType.stream)


def _type(obj):
    # pikepdf gives numbers, booleans and null as Python values; isinstance() on its own
    # classes is slow, and a PDF can hold a few hundred thousand objects.
    return getattr(obj, "_type_code", None)


def _is_dictionary(obj) -> bool:
    return _type(obj) in _DICTIONARIES


def _name(obj) -> str:
    """The name `obj` is ("/GoTo"), or "" when it is not a name."""
    return str(obj) if _type(obj) is _NAME else ""


def _check_action(action, *, opening=False):
    """An action (a pikepdf dictionary or its entries already read), and the actions chained
    after it with /Next. `opening`: it runs when the document opens, so only GoTo will do."""
    seen = set()
    pending = [action]
    while pending:
        action = pending.pop()
        if isinstance(action, dict):
            entries = action
        else:
            kind = _type(action)
            if kind is _ARRAY:
                pending.extend(action)
                continue
            if kind not in _DICTIONARIES:
                continue
            if action.is_indirect:
                if action.objgen in seen:
                    continue
                seen.add(action.objgen)
            entries = dict(action.items())
        kind = _name(entries.get("/S"))
        if opening and kind != "/GoTo":
            raise ActivePdf(f"open action {kind}")
        if kind not in ALLOWED_ACTIONS:
            raise ActivePdf(f"action {kind or entries.get('/S')}")
        if kind == "/Named" and _name(entries.get("/N")) not in ALLOWED_NAMED_ACTIONS:
            raise ActivePdf(f"named action {entries.get('/N')}")
        if kind == "/URI":
            _check_uri(entries.get("/URI"))
        if "/Next" in entries:
            pending.append(entries["/Next"])


def _check_uri(uri):
    if _type(uri) is not pikepdf.ObjectType.string:
        raise ActivePdf("link without an address")
    address = bytes(uri).strip(b" \t\r\n\x00\x0b\x0c").lower()
    if not address.startswith(ALLOWED_URI_SCHEMES):
        raise ActivePdf(f"link to {address[:40]!r}")


def _check_dictionary(entries: dict):
    """One dictionary, its entries already read out of qpdf."""
    refused = REFUSED_KEYS.intersection(entries)
    if refused:
        raise ActivePdf(f"key {sorted(refused)[0]}")
    if _name(entries.get("/Type")) == "/Action":
        _check_action(entries)
    if "/URI" in entries and _name(entries.get("/S")) == "/URI":
        _check_uri(entries["/URI"])
    for key in ACTION_KEYS:
        if key in entries and _is_dictionary(entries[key]):
            _check_action(entries[key])
    if "/OpenAction" in entries:
        opening = entries["/OpenAction"]
        if _is_dictionary(opening):
            _check_action(opening, opening=True)
        elif opening is not None and _type(opening) is not _ARRAY:
            raise ActivePdf("open action of an unknown kind")


def _walk(pdf: pikepdf.Pdf):
    """Every object in the file, and the objects written inside them."""
    for top in [*pdf.objects, pdf.trailer]:
        stack = [top]
        while stack:
            obj = stack.pop()
            kind = _type(obj)
            if kind is _NAME:
                if str(obj) in REFUSED_NAMES:
                    raise ActivePdf(f"name {obj}")
            elif kind is _ARRAY:
                stack.extend(item for item in obj if _type(item) and not item.is_indirect)
            elif kind in _DICTIONARIES:
                entries = dict(obj.items())
                _check_dictionary(entries)
                stack.extend(
                    value for value in entries.values() if _type(value) and not value.is_indirect
                )


def check_pdf(data: bytes) -> None:
    """Raise ValidationError (Dutch) unless `data` is a readable PDF without active content."""
    with _open(data) as pdf:
        if len(pdf.objects) > MAX_OBJECTS:
            raise _refuse_broken()
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
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                fix_metadata_version=False,
            )
        except Exception as error:  # e.g. a stream whose data cannot be read
            raise _refuse_broken() from error
    rebuilt = out.getvalue()
    check_pdf(rebuilt)
    return rebuilt
