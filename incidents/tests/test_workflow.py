"""Every row of the transition table, driven through the actions: the right party moves the case
and an event records who, from, to; the wrong party and illegal moves are refused."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests import factories as people
from incidents import actions, workflow
from incidents.models import EventKind, IncidentEvent, TriageStep
from incidents.tests import factories
from incidents.workflow import (
    REPORTER,
    REPORTER_MESSAGE,
    STAFF,
    Status,
    Step,
    TransitionNotAllowed,
)

pytestmark = pytest.mark.django_db

ROWS = sorted(workflow.TRANSITIONS.items())


def move(actor, incident, to_status, party=None):
    if party == REPORTER_MESSAGE:
        # The reporter reopens a closed case only by writing a message on it.
        actions.message_send(actor=actor, incident=incident, body="Het gebeurt weer.")
        return incident
    if (incident.status, to_status) == (Status.DRAFT, Status.NEW):
        return actions.incident_submit(actor=actor, incident=incident)
    return actions.incident_transition(actor=actor, incident=incident, to_status=to_status)


@pytest.mark.parametrize(("move_", "parties"), ROWS, ids=[f"{a}-{b}" for (a, b), _ in ROWS])
def test_each_allowed_move_is_made_by_its_party_and_leaves_an_event(move_, parties):
    from_status, to_status = move_
    for party in sorted(parties):
        incident = factories.reach(from_status)
        actor = incident.reporter if party != STAFF else people.triage_staff()
        move(actor, incident, to_status, party)
        incident.refresh_from_db()
        assert incident.status == to_status
        event = incident.events.filter(kind=EventKind.STATUS).last()
        assert (event.actor, event.from_value, event.to_value) == (actor, from_status, to_status)


@pytest.mark.parametrize(("move_", "parties"), ROWS, ids=[f"{a}-{b}" for (a, b), _ in ROWS])
def test_each_move_is_refused_to_the_other_party(move_, parties):
    from_status, to_status = move_
    for party in {REPORTER, STAFF} - parties:
        incident = factories.reach(from_status)
        actor = incident.reporter if party == REPORTER else people.triage_staff()
        events = IncidentEvent.objects.filter(incident=incident).count()
        with pytest.raises((TransitionNotAllowed, PermissionDenied)):
            move(actor, incident, to_status)
        incident.refresh_from_db()
        assert incident.status == from_status
        assert IncidentEvent.objects.filter(incident=incident).count() == events


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [
        (Status.NEW, Status.CLOSED),
        (Status.NEW, Status.WAITING),
        (Status.ACKNOWLEDGED, Status.NEW),
        (Status.CLOSED, Status.NEW),
        (Status.CLOSED, Status.WAITING),
        (Status.WAITING, Status.ACKNOWLEDGED),
    ],
)
def test_a_move_outside_the_table_is_refused_with_a_clear_message(from_status, to_status):
    incident = factories.reach(from_status)
    with pytest.raises(TransitionNotAllowed, match="is niet toegestaan"):
        actions.incident_transition(
            actor=people.triage_staff(), incident=incident, to_status=to_status
        )


def test_submitting_gives_a_reference_a_deadline_and_the_stappenplan():
    incident = factories.submitted()
    assert incident.reference.startswith("WB-")
    assert incident.due_at == workflow.add_working_day(incident.submitted_at)
    assert list(TriageStep.objects.filter(incident=incident).values_list("step", flat=True)) == [
        step.value for step in Step
    ]


def test_a_report_without_kind_or_description_cannot_be_sent():
    incident = factories.draft(kinds=(), description="")
    with pytest.raises(ValidationError) as error:
        actions.incident_submit(actor=incident.reporter, incident=incident)
    assert "Kies ten minste één soort incident." in error.value.messages
    assert "Beschrijf kort wat er is gebeurd." in error.value.messages


def test_a_sent_report_cannot_be_rewritten():
    incident = factories.submitted()
    with pytest.raises(TransitionNotAllowed, match="niet meer worden gewijzigd"):
        actions.incident_save_draft(
            actor=incident.reporter, incident=incident, data={"description": "Anders"}
        )


def test_immediate_danger_marks_the_case_urgent_with_a_deadline_of_an_hour():
    incident = factories.submitted(immediate_danger=True)
    assert incident.urgent
    assert incident.due_at == incident.submitted_at + workflow.URGENT_RESPONSE


def test_acknowledging_counts_as_first_response_and_ticks_the_first_step():
    staff = people.triage_staff()
    incident = actions.incident_acknowledge(actor=staff, incident=factories.submitted())
    assert incident.first_response_at is not None
    step = TriageStep.objects.get(incident=incident, step=Step.ACKNOWLEDGE)
    assert (step.done_by, step.done_at is not None) == (staff, True)


def test_closing_records_the_date_and_reopening_clears_it():
    staff = people.triage_staff()
    incident = factories.reach(Status.CLOSED, staff=staff)
    assert incident.closed_at is not None
    incident = actions.incident_reopen(actor=staff, incident=incident)
    assert incident.status == Status.IN_PROGRESS and incident.closed_at is None


def test_a_reply_of_the_reporter_puts_a_waiting_case_back_in_progress():
    incident = factories.reach(Status.WAITING)
    actions.message_send(actor=incident.reporter, incident=incident, body="Hier is de foto.")
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
    assert incident.events.last().actor == incident.reporter


def test_each_step_records_who_and_when_once():
    staff = people.triage_staff()
    incident = factories.submitted()
    row = actions.incident_complete_step(actor=staff, incident=incident, step=Step.ASSESS_DANGER)
    assert row.done_by == staff and row.done_at is not None
    with pytest.raises(TransitionNotAllowed, match="al afgerond"):
        actions.incident_complete_step(actor=staff, incident=incident, step=Step.ASSESS_DANGER)


def test_contacting_the_reporter_counts_as_first_response():
    incident = factories.submitted()
    actions.incident_complete_step(
        actor=people.triage_staff(), incident=incident, step=Step.CONTACT_REPORTER
    )
    incident.refresh_from_db()
    assert incident.first_response_at is not None
    assert not incident.is_overdue()


def test_messaging_the_reporter_ticks_first_contact_once_with_who_and_when():
    first, second = people.triage_staff(), people.triage_staff()
    incident = factories.submitted()
    actions.message_send(actor=first, incident=incident, body="Wij nemen contact met u op.")
    step = TriageStep.objects.get(incident=incident, step=Step.CONTACT_REPORTER)
    assert step.done_by == first and step.done_at is not None
    assert incident.events.filter(
        kind=EventKind.STEP, actor=first, to_value=Step.CONTACT_REPORTER
    ).exists()
    ticked_at = step.done_at
    actions.message_send(actor=second, incident=incident, body="Nog een vraag.")
    step.refresh_from_db()
    assert (step.done_by, step.done_at) == (first, ticked_at)
    assert incident.events.filter(kind=EventKind.STEP, to_value=Step.CONTACT_REPORTER).count() == 1


def test_a_message_of_the_reporter_ticks_no_step():
    incident = factories.submitted()
    actions.message_send(actor=incident.reporter, incident=incident, body="Aanvulling.")
    step = TriageStep.objects.get(incident=incident, step=Step.CONTACT_REPORTER)
    assert step.done_at is None and step.done_by is None


def test_deploying_the_support_team_ticks_its_step_once_with_who_and_when():
    first, second = people.triage_staff(), people.triage_staff()
    incident = factories.submitted()
    actions.incident_deploy(actor=first, incident=incident, member=people.support_team_member())
    step = TriageStep.objects.get(incident=incident, step=Step.INVOLVE_SUPPORT_TEAM)
    assert step.done_by == first and step.done_at is not None
    assert incident.events.filter(
        kind=EventKind.STEP, actor=first, to_value=Step.INVOLVE_SUPPORT_TEAM
    ).exists()
    ticked_at = step.done_at
    actions.incident_deploy(actor=second, incident=incident, member=people.support_team_member())
    step.refresh_from_db()
    assert (step.done_by, step.done_at) == (first, ticked_at)


def test_acknowledging_after_the_step_was_ticked_keeps_the_first_tick():
    first, second = people.triage_staff(), people.triage_staff()
    incident = factories.submitted()
    row = actions.incident_complete_step(actor=first, incident=incident, step=Step.ACKNOWLEDGE)
    actions.incident_acknowledge(actor=second, incident=incident)
    row.refresh_from_db()
    assert row.done_by == first


def test_marking_urgent_tightens_the_deadline_and_is_recorded():
    incident = factories.submitted()
    before = incident.due_at
    incident = actions.incident_set_urgency(
        actor=people.triage_staff(), incident=incident, urgent=True
    )
    assert incident.urgent and incident.due_at < before
    assert incident.events.filter(kind=EventKind.URGENCY, to_value="1").exists()


def test_escalating_twice_is_refused():
    staff = people.triage_staff()
    incident = actions.incident_escalate(actor=staff, incident=factories.submitted())
    with pytest.raises(TransitionNotAllowed, match="al geëscaleerd"):
        actions.incident_escalate(actor=staff, incident=incident)


def test_only_staff_can_be_assigned():
    staff = people.triage_staff()
    incident = factories.submitted()
    with pytest.raises(ValidationError):
        actions.incident_assign(actor=staff, incident=incident, assignee=incident.reporter)
    actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    incident.refresh_from_db()
    assert incident.assignee == staff


AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (datetime(2026, 11, 23, 10, 0, tzinfo=AMS), datetime(2026, 11, 24, 10, 0, tzinfo=AMS)),
        (datetime(2026, 11, 27, 16, 0, tzinfo=AMS), datetime(2026, 11, 30, 16, 0, tzinfo=AMS)),
        (datetime(2026, 11, 28, 9, 0, tzinfo=AMS), datetime(2026, 11, 30, 9, 0, tzinfo=AMS)),
    ],
    ids=["monday", "friday", "saturday"],
)
def test_first_contact_is_due_within_one_working_day(submitted, due):
    assert workflow.response_deadline(submitted, urgent=False) == due
    urgent = workflow.response_deadline(submitted, urgent=True)
    assert urgent == submitted + workflow.URGENT_RESPONSE


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        # Thursday 24 December: Christmas (Fri) and Boxing Day (Sat), then Sunday.
        (datetime(2026, 12, 24, 15, 0, tzinfo=AMS), datetime(2026, 12, 28, 15, 0, tzinfo=AMS)),
        # Easter Monday 2027 falls on 29 March: the Friday before counts through to Tuesday.
        (datetime(2027, 3, 26, 11, 0, tzinfo=AMS), datetime(2027, 3, 30, 11, 0, tzinfo=AMS)),
        # King's Day 2027 is Tuesday 27 April.
        (datetime(2027, 4, 26, 9, 30, tzinfo=AMS), datetime(2027, 4, 28, 9, 30, tzinfo=AMS)),
    ],
    ids=["christmas", "easter-monday", "kings-day"],
)
def test_a_deadline_falling_on_a_public_holiday_moves_to_the_next_working_day(submitted, due):
    assert workflow.response_deadline(submitted, urgent=False) == due


def test_a_report_sent_on_christmas_eve_is_due_after_boxing_day(monkeypatch):
    from django.utils import timezone

    christmas_eve = datetime(2026, 12, 24, 15, 0, tzinfo=AMS)
    monkeypatch.setattr(timezone, "now", lambda: christmas_eve)
    incident = factories.submitted()
    assert incident.due_at == datetime(2026, 12, 28, 15, 0, tzinfo=AMS)
