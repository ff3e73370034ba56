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
"""

from weerbaar.discovery import app_modules

EVENTS = frozenset({"invitation_accepted", "role_assigned"})


def announce(event, **details):
    """Call `event(**details)` in every app's `account_hooks.py` that defines it."""
    if event not in EVENTS:
        raise ValueError(f"accounts announces no event {event!r}")
    for module in app_modules("account_hooks"):
        reaction = getattr(module, event, None)
        if reaction is not None:
            reaction(**details)
