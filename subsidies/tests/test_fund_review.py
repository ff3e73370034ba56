"""BZK's side of a fund application: a question through the notices, four eyes, a decision
per measure and the letter to the applicant alone (what already held for the fund, checked
end to end for an officeholder's own application)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import OfficeType
from accounts.tests import factories as people
from notifications import delivery
from notifications.models import Notification
from subsidies import actions
from subsidies.tests.test_home_measures_stay_private import fund_application
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db


def test_a_question_a_resubmission_four_eyes_and_a_decision_per_measure(mailoutbox):
    body = people.municipality()
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER, body=body)
    griffier = people.griffier(body=body)
    application = fund_application(alderman)
    reviewer, decider = people.triage_staff(), people.triage_staff()
    actions.application_transition(
        actor=reviewer, application=application, to_status=Status.IN_REVIEW
    )
    actions.application_transition(
        actor=reviewer,
        application=application,
        to_status=Status.INFO_REQUESTED,
        reason="Stuur ook het advies van de politie mee.",
    )
    [question] = Notification.objects.filter(kind="subsidies.info_requested")
    assert (question.recipient, delivery.deliver(question.pk)) == (alderman, "sent")
    assert "advies van de politie" not in mailoutbox[-1].body

    actions.application_save_lines(
        actor=alderman,
        application=application,
        step=2,
        lines=[
            {"kind": "home_security", "description": "Camera", "cost": Decimal("3000.00")},
            {"kind": "alarm", "description": "Alarm", "cost": Decimal("1500.00")},
        ],
    )
    actions.application_submit(actor=alderman, application=application)
    actions.application_transition(
        actor=reviewer, application=application, to_status=Status.IN_REVIEW
    )
    actions.assessment_record(
        actor=reviewer,
        application=application,
        body_eligible=True,
        measures_eligible=True,
        attachments_complete=True,
        costs_reasonable=False,
        score=3,
        advice="partly",
    )
    camera, alarm = application.lines.order_by("position")
    with pytest.raises(ValidationError, match="vier ogen"):
        actions.application_decide(
            actor=reviewer,
            application=application,
            outcome=Status.PARTLY_GRANTED,
            amounts={camera.pk: Decimal("2000.00"), alarm.pk: Decimal("1500.00")},
        )
    decision = actions.application_decide(
        actor=decider,
        application=application,
        outcome=Status.PARTLY_GRANTED,
        amounts={camera.pk: Decimal("2000.00"), alarm.pk: Decimal("1500.00")},
    )
    assert decision.granted_total == Decimal("3500.00")
    assert {m.line_id: m.amount for m in decision.measures.all()} == {
        camera.pk: Decimal("2000.00"),
        alarm.pk: Decimal("1500.00"),
    }
    actions.decision_send(actor=decider, decision=decision)
    [sent] = Notification.objects.filter(kind="subsidies.decision")
    assert sent.recipient == alderman
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert griffier.pk not in recipients
