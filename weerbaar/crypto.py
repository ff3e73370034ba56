"""Encryption of sensitive text with keys from the environment (FIELD_ENCRYPTION_KEYS).

The first key encrypts; every listed key decrypts, so a new key is put first, `rotate()` is run
over the stored values, and the old key is dropped afterwards. A value that no key can decrypt is
an error, never silently returned as ciphertext.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """Stored ciphertext could not be decrypted with any configured key."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "Each FIELD_ENCRYPTION_KEYS entry must be 32 url-safe base64-encoded bytes."
        ) from error


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise DecryptionError("No configured key decrypts this value.") from error


def rotate(token: str) -> str:
    """Re-encrypt a value with the first (newest) key."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise DecryptionError("No configured key decrypts this value.") from error


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")
