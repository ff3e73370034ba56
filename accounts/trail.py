"""The audit trail as accounts writes to it. accounts sits below audit in the layers and may not
import it, so audit plugs its recorder in when the apps load (`audit.apps.AuditConfig.ready`)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_recorder: Callable[..., Any] | None = None


def connect(recorder: Callable[..., Any]) -> None:
    global _recorder
    _recorder = recorder


def record(*, actor: Any, obj: Any, action: str, what: str) -> None:
    """One audit row, written by the audit app's `record`. Without it there is no trail to
    write to, and a privileged step must not go unrecorded: that is a configuration error."""
    if _recorder is None:
        raise ImproperlyConfigured("accounts needs the audit app to record its steps")
    _recorder(actor=actor, obj=obj, action=action, what=what)
