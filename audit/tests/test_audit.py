import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import RequestFactory
from django.urls import reverse

import audit
from accounts.tests import factories as people
from audit.models import AccessEntry, AppendOnly
from homescan import actions as homescan_actions
from homescan.tests import factories as homescan_factories
from incidents import actions as incident_actions
from incidents.tests import factories as incident_factories
from subsidies.tests import factories as subsidy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    incident = incident_factories.submitted()
    return audit.record(actor=people.triage_staff(), obj=incident, what="detail")


def test_an_entry_names_who_what_when_and_a_hash_of_the_session_never_the_key(client):
    incident = incident_factories.submitted()
    staff = people.triage_staff()
    client.force_login(staff)
    request = RequestFactory().get("/")
    request.session = client.session
    found = audit.record(actor=staff, obj=incident, what="detail", request=request)
    assert (found.actor, found.object_type, found.object_id, found.action, found.what) == (
        staff,
        "incidents.incident",
        str(incident.pk),
        "read",
        "detail",
    )
    assert len(found.session_hash) == 64
    assert client.session.session_key not in found.session_hash
    assert found.at is not None


def test_saving_an_entry_again_is_refused(entry):
    entry.what = "pdf"
    with pytest.raises(AppendOnly):
        entry.save()


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AccessEntry.objects.all().delete()
    with pytest.raises(AppendOnly):
        AccessEntry.objects.filter(pk=entry.pk).update(what="x")
    with pytest.raises(AppendOnly), transaction.atomic():
        AccessEntry.objects.bulk_update([entry], ["what"])
    assert AccessEntry.objects.filter(pk=entry.pk, what="detail").exists()


@pytest.mark.services
def test_postgresql_refuses_update_and_delete_even_in_raw_sql(postgres, entry):
    for statement in (
        "UPDATE audit_accessentry SET what = 'x' WHERE id = %s",
        "DELETE FROM audit_accessentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    assert AccessEntry.objects.filter(pk=entry.pk, what="detail").exists()


def test_the_admin_is_read_only_even_for_a_superuser(client, entry):
    superuser = people.administrator()
    model_admin = admin.site._registry[AccessEntry]
    request = RequestFactory().get("/")
    request.user = superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    client.force_login(superuser)
    assert client.get(reverse("admin:audit_accessentry_changelist")).status_code == 200
    delete_url = reverse("admin:audit_accessentry_delete", args=[entry.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AccessEntry.objects.filter(pk=entry.pk).exists()


def test_a_staff_read_of_an_application_is_recorded_and_the_griffie_read_is_not(client):
    application = subsidy_factories.submitted()
    client.force_login(application.created_by)
    client.get(reverse("subsidies:detail", args=[application.pk]))
    assert not AccessEntry.objects.exists()
    staff = people.triage_staff()
    client.force_login(staff)
    client.get(reverse("subsidies:detail", args=[application.pk]))
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.object_type, entry.action, entry.what) == (
        staff,
        "subsidies.grantapplication",
        "read",
        "detail",
    )
    assert entry.session_hash  # recorded from the real session


def test_a_staff_change_of_an_application_is_recorded():
    staff = people.triage_staff()
    application = subsidy_factories.in_review(staff=staff)
    changes = AccessEntry.objects.for_object(application).filter(action="change")
    assert changes.filter(actor=staff, what="status").exists()
    assert not changes.exclude(actor=staff).exists()  # the griffier submitting is the owner


def test_reads_and_changes_of_a_case_by_staff_are_recorded_and_the_reporters_are_not():
    incident = incident_factories.submitted()
    assert not AccessEntry.objects.exists()
    staff = people.triage_staff()
    incident_actions.case_read_record(reader=staff, incident=incident, what="detail")
    incident_actions.case_read_record(reader=incident.reporter, incident=incident, what="detail")
    incident_actions.incident_acknowledge(actor=staff, incident=incident)
    rows = list(AccessEntry.objects.order_by("pk").values_list("actor", "action"))
    assert rows[0] == (staff.pk, "read")
    assert (staff.pk, "change") in rows
    assert incident.reporter_id not in {actor for actor, _ in rows}


def test_a_staff_read_of_a_shared_scan_is_recorded():
    scan = homescan_factories.scan()
    homescan_actions.scan_share(actor=scan.owner, scan=scan)
    staff = people.triage_staff()
    homescan_actions.scan_record_read(reader=scan.owner, scan=scan, what="detail")
    homescan_actions.scan_record_read(reader=staff, scan=scan, what="pdf")
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.object_type, entry.what) == (staff, "homescan.scanresult", "pdf")


def test_staff_see_the_trail_of_a_case_and_others_get_a_404(client):
    incident = incident_factories.submitted()
    staff = people.triage_staff(full_name="Bea Behandelaar")
    incident_actions.case_read_record(reader=staff, incident=incident, what="detail")
    url = reverse("incidents:case_trail", args=[incident.pk])
    for outsider in (incident.reporter, people.officeholder(), people.support_team_member()):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "Bea Behandelaar" in response.content.decode()


def test_a_reporter_sees_who_at_bzk_opened_their_case_by_name_only(client):
    incident = incident_factories.submitted()
    staff = people.triage_staff(full_name="Bea Behandelaar")
    incident_actions.case_read_record(reader=staff, incident=incident, what="detail")
    incident_actions.case_read_record(reader=staff, incident=incident, what="pdf")
    url = reverse("incidents:case_readers", args=[incident.pk])
    client.force_login(people.officeholder())
    assert client.get(url).status_code == 404
    client.force_login(incident.reporter)
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("Bea Behandelaar") == 1
    assert staff.email not in body


def test_a_read_of_each_kind_lands_in_the_one_trail_and_reaches_its_owner():
    from django.apps import apps

    from audit.selectors import readers_of
    from subsidies import actions as subsidy_actions

    staff = people.triage_staff(full_name="Bea Behandelaar")
    incident = incident_factories.submitted()
    application = subsidy_factories.submitted()
    scan = homescan_factories.scan()
    homescan_actions.scan_share(actor=scan.owner, scan=scan)
    incident_actions.case_read_record(reader=staff, incident=incident, what="dossier")
    subsidy_actions.application_read_record(reader=staff, application=application, what="letter")
    homescan_actions.scan_record_read(reader=staff, scan=scan, what="pdf")
    rows = AccessEntry.objects.filter(action="read").order_by("pk")
    assert list(rows.values_list("actor", "object_type", "object_id", "what")) == [
        (staff.pk, "incidents.incident", str(incident.pk), "dossier"),
        (staff.pk, "subsidies.grantapplication", str(application.pk), "letter"),
        (staff.pk, "homescan.scanresult", str(scan.pk), "pdf"),
    ]
    seen = [readers_of(obj) for obj in (incident, application, scan)]
    assert [[(r.name, r.parts) for r in readers] for readers in seen] == [
        [("Bea Behandelaar", ["het dossier (pdf)"])],
        [("Bea Behandelaar", ["de beschikking"])],
        [("Bea Behandelaar", ["de pdf"])],
    ]
    # No app keeps a read log of its own any more.
    tables = {model._meta.db_table for model in apps.get_models()}
    assert not tables & {
        "incidents_caseaccesslog",
        "subsidies_applicationread",
        "homescan_scanread",
    }


def test_the_trail_names_reads_and_changes_in_dutch_not_in_codes(client):
    incident = incident_factories.submitted()
    staff = people.triage_staff(full_name="Bea Behandelaar")
    incident_actions.case_read_record(reader=staff, incident=incident, what="detail")
    incident_actions.case_read_record(reader=staff, incident=incident, what="dossier")
    incident_actions.incident_acknowledge(actor=staff, incident=incident)
    client.force_login(staff)
    trail = client.get(reverse("incidents:case_trail", args=[incident.pk])).content.decode()
    assert "de gegevens" in trail and "het dossier (pdf)" in trail
    assert "Status gewijzigd" in trail
    assert "<td>detail</td>" not in trail and "<td>status</td>" not in trail
    client.force_login(incident.reporter)
    readers = client.get(reverse("incidents:case_readers", args=[incident.pk])).content.decode()
    assert "de gegevens, het dossier (pdf)" in readers
    assert "<td>detail" not in readers
