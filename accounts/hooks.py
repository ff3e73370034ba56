"""What accounts announces to the apps above it.

accounts sits low in the layers (weerbaar < government < accounts < audit < incidents, subsidies
< homescan, network < monitor) and never imports an app above it. When an account changes in a
way another app finishes in the same transaction, accounts announces it here; an app reacts by
defining a function of the event's name in its own `account_hooks.py` (found with
`weerbaar.discovery.app_modules`, in the order of INSTALLED_APPS). Plain function calls, not
Django signals: the announcement runs inside the caller's transaction, and an exception in a
reaction rolls the whole change back.

Events (keyword arguments only):
- `invitation_accepted(*, invitation, user)`: an invitation was accepted and `user` holds its
  role (network makes the colleague a member of the inviting partner organisation).
- `role_assigned(*, assignment)`: a new `RoleAssignment` was created (homescan gives a new
  burgemeester the starterspakket).
- `step_recorded(*, actor, obj, action, what)`: a privileged step of accounts (an invitation to a
  privileged role, a person changing their own name) must be on the audit trail; audit writes
  the row. This event is REQUIRED: with no app that records it, the step is refused
  (ImproperlyConfigured), never left unrecorded.
"""

from django.core.exceptions import ImproperlyConfigured

from weerbaar.discovery import app_modules

EVENTS = frozenset({"invitation_accepted", "role_assigned", "step_recorded"})
# Events some app must react to: without a reaction the change may not happen.
REQUIRED = frozenset({"step_recorded"})


def announce(event, **details):
    """Call `event(**details)` in every app's `account_hooks.py` that defines it."""
    if event not in EVENTS:
        raise ValueError(f"accounts announces no event {event!r}")
    reactions = [
        getattr(module, event)
        for module in app_modules("account_hooks")
        if getattr(module, event, None) is not None
    ]
    if event in REQUIRED and not reactions:
        raise ImproperlyConfigured(f"no app reacts to {event!r}, which accounts requires")
    for reaction in reactions:
        reaction(**details)
