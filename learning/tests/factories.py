"""Test data for the learning network, built through the actions."""

from accounts.tests import factories as people
from learning import actions
from subsidies.tests import factories as grants
from subsidies.workflow import Status


def cohort_griffier(body=None):
    """A griffier whose body's Veilig Vergaderen grant was awarded: it takes part."""
    griffier = people.griffier(body=body)
    grants.decided(griffier=griffier, outcome=Status.GRANTED)
    griffier.forget_cached_roles()
    return griffier


def approved_griffier(body):
    """A griffier whose body BZK added to the network."""
    griffier = people.griffier(body=body)
    actions.participant_add(actor=people.triage_staff(), body=body)
    griffier.forget_cached_roles()
    return griffier
