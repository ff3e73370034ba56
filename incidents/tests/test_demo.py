"""The demo cases `make run` shows: built through the actions, idempotent."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from incidents import concerned
from incidents.models import ConcernedConsent, Incident, ReportedFor
from incidents.workflow import Status
from monitor import demo as monitor_demo
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_officeholders_cases_and_staff_a_queue(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    mayor = User.objects.get(email="burgemeester@demo.test")
    councillor = User.objects.get(email="raadslid@demo.test")
    staff = User.objects.get(email="bzk@demo.test")
    support = User.objects.get(email="ondersteuning@demo.test")
    colleague = User.objects.get(email="collega@demo.test")
    assert sorted(Incident.objects.filter(reporter=mayor).values_list("status", flat=True)) == [
        Status.ACKNOWLEDGED,
        Status.DRAFT,
        Status.NEW,  # on the alderman's behalf
    ]
    sent = Incident.objects.get(reporter=councillor)
    assert sent.status == Status.NEW
    assert sorted(sent.evidence.values_list("content_type", flat=True)) == [
        "audio/amr",
        "image/png",
    ]
    # Besides these two, the monitor's demo history adds reports by demo officeholders.
    demo_cases = Incident.objects.filter(reporter__in=[mayor, councillor, colleague])
    assert demo_cases.visible_to(staff).count() == 4
    assert Incident.objects.visible_to(staff).count() == 4 + monitor_demo.REPORTS
    assert Incident.objects.visible_to(support).count() == 1
    assert Notification.objects.filter(recipient=support).exists()


def test_seed_demo_shows_a_witness_report_and_one_on_behalf(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    mayor = User.objects.get(email="burgemeester@demo.test")
    colleague = User.objects.get(email="collega@demo.test")
    witnessed = Incident.objects.get(reporter=colleague)
    assert (witnessed.reported_for, witnessed.concerned_person) == (ReportedFor.WITNESS, mayor)
    assert witnessed.concerned_consent == ConcernedConsent.ASKED
    on_behalf = Incident.objects.get(reporter=mayor, reported_for=ReportedFor.ON_BEHALF)
    assert on_behalf.concerned_person == colleague
    assert on_behalf.concerned_consent == ConcernedConsent.GIVEN
    assert [case.pk for case in concerned.cases_concerning(mayor)] == [witnessed.pk]
    assert [case.pk for case in concerned.cases_concerning(colleague)] == [on_behalf.pk]


def test_seed_demo_shows_a_deployment_record_and_a_planned_preparation(settings):
    from incidents.models import Deployment, PreparationRequest, PreparationStatus

    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    support = User.objects.get(email="ondersteuning@demo.test")
    on_case = Deployment.objects.get(incident__reporter__email="burgemeester@demo.test")
    assert on_case.kind == "aftercare" and on_case.agreements
    assert list(on_case.members.all()) == [support]
    preparation = PreparationRequest.objects.get(requester__email="griffier@demo.test")
    assert preparation.status == PreparationStatus.PLANNED and preparation.scenario
    assert list(preparation.deployments.get().members.all()) == [support]
    # A meeting of the mayor's that is done, with consent to a practice drafted by BZK.
    done = PreparationRequest.objects.get(requester__email="burgemeester@demo.test")
    assert done.status == PreparationStatus.DONE and done.practice_consent == "given"
    assert done.practice.status == "draft" and done.practice.kind == "practice"
