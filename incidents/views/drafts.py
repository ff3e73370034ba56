"""Text typed in the case page's boxes survives a POST of another form on that page.

The page's script copies what is typed in each box into the form being sent (under the box's
own field name, e.g. `note-body`). When that form's view shows the page again (an error) it puts
the text back; when it redirects (done, or refused) the text waits in the session, encrypted with
the field keys like the case text it may become, until the case page takes it on the next GET.
"""

import json

from weerbaar import crypto

# The boxes of the case page, by form prefix; their field is always `body`.
BOXES = ("message", "note")


def field_name(box):
    return f"{box}-body"


def posted(request):
    """The text of each box that came along with this POST (possibly empty)."""
    if request.method != "POST":
        return {}
    return {box: request.POST.get(field_name(box), "") for box in BOXES}


def _key(incident):
    return f"incidents:drafts:{incident.pk}"


def keep(request, incident, *, skip=()):
    """Park the boxes' text of this POST for the next view of the case page; `skip` names the
    boxes whose text was just saved or sent."""
    texts = {box: text for box, text in posted(request).items() if box not in skip and text.strip()}
    if texts:
        request.session[_key(incident)] = crypto.encrypt(json.dumps(texts))


def take(request, incident):
    """The parked text of the boxes (and forget it)."""
    token = request.session.pop(_key(incident), None)
    if not token:
        return {}
    try:
        texts = json.loads(crypto.decrypt(token))
    except (crypto.DecryptionError, ValueError):
        return {}
    return {box: str(texts[box]) for box in BOXES if isinstance(texts.get(box), str)}
