"""subsidies/privacy.py: what names or describes a person leaves an application
GRANT_APPLICATION_KEEP_DAYS after it ended, and a fund application of an erased person at once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.retention import apply_retention
from subsidies import actions
from subsidies.models import ApplicationEvent, GrantApplication, GrantScheme
from subsidies.privacy import GRANT_APPLICATION_KEEP_DAYS
from subsidies.tests import factories
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def ended(days_ago, municipality="GM0344"):
    """A griffie's application, rejected `days_ago`."""
    griffier = people.griffier(body=people.municipality(municipality))
    application = factories.decided(outcome=Status.REJECTED, griffier=griffier).application
    ApplicationEvent.objects.filter(application=application).update(
        at=timezone.now() - timedelta(days=days_ago)
    )
    return GrantApplication.objects.get(pk=application.pk)


def fund_application(owner):
    body = owner.role_assignments.get().body
    scheme = GrantScheme.objects.get(slug="fonds-beveiligingsmaatregelen")
    application = actions.application_start(actor=owner, scheme=scheme, body=body)
    actions.application_save_step(
        actor=owner,
        application=application,
        step=1,
        data={"current_situation": "Onze woning ligt aan een doodlopende weg."},
    )
    actions.application_save_lines(
        actor=owner,
        application=application,
        step=2,
        lines=[{"kind": "alarm", "description": "Alarm bij de achterdeur", "cost": Decimal("9")}],
    )
    actions.attachment_add(
        actor=owner, application=application, kind="quote", uploaded_file=factories.pdf_upload()
    )
    return GrantApplication.objects.get(pk=application.pk)


def test_an_ended_griffie_application_loses_its_contact_and_incidents_after_the_period(media):
    old = ended(days_ago=GRANT_APPLICATION_KEEP_DAYS + 1)
    recent = ended(days_ago=GRANT_APPLICATION_KEEP_DAYS - 1, municipality="GM0363")
    assert old.revisions.get().snapshot["contact_name"] == "Fatima El Amrani"

    assert apply_retention()["applications_anonymised"] == 1
    assert apply_retention()["applications_anonymised"] == 0

    old.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.contact_phone, old.incidents) == ("",) * 4
    snapshot = old.revisions.get().snapshot
    assert "contact_name" not in snapshot and "incidents" not in snapshot
    # The public-money record stays: the room, the measures, the amounts, the decision.
    assert old.current_situation and old.lines.exists() and old.decision.outcome
    assert old.attachments.exists()
    recent.refresh_from_db()
    assert recent.contact_name == "Fatima El Amrani" and recent.incidents


def test_an_erasure_empties_the_persons_fund_application_and_deletes_its_files(media):
    owner = people.officeholder()
    application = fund_application(owner)
    stored = media / application.attachments.get().file.name
    assert stored.exists()
    untouched = factories.draft(griffier=people.griffier(body=people.municipality("GM0363")))
    ErasureRequest.objects.create(
        user=owner,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )

    assert apply_retention()["erasures"] == 1

    application.refresh_from_db()
    assert application.current_situation == ""
    assert list(application.lines.values_list("description", "cost")) == [("", Decimal("9.00"))]
    assert not application.attachments.exists() and not stored.exists()
    untouched.refresh_from_db()
    assert untouched.current_situation and untouched.contact_name


def test_an_erasure_removes_the_person_as_contact_of_a_griffie_application():
    application = factories.submitted()
    person = people.officeholder(email="griffie@example.test")  # the contact address
    ErasureRequest.objects.create(
        user=person,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )

    apply_retention()

    application.refresh_from_db()
    assert (application.contact_name, application.contact_email) == ("", "")
    assert "contact_email" not in application.revisions.get().snapshot
    assert application.incidents  # the griffie's content is not the person's
