"""Four-eyes, granted amounts per measure, the budget guard, the ZGW dates."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.tests import factories as people
from government.models import GovernmentBody
from subsidies import actions
from subsidies.models import GrantScheme
from subsidies.tests import factories
from subsidies.workflow import Status, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def test_the_reviewer_cannot_decide():
    reviewer = people.triage_staff()
    application = factories.assessed(reviewer=reviewer)
    with pytest.raises(ValidationError, match="vier ogen"):
        actions.application_decide(
            actor=reviewer, application=application, outcome=Status.GRANTED, amounts={}
        )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_no_decision_without_an_assessment():
    application = factories.in_review()
    with pytest.raises(ValidationError, match="nog niet beoordeeld"):
        actions.application_decide(
            actor=people.triage_staff(), application=application, outcome=Status.GRANTED, amounts={}
        )


def test_a_griffier_cannot_decide():
    application = factories.assessed()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.application_decide(
            actor=application.created_by,
            application=application,
            outcome=Status.GRANTED,
            amounts={},
        )


def test_a_full_grant_grants_every_line_and_records_the_event():
    decision = factories.decided()
    assert decision.granted_total == Decimal("15000.50")
    assert [m.amount for m in decision.measures.all()] == [Decimal("12500.00"), Decimal("2500.50")]
    application = decision.application
    application.refresh_from_db()
    assert application.status == Status.GRANTED
    event = application.events.latest("at", "pk")
    assert (event.actor, event.to_status) == (decision.decided_by, Status.GRANTED)


def test_a_partial_grant_adds_the_amounts_per_measure_exactly():
    application = factories.assessed(costs=("0.10", "0.20", "1000.00"))
    lines = list(application.lines.all())
    decision = actions.application_decide(
        actor=people.triage_staff(),
        application=application,
        outcome=Status.PARTLY_GRANTED,
        amounts={lines[0].pk: Decimal("0.10"), lines[1].pk: Decimal("0.20")},
    )
    # Decimal, not float: 0.1 + 0.2 is exactly 0.30.
    assert decision.granted_total == Decimal("0.30")


def test_a_partial_grant_cannot_exceed_the_cost_of_a_line():
    application = factories.assessed()
    line = application.lines.first()
    with pytest.raises(ValidationError):
        actions.application_decide(
            actor=people.triage_staff(),
            application=application,
            outcome=Status.PARTLY_GRANTED,
            amounts={line.pk: line.cost + Decimal("0.01")},
        )


def test_a_partial_grant_of_everything_is_refused():
    application = factories.assessed()
    with pytest.raises(ValidationError, match="kies dan 'Toegekend'"):
        actions.application_decide(
            actor=people.triage_staff(),
            application=application,
            outcome=Status.PARTLY_GRANTED,
            amounts={line.pk: line.cost for line in application.lines.all()},
        )


def test_a_rejection_grants_nothing():
    decision = factories.decided(outcome=Status.REJECTED)
    assert decision.granted_total == 0
    assert not decision.measures.exists()


def test_deciding_twice_is_refused():
    decision = factories.decided()
    with pytest.raises(TransitionNotAllowed):
        actions.application_decide(
            actor=people.triage_staff(),
            application=decision.application,
            outcome=Status.REJECTED,
            amounts={},
        )


def test_the_budget_guard_refuses_a_grant_above_the_ceiling():
    scheme = factories.veilig_vergaderen()
    GrantScheme.objects.filter(pk=scheme.pk).update(budget_ceiling=Decimal("20000.00"))
    factories.decided(costs=("15000.00",))
    second = factories.assessed(
        griffier=people.griffier(body=people.municipality("GM0363")), costs=("5000.01",)
    )
    with pytest.raises(actions.BudgetExceeded, match="5.000,00"):
        actions.application_decide(
            actor=people.triage_staff(), application=second, outcome=Status.GRANTED, amounts={}
        )
    # A rejection is always possible, and exactly the remainder still fits.
    third = factories.assessed(
        griffier=people.griffier(body=people.municipality("GM0014")), costs=("5000.00",)
    )
    actions.application_decide(
        actor=people.triage_staff(), application=third, outcome=Status.GRANTED, amounts={}
    )


def test_the_cohort_never_exceeds_its_size():
    scheme = factories.veilig_vergaderen()
    GrantScheme.objects.filter(pk=scheme.pk).update(cohort_size=1)
    factories.decided()
    second = factories.assessed(griffier=people.griffier(body=people.municipality("GM0363")))
    with pytest.raises(actions.BudgetExceeded, match="vol"):
        actions.application_decide(
            actor=people.triage_staff(), application=second, outcome=Status.GRANTED, amounts={}
        )


def test_the_objection_deadline_is_six_weeks_after_sending():
    decision = factories.decided()
    decision = actions.decision_send(actor=people.triage_staff(), decision=decision)
    assert decision.objection_deadline == decision.send_date + timedelta(weeks=6)
    assert decision.effective_date == decision.decision_date


def test_one_application_per_body_per_scheme():
    application = factories.draft()
    with pytest.raises(ValidationError, match="al een aanvraag"):
        actions.application_start(
            actor=application.created_by, scheme=application.scheme, body=application.body
        )


def test_a_water_board_cannot_apply_and_a_closed_scheme_takes_nothing():
    board = GovernmentBody.objects.water_boards().first()
    griffier = people.with_role(people.UserFactory(), "griffier", "", board)
    with pytest.raises(ValidationError, match="geen aanvraag"):
        actions.application_start(actor=griffier, scheme=factories.veilig_vergaderen(), body=board)
    scheme = factories.veilig_vergaderen()
    GrantScheme.objects.filter(pk=scheme.pk).update(opens_on="2020-01-01", closes_on="2020-12-31")
    scheme.refresh_from_db()
    with pytest.raises(ValidationError, match="niet open"):
        actions.application_start(
            actor=people.griffier(), scheme=scheme, body=people.municipality()
        )
