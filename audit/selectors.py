"""Reads about erasure requests."""

from django.core import signing

from .models import ErasureRequest


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
