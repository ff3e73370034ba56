"""`notifications_about`: the notices of one object with their attempts, from SQL compiled once
per process; what it gives must be what the ORM reads."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.tests import factories as people
from incidents.tests import factories
from notifications.models import DeliveryAttempt, Notification, Outcome, State
from notifications.selectors import notifications_about

pytestmark = pytest.mark.django_db


def _notice(incident, key, **fields):
    return Notification.objects.create(
        kind="incidents.submitted",
        key=key,
        content_type=ContentType.objects.get_for_model(incident),
        object_id=incident.pk,
        **fields,
    )


def test_the_notices_of_an_object_are_the_orms_rows_with_their_attempts_in_order():
    incident, other = factories.submitted(), factories.submitted()
    Notification.objects.all().delete()
    person = people.triage_staff()
    to_person = _notice(incident, "a", recipient=person, state=State.RETRYING, attempts=2)
    to_address = _notice(incident, "b", address="<eigen>@example.org", last_error="Timeout")
    _notice(other, "c", recipient=person)  # another case's
    started = timezone.now()
    for number, outcome in ((2, Outcome.ACCEPTED), (1, Outcome.FAILED)):
        DeliveryAttempt.objects.create(
            notification=to_person, number=number, started_at=started, outcome=outcome
        )
    found = notifications_about(incident)
    assert [notice.pk for notice in found] == [to_person.pk, to_address.pk]
    for notice in found:
        expected = Notification.objects.get(pk=notice.pk)
        for field in Notification._meta.concrete_fields:
            assert getattr(notice, field.attname) == getattr(expected, field.attname), field
    assert str(found[0].recipient) == str(person) and found[1].recipient is None
    assert found[1].address == "<eigen>@example.org"  # decrypted
    assert [a.number for a in found[0].delivery_attempts.all()] == [1, 2]
    assert [a.outcome for a in found[0].delivery_attempts.all()] == ["failed", "accepted"]
    assert list(found[1].delivery_attempts.all()) == []
    assert notifications_about(other)[0].key == "c"  # the same SQL, another id
