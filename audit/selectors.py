"""Reads of the audit trail (who read or changed an object) and of erasure requests."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core import signing

from .labels import label_of
from .models import AccessEntry, Action, ErasureRequest

TRAIL_LIMIT = 500


def trail_of(obj, *, limit: int = TRAIL_LIMIT) -> list[AccessEntry]:
    """Every read and change of `obj` by someone other than its owner, newest first, with the
    actor (for staff; the owner sees `readers_of`)."""
    return list(AccessEntry.objects.for_object(obj).select_related("actor")[:limit])


@dataclass
class Reader:
    """One person who opened an object: their name, what they opened (Dutch words) and when
    they did so first and last."""

    name: str
    first: datetime
    last: datetime
    parts: list[str] = field(default_factory=list)


def readers_of(obj) -> list[Reader]:
    """Who read `obj` (a case, an application, a scan), for the owner: one line per person,
    most recent reader first, by name only. One query."""
    rows = (
        AccessEntry.objects.for_object(obj)
        .filter(action=Action.READ)
        .order_by("actor_id", "at", "pk")
        .values_list("actor_id", "actor__full_name", "what", "at")
    )
    readers: dict[int, Reader] = {}
    codes: dict[int, list[str]] = {}
    for actor_id, name, what, at in rows:
        reader = readers.get(actor_id)
        if reader is None:
            reader = readers[actor_id] = Reader(name=name, first=at, last=at)
            codes[actor_id] = []
        reader.last = at
        if what and what not in codes[actor_id]:
            codes[actor_id].append(what)
            reader.parts.append(label_of(what))
    return sorted(readers.values(), key=lambda reader: reader.last, reverse=True)


def open_erasure_request(user) -> ErasureRequest | None:
    """The person's request that is neither withdrawn nor carried out, if any."""
    return ErasureRequest.objects.filter(
        user=user, withdrawn_at__isnull=True, done_at__isnull=True
    ).first()


def erasure_request_from_token(token: str, *, max_age_seconds: int) -> ErasureRequest | None:
    """The request a confirmation link points to, or None for a forged, mangled or expired
    link. Whether it is still open, and whose it is, is the caller's question."""
    try:
        pk = signing.loads(token, salt=ErasureRequest.TOKEN_SALT, max_age=max_age_seconds)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    return ErasureRequest.objects.select_related("user").filter(pk=pk).first()
