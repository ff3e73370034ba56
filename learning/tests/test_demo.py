import io

import pytest
from django.core.management import call_command

from accounts.models import User
from learning.models import Meeting, MeetingRegistration, ParticipationRequest, RequestStatus
from learning.selectors import participants, seat_of

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_learning_network_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    names = {row.name for row in participants()}
    assert "Gemeente Utrecht" in names
    assert {"StatenlidNu", "Vereniging van Griffiers"} <= names
    griffier = User.objects.get(email="griffier@demo.test")
    assert seat_of(griffier).managed_body_ids
    assert seat_of(User.objects.get(email="wethouder@demo.test")).takes_part
    assert seat_of(User.objects.get(email="partner@demo.test")).takes_part
    assert ParticipationRequest.objects.get().status == RequestStatus.PENDING
    upcoming, earlier = Meeting.objects.order_by("-starts_at")
    assert set(
        MeetingRegistration.objects.filter(meeting=upcoming).values_list("user__email", flat=True)
    ) == {"griffier@demo.test", "partner@demo.test"}
    assert "Wat we leerden" in earlier.report_html
    assert earlier.report_by.email == "bzk@demo.test" and earlier.practice_consent_at
    call_command("seed_demo", stdout=io.StringIO())
    assert Meeting.objects.count() == 2
    assert ParticipationRequest.objects.count() == 1
