"""A case handler who is also an officeholder never triages their own report."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import OfficeType, Role
from accounts.tests import factories as people
from incidents import actions
from incidents.workflow import Status, TransitionNotAllowed

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler_who_reported():
    user = people.triage_staff()
    people.with_role(user, Role.OFFICEHOLDER, OfficeType.RAADSLID, people.municipality())
    return user


def test_staff_cannot_move_their_own_report(handler_who_reported):
    incident = factories.submitted(handler_who_reported)
    with pytest.raises(TransitionNotAllowed):
        actions.incident_acknowledge(actor=handler_who_reported, incident=incident)
    incident.refresh_from_db()
    assert incident.status == Status.NEW


@pytest.mark.parametrize(
    "act",
    [
        lambda actor, incident: actions.incident_set_urgency(
            actor=actor, incident=incident, urgent=True
        ),
        lambda actor, incident: actions.incident_assign(
            actor=actor, incident=incident, assignee=actor
        ),
        lambda actor, incident: actions.incident_escalate(actor=actor, incident=incident),
        lambda actor, incident: actions.incident_complete_step(
            actor=actor, incident=incident, step="acknowledge"
        ),
    ],
    ids=["urgency", "assign", "escalate", "step"],
)
def test_staff_cannot_handle_their_own_report(handler_who_reported, act):
    incident = factories.submitted(handler_who_reported)
    with pytest.raises(PermissionDenied):
        act(handler_who_reported, incident)


def test_a_colleague_handles_it(handler_who_reported):
    incident = factories.submitted(handler_who_reported)
    colleague = people.triage_staff()
    actions.incident_acknowledge(actor=colleague, incident=incident)
    incident.refresh_from_db()
    assert incident.status == Status.ACKNOWLEDGED
