"""The one way to write an audit row."""

import contextvars

from django.utils.crypto import salted_hmac

from .models import AccessEntry, Action, object_type_of

# The request being served, set by RequestContextMiddleware, so actions deep in an app can
# record the session without being handed the request.
current_request = contextvars.ContextVar("audit_current_request", default=None)


def session_hash(request) -> str:
    session = getattr(request, "session", None) if request is not None else None
    key = getattr(session, "session_key", None)
    if not key:
        return ""
    return salted_hmac("audit.session", key, algorithm="sha256").hexdigest()


def record(*, actor, obj, action=Action.READ, what="", request=None):
    """Record that `actor` read or changed `obj`: who, what, when, which session; no content.

    Callers decide who counts as the owner (whose own reads are not recorded)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    if action not in Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    return AccessEntry.objects.create(
        actor=actor,
        object_type=object_type_of(obj),
        object_id=str(obj.pk),
        action=action,
        what=str(what)[:30],
        session_hash=session_hash(request or current_request.get()),
    )


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
