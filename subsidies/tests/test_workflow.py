"""Every transition: allowed for the right party, refused for the wrong one, with an event row."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests import factories as people
from subsidies import actions, workflow
from subsidies.models import ApplicationEvent
from subsidies.tests import factories
from subsidies.workflow import Status, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def last_event(application):
    return ApplicationEvent.objects.filter(application=application).latest("at", "pk")


def test_the_table_names_a_party_for_every_move_and_nothing_else():
    assert workflow.who_may(Status.DRAFT, Status.SUBMITTED) == {workflow.APPLICANT}
    assert workflow.who_may(Status.SUBMITTED, Status.IN_REVIEW) == {workflow.STAFF}
    assert workflow.who_may(Status.DRAFT, Status.GRANTED) == frozenset()
    assert workflow.who_may(Status.CLOSED, Status.DRAFT) == frozenset()
    assert all(len(parties) == 1 for parties in workflow.TRANSITIONS.values())
    assert workflow.TRANSITIONS.parties == {workflow.APPLICANT, workflow.STAFF}


def test_griffier_submits_a_draft_and_an_event_records_it():
    application = factories.draft()
    actions.application_submit(actor=application.created_by, application=application)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.reference.startswith("VV-")
    event = last_event(application)
    assert (event.actor, event.from_status, event.to_status) == (
        application.created_by,
        Status.DRAFT,
        Status.SUBMITTED,
    )


def test_griffier_of_another_body_cannot_submit():
    application = factories.draft()
    stranger = people.griffier(body=people.municipality("GM0363"))
    with pytest.raises(TransitionNotAllowed):
        actions.application_submit(actor=stranger, application=application)
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert not application.events.exists()


def test_staff_cannot_submit_for_the_griffier():
    application = factories.draft()
    with pytest.raises(TransitionNotAllowed):
        actions.application_submit(actor=people.triage_staff(), application=application)


def test_an_incomplete_draft_is_refused_with_dutch_reasons():
    griffier = people.griffier()
    application = actions.application_start(
        actor=griffier, scheme=factories.veilig_vergaderen(), body=people.municipality()
    )
    with pytest.raises(ValidationError) as error:
        actions.application_submit(actor=griffier, application=application)
    messages = " ".join(error.value.messages)
    assert "ten minste één maatregel" in messages
    assert "Plattegrond" in messages


def test_a_request_above_the_maximum_per_applicant_is_refused():
    application = factories.draft(costs=("149999.99", "0.02"))
    with pytest.raises(ValidationError, match="150.000,00"):
        actions.application_submit(actor=application.created_by, application=application)


def test_staff_start_the_review_and_the_griffier_cannot():
    application = factories.submitted()
    with pytest.raises(TransitionNotAllowed):
        actions.application_transition(
            actor=application.created_by, application=application, to_status=Status.IN_REVIEW
        )
    staff = people.triage_staff()
    actions.application_transition(actor=staff, application=application, to_status=Status.IN_REVIEW)
    event = last_event(application)
    assert (event.actor, event.to_status) == (staff, Status.IN_REVIEW)


def test_asking_for_information_needs_a_reason_and_records_it():
    application = factories.in_review()
    staff = people.triage_staff()
    with pytest.raises(ValidationError):
        actions.application_transition(
            actor=staff, application=application, to_status=Status.INFO_REQUESTED
        )
    actions.application_transition(
        actor=staff,
        application=application,
        to_status=Status.INFO_REQUESTED,
        reason="Graag een tweede offerte.",
    )
    assert last_event(application).reason == "Graag een tweede offerte."


def test_after_a_request_the_griffier_edits_and_resubmits_as_a_new_revision():
    application = factories.in_review()
    staff = people.triage_staff()
    actions.application_transition(
        actor=staff, application=application, to_status=Status.INFO_REQUESTED, reason="Offerte"
    )
    griffier = application.created_by
    actions.application_save_step(
        actor=griffier, application=application, step=3, data={"planning": "Na het reces."}
    )
    actions.application_submit(actor=griffier, application=application)
    application.refresh_from_db()
    assert application.status == Status.RESUBMITTED
    assert list(application.revisions.values_list("number", flat=True)) == [1, 2]
    from subsidies.selectors import revision_history

    history, _revisions = revision_history(application)
    assert history[0]["changes"] == [("Planning", "Voor het zomerreces klaar.", "Na het reces.")]
    actions.application_transition(actor=staff, application=application, to_status=Status.IN_REVIEW)
    assert last_event(application).from_status == Status.RESUBMITTED


def test_a_submitted_application_cannot_be_edited():
    application = factories.submitted()
    with pytest.raises(TransitionNotAllowed):
        actions.application_save_step(
            actor=application.created_by,
            application=application,
            step=1,
            data={"current_situation": "Anders"},
        )


def test_status_cannot_be_set_through_the_step_form():
    application = factories.draft()
    actions.application_save_step(
        actor=application.created_by,
        application=application,
        step=1,
        data={"status": Status.GRANTED, "requested_total": Decimal("1")},
    )
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert application.requested_total == Decimal("15000.50")


def test_illegal_moves_are_refused():
    application = factories.submitted()
    staff = people.triage_staff()
    for target in (Status.CLOSED, Status.PAID, Status.DRAFT):
        with pytest.raises(TransitionNotAllowed):
            actions.application_transition(actor=staff, application=application, to_status=target)


def test_rejected_application_can_be_closed_by_staff_only():
    decision = factories.decided(outcome=Status.REJECTED)
    application = decision.application
    with pytest.raises(TransitionNotAllowed):
        actions.application_transition(
            actor=application.created_by, application=application, to_status=Status.CLOSED
        )
    actions.application_transition(
        actor=people.triage_staff(), application=application, to_status=Status.CLOSED
    )
    assert last_event(application).to_status == Status.CLOSED


def test_payment_account_and_close():
    decision = factories.decided()
    application = decision.application
    staff = people.triage_staff()
    with pytest.raises(TransitionNotAllowed):
        actions.application_mark_paid(actor=application.created_by, application=application)
    actions.application_mark_paid(actor=staff, application=application)
    application.refresh_from_db()
    assert application.status == Status.PAID
    assert application.paid_amount == Decimal("15000.50")
    with pytest.raises(TransitionNotAllowed):
        actions.account_approve(actor=staff, application=application)
    with pytest.raises(PermissionDenied):
        actions.account_submit(
            actor=people.griffier(body=people.municipality("GM0363")),
            application=application,
            what_was_done="x",
            actual_costs=Decimal("1"),
            lessons="y",
        )
    actions.account_submit(
        actor=application.created_by,
        application=application,
        what_was_done="Nieuwe indeling van de zaal.",
        actual_costs=Decimal("14000.00"),
        lessons="Betrek de bodes vroeg.",
    )
    with pytest.raises(TransitionNotAllowed):
        actions.account_approve(actor=application.created_by, application=application)
    account = actions.account_approve(actor=staff, application=application)
    assert account.approved_by == staff
    assert last_event(application).to_status == Status.ACCOUNTED
    actions.application_transition(actor=staff, application=application, to_status=Status.CLOSED)
    application.refresh_from_db()
    assert application.status == Status.CLOSED


def test_lessons_are_shaped_as_a_knowledge_base_practice():
    from subsidies.selectors import practice_from_account

    decision = factories.decided()
    application = decision.application
    staff = people.triage_staff()
    actions.application_mark_paid(actor=staff, application=application)
    account = actions.account_submit(
        actor=application.created_by,
        application=application,
        what_was_done="De tribune staat nu achter glas.\nEn er is een tweede uitgang.",
        actual_costs=Decimal("14999.99"),
        lessons="Betrek de bodes en de politie vroeg.",
    )
    practice = practice_from_account(account)
    assert practice["title"] == "Veilig vergaderen in Utrecht"
    assert practice["summary"] == "De tribune staat nu achter glas."
    assert "Betrek de bodes en de politie vroeg." in practice["body"]
    assert practice["scheme_name"] == "Veilig Vergaderen"
    assert practice["government_body"] == application.body
