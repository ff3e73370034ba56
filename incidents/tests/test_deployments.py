"""Deployment records of the Ondersteuningsteam, preparation support before a tense meeting,
and the calendar: who sees what (owner, a colleague, an outsider), and what staff record."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import OfficeType
from accounts.tests import factories as people
from audit.models import AccessEntry
from incidents import actions
from incidents.deployments import actions as deployment_actions
from incidents.models import (
    Deployment,
    DeploymentKind,
    EventKind,
    Message,
    PreparationRequest,
    PreparationStatus,
    SupportDeployment,
)
from incidents.tests import factories
from incidents.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

LOCAL = "%Y-%m-%dT%H:%M"


def _page(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


# --- deployment records on a case -------------------------------------------------------------


def test_the_deploy_action_starts_a_record_and_feeds_it_with_the_next_member():
    incident = factories.submitted()
    staff = people.triage_staff()
    first, second = people.support_team_member(), people.support_team_member()
    actions.incident_deploy(actor=staff, incident=incident, member=first)
    actions.incident_deploy(actor=staff, incident=incident, member=second)
    record = Deployment.objects.get(incident=incident)
    assert set(record.members.all()) == {first, second}
    assert record.kind == "" and record.created_by == staff


def test_staff_record_a_deployment_on_a_case_that_deploys_its_members(client):
    incident = factories.submitted()
    staff, member = people.triage_staff(), people.support_team_member(full_name="Ria Nazorg")
    client.force_login(staff)
    start = timezone.localtime() + timedelta(days=2)
    response = client.post(
        reverse("deployments:create_for_case", args=[incident.pk]),
        {
            "kind": DeploymentKind.ON_LOCATION,
            "members": [member.pk],
            "place": "Gemeentehuis, Markt 1",
            "starts_at": start.strftime(LOCAL),
            "ends_at": (start + timedelta(hours=2)).strftime(LOCAL),
            "what_was_done": "Gesprek met de burgemeester en haar partner.",
            "outcome": "Rust.",
            "agreements": "Over een week bellen.",
        },
    )
    record = Deployment.objects.get(incident=incident)
    assert response.status_code == 302
    assert response["Location"] == reverse("deployments:detail", args=[record.pk])
    assert record.kind == DeploymentKind.ON_LOCATION and list(record.members.all()) == [member]
    # Deployed through the case's own action: access, event, stappenplan.
    assert SupportDeployment.objects.filter(incident=incident, member=member).exists()
    assert incident.events.filter(kind=EventKind.DEPLOYED, to_value=str(member.pk)).exists()
    # Free text is ciphertext at rest.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT place, what_was_done, outcome, agreements FROM incidents_deployment "
            "WHERE id = %s",
            [record.pk],
        )
        raw = cursor.fetchone()
    assert "Markt" not in raw[0] and "burgemeester" not in raw[1] and "week" not in raw[3]
    html = client.get(response["Location"]).content.decode()
    assert "Gemeentehuis, Markt 1" in html and "Over een week bellen." in html


def test_staff_edit_a_record_and_add_a_member_without_removing_the_first():
    incident = factories.submitted()
    staff, first, second = (
        people.triage_staff(),
        people.support_team_member(),
        people.support_team_member(),
    )
    actions.incident_deploy(actor=staff, incident=incident, member=first)
    record = Deployment.objects.get(incident=incident)
    deployment_actions.deployment_update(
        actor=staff,
        deployment=record,
        data={"kind": DeploymentKind.AFTERCARE, "outcome": "Doorverwezen naar Arq."},
        members=[second],
    )
    record.refresh_from_db()
    assert record.kind == DeploymentKind.AFTERCARE and record.outcome == "Doorverwezen naar Arq."
    assert set(record.members.all()) == {first, second}
    assert SupportDeployment.objects.filter(incident=incident).count() == 2


def test_only_staff_write_records_and_never_on_their_own_report():
    staff_reporter = people.triage_staff()
    people.with_role(staff_reporter, "officeholder", OfficeType.WETHOUDER, people.municipality())
    own = factories.submitted(staff_reporter)
    for actor, incident in (
        (staff_reporter, own),
        (people.support_team_member(), factories.submitted()),
        (factories.reporter(), factories.submitted()),
    ):
        with pytest.raises(PermissionDenied):
            deployment_actions.deployment_create(
                actor=actor, incident=incident, data={}, members=[]
            )


def test_a_closed_case_gets_no_new_deployment():
    staff = people.triage_staff()
    incident = factories.reach("closed", staff=staff)
    with pytest.raises(TransitionNotAllowed):
        deployment_actions.deployment_create(actor=staff, incident=incident, data={}, members=[])


def test_a_deployed_member_sees_the_reporters_block_and_messages_the_reporter(client):
    incident = factories.submitted(
        factories.reporter(full_name="Bea Burgemeester"),
        contact_preference="phone",
        contact_phone="06 12345678",
    )
    member = people.support_team_member()
    actions.incident_deploy(actor=people.triage_staff(), incident=incident, member=member)
    html = _page(client, member, "incidents:detail", incident.pk).content.decode()
    block = html[html.index(">Melder<") :]
    assert "Bea Burgemeester" in block and "Burgemeester" in block
    assert incident.reporter.email in block and 'href="tel:06 12345678"' in block
    assert "Versturen aan de melder" in html
    url = reverse("incidents:message", args=[incident.pk])
    confirm = client.post(url, {"message-body": "Ik bel u vanmiddag."}).content.decode()
    token = re.search(r'name="confirmation" value="([^"]+)"', confirm).group(1)
    client.post(
        url, {"message-body": "Ik bel u vanmiddag.", "confirmation": token, "action": "send"}
    )
    assert Message.objects.get(incident=incident).author == member
    # The reporter reads it, from the network, without the member's name.
    html = _page(client, incident.reporter, "incidents:detail", incident.pk).content.decode()
    assert "Ik bel u vanmiddag." in html and escape(str(member)) not in html


def test_a_member_not_deployed_gets_a_404_for_the_case_and_everything_of_it(client):
    incident = factories.submitted()
    staff, deployed = people.triage_staff(), people.support_team_member()
    actions.incident_deploy(actor=staff, incident=incident, member=deployed)
    record = Deployment.objects.get(incident=incident)
    other_case = factories.submitted()
    outsider = people.support_team_member()
    actions.incident_deploy(actor=staff, incident=other_case, member=outsider)
    client.force_login(outsider)
    for name, args in (
        ("incidents:detail", [incident.pk]),
        ("incidents:dossier", [incident.pk]),
        ("deployments:case_records", [incident.pk]),
        ("deployments:create_for_case", [incident.pk]),
        ("deployments:detail", [record.pk]),
        ("deployments:edit", [record.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    response = client.post(reverse("incidents:message", args=[incident.pk]), {"message-body": "x"})
    assert response.status_code == 404
    # Their own case they do see.
    assert client.get(reverse("deployments:case_records", args=[other_case.pk])).status_code == 200


def test_the_records_page_for_staff_and_the_deployed_member_not_the_reporter(client):
    incident = factories.submitted()
    member = people.support_team_member()
    actions.incident_deploy(actor=people.triage_staff(), incident=incident, member=member)
    record = Deployment.objects.get(incident=incident)
    page = _page(client, member, "deployments:case_records", incident.pk)
    assert page.status_code == 200
    assert reverse("deployments:detail", args=[record.pk]) in page.content.decode()
    assert "Inzet vastleggen" not in page.content.decode()  # the member reads, staff write
    assert _page(client, member, "deployments:detail", record.pk).status_code == 200
    assert AccessEntry.objects.for_object(incident).filter(actor=member).exists()
    for name, pk in (("deployments:case_records", incident.pk), ("deployments:detail", record.pk)):
        assert _page(client, incident.reporter, name, pk).status_code == 404


# --- preparation support ----------------------------------------------------------------------


def _preparation_data(**changes):
    return {
        "meeting_starts_at": (timezone.localtime() + timedelta(days=10)).strftime(LOCAL),
        "place": "Raadzaal, Markt 1",
        "subject": "Besluit over de opvang van asielzoekers",
        "expected_attendance": "250",
        "earlier_incidents": "Vorige keer werd de vergadering verstoord.",
        **changes,
    }


def _preparation(requester=None):
    requester = requester or people.griffier()
    data = _preparation_data()
    data["meeting_starts_at"] = timezone.now() + timedelta(days=10)
    data["expected_attendance"] = 250
    return deployment_actions.preparation_request(actor=requester, data=data)


def test_a_griffier_files_a_preparation_request_for_their_body(client):
    griffier = people.griffier()
    client.force_login(griffier)
    response = client.post(reverse("deployments:preparation_start"), _preparation_data())
    preparation = PreparationRequest.objects.get()
    assert response.status_code == 302
    assert preparation.requester == griffier and preparation.status == PreparationStatus.REQUESTED
    assert preparation.body == griffier.role_assignments.get().body
    with connection.cursor() as cursor:
        cursor.execute("SELECT subject FROM incidents_preparationrequest")
        assert "asielzoekers" not in cursor.fetchone()[0]


def test_a_mayor_may_ask_an_alderman_may_not(client):
    mayor = factories.reporter()  # a burgemeester
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER)
    assert _page(client, mayor, "deployments:preparation_start").status_code == 200
    assert _page(client, alderman, "deployments:preparation_start").status_code == 404
    listed = _page(client, alderman, "deployments:preparations").content.decode()
    assert "De burgemeester of de griffier vraagt" in listed
    assert reverse("deployments:preparation_start") not in listed
    assert (
        _page(client, people.support_team_member(), "deployments:preparation_start").status_code
        == 404
    )


def test_a_meeting_in_the_past_is_refused_with_a_dutch_message(client):
    client.force_login(people.griffier())
    past = (timezone.localtime() - timedelta(days=1)).strftime(LOCAL)
    response = client.post(
        reverse("deployments:preparation_start"), _preparation_data(meeting_starts_at=past)
    )
    assert (
        response.status_code == 200
        and "Kies een vergadering die nog moet komen." in response.content.decode()
    )
    assert not PreparationRequest.objects.exists()


def test_who_sees_a_preparation_request(client):
    griffier = people.griffier()
    preparation = _preparation(griffier)
    staff, member, outsider = (
        people.triage_staff(),
        people.support_team_member(),
        people.support_team_member(),
    )
    deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={"kind": "on_location"}, members=[member]
    )
    colleague = people.griffier(body=griffier.role_assignments.get().body)
    mayor_elsewhere = factories.reporter()
    url = "deployments:preparation"
    for user, code in (
        (griffier, 200),
        (staff, 200),
        (member, 200),
        (outsider, 404),
        (colleague, 404),
        (mayor_elsewhere, 404),
        (people.partner(), 404),
    ):
        assert _page(client, user, url, preparation.pk).status_code == code, user
    for name in ("deployments:preparation_plan", "deployments:create_for_preparation"):
        assert _page(client, griffier, name, preparation.pk).status_code == 404
        assert _page(client, member, name, preparation.pk).status_code == 404
        assert _page(client, staff, name, preparation.pk).status_code == 200
    listed = _page(client, outsider, "deployments:preparations").content.decode()
    assert reverse(url, args=[preparation.pk]) not in listed
    # The requester sees who comes, without the record's own page.
    html = _page(client, griffier, url, preparation.pk).content.decode()
    assert escape(str(member)) in html and "Op locatie" in html
    record = preparation.deployments.get()
    assert reverse("deployments:detail", args=[record.pk]) not in html
    assert _page(client, griffier, "deployments:detail", record.pk).status_code == 404


def test_a_case_handler_reads_no_records_of_their_own_report(client):
    staff_reporter = people.triage_staff()
    people.with_role(staff_reporter, "officeholder", OfficeType.WETHOUDER, people.municipality())
    own = factories.submitted(staff_reporter)
    actions.incident_deploy(
        actor=people.triage_staff(), incident=own, member=people.support_team_member()
    )
    record = Deployment.objects.get(incident=own)
    assert _page(client, staff_reporter, "deployments:detail", record.pk).status_code == 404
    assert _page(client, staff_reporter, "deployments:case_records", own.pk).status_code == 404


def test_staff_plan_a_preparation_and_record_the_outcome_after_the_meeting(client):
    preparation = _preparation()
    staff = people.triage_staff()
    client.force_login(staff)
    response = client.post(
        reverse("deployments:preparation_plan", args=[preparation.pk]),
        {"scenario": "Verstoring: voorzitter schorst.", "agreements": "Politie in de buurt."},
    )
    assert response.status_code == 302
    preparation.refresh_from_db()
    assert preparation.status == PreparationStatus.PLANNED and preparation.planned_by == staff
    outcome_url = reverse("deployments:preparation_outcome", args=[preparation.pk])
    response = client.post(outcome_url, {"what_happened": "Rustig verlopen."})
    assert (
        response.status_code == 200
        and "De vergadering moet nog beginnen." in response.content.decode()
    )
    PreparationRequest.objects.filter(pk=preparation.pk).update(
        meeting_starts_at=timezone.now() - timedelta(hours=3)
    )
    assert client.post(outcome_url, {"what_happened": "Rustig verlopen."}).status_code == 302
    preparation.refresh_from_db()
    assert preparation.status == PreparationStatus.DONE
    assert preparation.what_happened == "Rustig verlopen."
    with pytest.raises(TransitionNotAllowed):
        deployment_actions.preparation_plan(
            actor=staff, preparation=preparation, scenario="x", agreements="y"
        )


# --- the calendar -----------------------------------------------------------------------------


def test_the_calendar_shows_a_member_their_own_and_staff_everything(client):
    staff = people.triage_staff()
    mine, theirs = people.support_team_member(), people.support_team_member()
    soon = timezone.now() + timedelta(hours=1)
    own_case, other_case = factories.submitted(), factories.submitted()
    own = deployment_actions.deployment_create(
        actor=staff, incident=own_case, data={"kind": "aftercare", "starts_at": soon},
        members=[mine],
    )  # fmt: skip
    other = deployment_actions.deployment_create(
        actor=staff, incident=other_case, data={"kind": "security", "starts_at": soon},
        members=[theirs],
    )  # fmt: skip
    preparation = _preparation()
    PreparationRequest.objects.filter(pk=preparation.pk).update(meeting_starts_at=soon)
    month = f"?maand={timezone.localtime(soon):%Y-%m}"
    client.force_login(mine)
    html = client.get(reverse("deployments:calendar") + month).content.decode()
    assert reverse("deployments:detail", args=[own.pk]) in html
    assert reverse("deployments:detail", args=[other.pk]) not in html
    assert reverse("deployments:preparation", args=[preparation.pk]) not in html
    assert own_case.reference in html and other_case.reference not in html
    client.force_login(staff)
    html = client.get(reverse("deployments:calendar") + month).content.decode()
    for url in (
        reverse("deployments:detail", args=[own.pk]),
        reverse("deployments:detail", args=[other.pk]),
        reverse("deployments:preparation", args=[preparation.pk]),
    ):
        assert url in html
    for user in (own_case.reporter, people.griffier(), people.partner()):
        assert _page(client, user, "deployments:calendar").status_code == 404


def test_the_calendar_costs_the_same_queries_however_many_entries(client):
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    staff = people.triage_staff()
    soon = timezone.now() + timedelta(hours=1)
    client.force_login(staff)
    url = reverse("deployments:calendar") + f"?maand={timezone.localtime(soon):%Y-%m}"

    def add(count):
        for _ in range(count):
            deployment_actions.deployment_create(
                actor=staff, incident=factories.submitted(), data={"starts_at": soon}, members=[]
            )
            deployment_actions.deployment_create(
                actor=staff, preparation=_preparation(), data={"starts_at": soon}, members=[]
            )

    def queries():
        client.get(url)  # the session and roles warm
        with CaptureQueriesContext(db) as context:
            assert client.get(url).status_code == 200
        return len(context)

    add(1)
    few = queries()
    add(5)
    assert queries() == few


def test_a_wrong_month_falls_back_to_this_month(client):
    client.force_login(people.triage_staff())
    for value in ("abc", "99999-1", "2026-13", "<script>"):
        assert client.get(reverse("deployments:calendar"), {"maand": value}).status_code == 200


def test_a_request_tells_every_case_handler_and_a_deployment_the_member_without_content():
    from notifications.delivery import build_message
    from notifications.models import Notification

    staff, other_staff = people.triage_staff(), people.triage_staff()
    member = people.support_team_member()
    preparation = _preparation()
    requested = Notification.objects.filter(kind="incidents.preparation_requested")
    assert {row.recipient for row in requested} == {staff, other_staff}
    deployment_actions.deployment_create(
        actor=staff, preparation=preparation, data={"kind": "on_location"}, members=[member]
    )
    deployed = Notification.objects.get(kind="incidents.preparation_deployed")
    assert deployed.recipient == member
    for row in [*requested, deployed]:
        message = build_message(row)
        text = message.subject + message.body
        assert reverse("deployments:preparation", args=[preparation.pk]) in text
        for content in ("Markt", "asielzoekers", "verstoord", "250"):
            assert content not in text


# --- retention and erasure --------------------------------------------------------------------


def test_anonymising_a_case_clears_its_records_and_old_or_erased_preparations_lose_their_text(
    settings,
):
    from incidents import privacy

    settings.RETENTION_CLOSED_CASE_DAYS = 730
    incident = factories.submitted()
    staff, member = people.triage_staff(), people.support_team_member()
    record = deployment_actions.deployment_create(
        actor=staff, incident=incident, data={"kind": "aftercare", "agreements": "Bellen."},
        members=[member],
    )  # fmt: skip
    privacy.incident_anonymise(incident=incident, reason="erasure")
    record.refresh_from_db()
    assert record.agreements == "" and record.kind == "aftercare"
    assert list(record.members.all()) == [member]

    old, recent = _preparation(), _preparation()
    on_old = deployment_actions.deployment_create(
        actor=staff, preparation=old, data={"place": "Stadhuis"}, members=[member]
    )
    PreparationRequest.objects.filter(pk=old.pk).update(
        meeting_starts_at=timezone.now() - timedelta(days=800)
    )
    assert privacy.retain(now=timezone.now())["preparations_anonymised"] == 1
    assert privacy.retain(now=timezone.now())["preparations_anonymised"] == 0
    old.refresh_from_db(), on_old.refresh_from_db(), recent.refresh_from_db()
    assert (old.subject, old.place, on_old.place) == ("", "", "")
    assert recent.subject
    assert privacy.erase(user=recent.requester)["erased_preparations"] == 1
    recent.refresh_from_db()
    assert recent.subject == "" and recent.earlier_incidents == ""
