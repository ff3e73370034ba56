"""Audit trail of reads and changes by anyone who is not the owner; see `record()`."""


def record(*, actor, obj, action="read", what="", request=None):
    """Write one audit row. Imported lazily so apps can call `audit.record` at import time."""
    from .recording import record as _record  # lazy: this package loads before its models

    return _record(actor=actor, obj=obj, action=action, what=what, request=request)
