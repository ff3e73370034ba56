"""network/privacy.py: a join request's motivation is emptied JOIN_REQUEST_KEEP_DAYS after it
was decided; an erasure deletes the person's join requests and feedback and ends memberships."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.retention import apply_retention
from network import actions
from network.models import Feedback, JoinRequest, Membership
from network.privacy import JOIN_REQUEST_KEEP_DAYS
from network.tests import factories

pytestmark = pytest.mark.django_db


def test_a_join_requests_motivation_is_emptied_after_the_period():
    organisation = factories.organisation()
    old = actions.join_request_create(
        actor=people.officeholder(), organisation=organisation, motivation="Ik ben bedreigd."
    )
    recent = actions.join_request_create(
        actor=people.officeholder(), organisation=organisation, motivation="Graag lid."
    )
    JoinRequest.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - timedelta(days=JOIN_REQUEST_KEEP_DAYS + 1)
    )

    assert apply_retention()["join_requests_anonymised"] == 1
    assert apply_retention()["join_requests_anonymised"] == 0

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.motivation, old.user_id) == ("", old.user_id)
    assert recent.motivation == "Graag lid."


def test_an_erasure_removes_join_requests_and_feedback_and_ends_memberships():
    person = factories.member()
    other = factories.member()
    item = factories.item()
    for someone in (person, other):
        actions.feedback_record(actor=someone, item=item, useful=True)
        actions.join_request_create(
            actor=someone, organisation=factories.organisation("vng"), motivation="Graag."
        )
    ErasureRequest.objects.create(
        user=person,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )

    assert apply_retention()["erasures"] == 1

    assert not JoinRequest.objects.filter(user=person).exists()
    assert not Feedback.objects.filter(user=person).exists()
    assert not Membership.objects.active().filter(user=person).exists()
    assert JoinRequest.objects.filter(user=other).exists()
    assert Feedback.objects.filter(user=other).exists()
    assert Membership.objects.active().filter(user=other).exists()
