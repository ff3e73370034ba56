"""What homescan does when accounts announces something (see `accounts.hooks`)."""

from . import actions


def role_assigned(*, assignment):
    """A new burgemeester gets the starterspakket, in the transaction of
    `accounts.actions.role_assign`."""
    actions.starter_kit_on_role_assigned(assignment=assignment)
