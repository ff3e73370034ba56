"""Every row of the transition table, driven through the actions: the right party moves the
application and an event records who, from, to; the other party is refused and nothing moves."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.tests import factories as people
from subsidies import actions, workflow
from subsidies.tests import factories
from subsidies.workflow import APPLICANT, Status, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def reach(status):
    """An application in `status`, built through the actions."""
    if status == Status.DRAFT:
        return factories.draft()
    if status == Status.SUBMITTED:
        return factories.submitted()
    if status == Status.IN_REVIEW:
        return factories.assessed()
    if status in (Status.INFO_REQUESTED, Status.RESUBMITTED):
        application = factories.in_review()
        actions.application_transition(
            actor=people.triage_staff(),
            application=application,
            to_status=Status.INFO_REQUESTED,
            reason="Graag een offerte.",
        )
        if status == Status.RESUBMITTED:
            actions.application_submit(actor=application.created_by, application=application)
        return application
    if status == Status.PARTLY_GRANTED:
        application = factories.assessed()
        first = application.lines.first()
        actions.application_decide(
            actor=people.triage_staff(),
            application=application,
            outcome=status,
            amounts={first.pk: Decimal("1.00")},
        )
        return application
    if status in workflow.DECIDED:
        return factories.decided(outcome=status).application
    application = factories.decided().application
    actions.application_mark_paid(actor=people.triage_staff(), application=application)
    if status == Status.PAID:
        return application
    actions.account_submit(
        actor=application.created_by,
        application=application,
        what_was_done="Zaal aangepast.",
        actual_costs=Decimal("15000.50"),
        lessons="Vroeg beginnen.",
    )
    actions.account_approve(actor=people.triage_staff(), application=application)
    if status == Status.ACCOUNTED:
        return application
    return actions.application_transition(
        actor=people.triage_staff(), application=application, to_status=Status.CLOSED
    )


def move(actor, application, target):
    if target in (Status.SUBMITTED, Status.RESUBMITTED):
        return actions.application_submit(actor=actor, application=application)
    if target in workflow.DECIDED:
        first = application.lines.first()
        return actions.application_decide(
            actor=actor, application=application, outcome=target, amounts={first.pk: Decimal("1")}
        )
    if target == Status.PAID:
        return actions.application_mark_paid(actor=actor, application=application)
    if target == Status.ACCOUNTED:
        actions.account_submit(
            actor=application.created_by,
            application=application,
            what_was_done="Zaal aangepast.",
            actual_costs=Decimal("1.00"),
            lessons="Vroeg beginnen.",
        )
        return actions.account_approve(actor=actor, application=application)
    return actions.application_transition(
        actor=actor, application=application, to_status=target, reason="Toelichting"
    )


@pytest.mark.parametrize(
    ("source", "target"), list(workflow.TRANSITIONS), ids=lambda status: str(status)
)
def test_each_transition_allowed_for_its_party_refused_for_the_other(source, target):
    application = reach(source)
    application.refresh_from_db()
    assert application.status == source
    owner = application.created_by
    parties = workflow.TRANSITIONS[(source, target)]
    right = owner if APPLICANT in parties else people.triage_staff()
    wrong = people.triage_staff() if APPLICANT in parties else owner
    events_before = application.events.count()

    with pytest.raises((TransitionNotAllowed, PermissionDenied)):
        move(wrong, application, target)
    application.refresh_from_db()
    assert application.status == source
    assert application.events.count() == events_before

    move(right, application, target)
    application.refresh_from_db()
    assert application.status == target
    event = application.events.latest("at", "pk")
    assert (event.actor, event.from_status, event.to_status) == (right, source, target)


@pytest.mark.parametrize("source", list(Status), ids=str)
def test_moves_outside_the_table_are_refused(source):
    application = reach(source)
    application.refresh_from_db()
    assert application.status == source
    staff = people.triage_staff()
    for target in (Status.IN_REVIEW, Status.CLOSED, Status.INFO_REQUESTED):
        if (source, target) in workflow.TRANSITIONS:
            continue
        with pytest.raises((TransitionNotAllowed, PermissionDenied)):
            actions.application_transition(
                actor=staff, application=application, to_status=target, reason="x"
            )
    application.refresh_from_db()
    assert application.status == source


@pytest.mark.parametrize("source", list(Status), ids=str)
def test_the_staff_buttons_are_the_plain_moves_of_the_table(source, client):
    """The detail page offers staff exactly the table's staff moves from this state that have
    no form of their own, and asks a reason where the action needs one."""
    application = reach(source)
    client.force_login(people.triage_staff())
    html = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    transition = reverse("subsidies:transition", args=[application.pk])
    offered = re.findall(
        rf'<form method="post" action="{transition}"[^>]*>.*?name="to" value="([a-z_]+)"',
        html,
        flags=re.S,
    )
    expected = [
        target
        for (state, target), parties in workflow.TRANSITIONS.items()
        if state == source and workflow.STAFF in parties and target not in workflow.BY_FORM
    ]
    assert offered == expected
    assert ('name="reason"' in html.split(transition, 1)[-1].split("</form>", 1)[0]) == (
        expected == [Status.INFO_REQUESTED]
    )
