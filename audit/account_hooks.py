"""audit's reactions to what accounts announces (see accounts/hooks.py)."""

from audit.recording import record


def step_recorded(*, actor, obj, action, what):
    record(actor=actor, obj=obj, action=action, what=what)
