"""Ordinary mistakes and odd requests get an ordinary answer, never a server error.

- `refuse_unreadable_charsets` (around the WSGI application) and `BodyCharsetMiddleware`: a
  request whose Content-Type names a charset Django cannot decode a form with (UTF-16, UTF-32,
  EBCDIC, UTF-7, unknown names, codecs that are not text encodings such as `uu`; for a
  urlencoded form anything but "utf-8") gets a 400.
  Django decodes GET and POST data with that charset; with some of them building the request
  object itself fails, before any middleware runs (gunicorn's bare 500), so the WSGI wrapper is
  the guard that counts and the middleware the second line (ASGI, the test client).
- `StaleStateMiddleware`: the last net under the views. An action that refuses a change because
  the object moved on meanwhile (a double click, a second tab, a colleague) raises its app's named
  exception; a view that did not expect it no longer answers 500 but a 409 page that says so,
  links back, and gives back any text the person typed.
"""

import codecs
import logging
import string

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.http import parse_header_parameters, url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Every character a urlencoded or multipart form body is made of (percent-encoding keeps the
# rest out), and what the multipart parser looks for.
_FORM_CHARACTERS = string.printable


def usable_charset(name: str) -> bool:
    """True when `name` is a text encoding that reads and writes ASCII unchanged, so Django's
    form parsing (which splits bytes on '&', '=', ';' and boundaries) works with it."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return False
    if not getattr(info, "_is_text_encoding", True):
        return False  # base64, zlib, rot13 ...: codecs, but not charsets
    sample = _FORM_CHARACTERS
    try:
        return (
            sample.encode(info.name) == sample.encode("ascii")
            and sample.encode("ascii").decode(info.name) == sample
        )
    except (UnicodeError, LookupError, ValueError, TypeError):
        return False


def unreadable_content_type(content_type: str) -> bool:
    if not content_type:
        return False
    try:
        main, params = parse_header_parameters(content_type)
    except Exception:  # noqa: BLE001 - a header Django cannot parse is refused
        return True
    charset = params.get("charset")
    if charset is None:
        return False
    if main.lower() == "application/x-www-form-urlencoded":
        # Django reads such a body only when the charset is literally "utf-8" and otherwise
        # raises BadRequest without marking the body as unreadable, so its 400 view (through
        # the CSRF check reading the body again) fails into a 500.
        return charset.strip().lower() != "utf-8"
    return not usable_charset(charset)


REFUSAL = "Dit verzoek gebruikt een tekenset die de portal niet kan lezen. Gebruik UTF-8.\n"


def refuse_unreadable_charsets(application):
    """WSGI middleware: a 400 before Django builds a request from an unreadable charset."""

    def guarded(environ, start_response):
        if unreadable_content_type(environ.get("CONTENT_TYPE", "")):
            body = REFUSAL.encode()
            start_response(
                "400 Bad Request",
                [
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("X-Content-Type-Options", "nosniff"),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [body]
        return application(environ, start_response)

    return guarded


class BodyCharsetMiddleware:
    """Answer 400 to a request that declares a charset Django cannot parse a form in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if unreadable_content_type(request.META.get("CONTENT_TYPE", "")):
            return HttpResponse(REFUSAL, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


# The named exceptions with which actions refuse a change because the state moved on. Dotted
# paths, resolved when first needed: weerbaar is the lowest layer and imports no app. A test
# checks that every path still names an exception class.
STALE_STATE_EXCEPTIONS = (
    "weerbaar.workflow.TransitionNotAllowed",  # every app's table refuses with this one
    "homescan.models.VersionLocked",
    "accounts.actions.InvitationNotUsable",
)
# These carry a Dutch sentence for the person; the others get the general text.
_SPEAKING = ("TransitionNotAllowed",)

# POST fields never echoed back, whatever the form: secrets and machinery.
_NEVER_ECHO = ("csrf", "password", "token", "secret", "code", "otp", "key")


class StaleStateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @cached_property
    def exceptions(self):
        return tuple(import_string(path) for path in STALE_STATE_EXCEPTIONS)

    def process_exception(self, request, exception):
        if isinstance(exception, self.exceptions):
            if type(exception).__name__ in _SPEAKING and str(exception):
                text = str(exception)
            else:
                text = ""
        elif isinstance(exception, ValidationError):
            text = " ".join(exception.messages)
        else:
            return None
        match = getattr(request, "resolver_match", None)
        # The view's name, not the path: paths can hold tokens.
        logger.warning(
            "Refused a stale change: %s in %s",
            type(exception).__name__,
            match.view_name if match else "?",
        )
        return render(
            request,
            "conflict.html",
            {
                "text": text,
                "typed": typed_texts(request),
                "back_url": _back_url(request),
            },
            status=409,
        )


def typed_texts(request):
    """What the person wrote in the form they sent: the values that look like free text."""
    if request.method != "POST":
        return []
    texts = []
    for name, values in request.POST.lists():
        if any(word in name.lower() for word in _NEVER_ECHO):
            continue
        for value in values:
            value = value.strip()
            if value and (len(value) >= 30 or " " in value or "\n" in value):
                texts.append(value)
    return texts


def _back_url(request):
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    if request.method == "GET":
        return request.get_full_path()
    return "/"
