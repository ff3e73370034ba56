"""The move of the old read logs (incidents.CaseAccessLog, subsidies.ApplicationRead,
homescan.ScanRead) into the one trail keeps every read, once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import audit
from accounts.tests import factories as people
from audit.models import AccessEntry
from homescan import actions as homescan_actions
from homescan.tests import factories as homescan_factories
from incidents.tests import factories as incident_factories
from subsidies.tests import factories as subsidy_factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("incidents", "0007_reporter_notices_visits_and_reopening"),
    ("subsidies", "0005_decision_notices_to_the_one_outbox"),
    ("homescan", "0006_fund_request_notices_moved_to_the_one_outbox"),
]
OLD_TABLES = {"incidents_caseaccesslog", "subsidies_applicationread", "homescan_scanread"}


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    migrate()


def reads(obj_type, obj_id):
    entries = AccessEntry.objects.filter(object_type=obj_type, object_id=str(obj_id), action="read")
    return sorted(entries.values_list("actor_id", "what", "at"))


def test_the_old_read_logs_move_into_the_one_trail_without_twins():
    staff = people.triage_staff()
    incident = incident_factories.submitted()
    application = subsidy_factories.submitted()
    scan = homescan_factories.scan()
    homescan_actions.scan_share(actor=scan.owner, scan=scan)

    old = migrate(BEFORE)
    assert set(connection.introspection.table_names()) >= OLD_TABLES
    case_reads = old.get_model("incidents", "CaseAccessLog").objects
    # Since the trail exists every read was written twice, to the trail and to the app's log,
    # a moment apart: such a twin is not copied again.
    twin = audit.record(actor=staff, obj=incident, what="detail")
    case_reads.create(
        incident_id=incident.pk, reader_id=staff.pk, what="detail",
        at=twin.at + timedelta(milliseconds=3),
    )  # fmt: skip
    # The same part read by the same person an hour earlier is a read of its own.
    an_hour_ago = twin.at - timedelta(hours=1)
    case_reads.create(incident_id=incident.pk, reader_id=staff.pk, what="detail", at=an_hour_ago)
    long_ago = timezone.now() - timedelta(days=400)
    case_reads.create(incident_id=incident.pk, reader_id=staff.pk, what="dossier", at=long_ago)
    old.get_model("subsidies", "ApplicationRead").objects.create(
        application_id=application.pk, reader_id=staff.pk, what="letter", at=long_ago
    )
    scan_reads = old.get_model("homescan", "ScanRead").objects
    scan_reads.create(scan_id=scan.pk, reader_id=staff.pk, what="pdf", at=long_ago)
    scan_reads.create(scan_id=scan.pk + 1000, reader_id=staff.pk, what="detail", at=long_ago)

    migrate()

    assert not OLD_TABLES & set(connection.introspection.table_names())
    assert reads("incidents.incident", incident.pk) == [
        (staff.pk, "detail", an_hour_ago),
        (staff.pk, "detail", twin.at),
        (staff.pk, "dossier", long_ago),
    ]
    assert reads("subsidies.grantapplication", application.pk) == [(staff.pk, "letter", long_ago)]
    assert reads("homescan.scanresult", scan.pk) == [(staff.pk, "pdf", long_ago)]
    # The read of a scan its owner has since deleted moves too: the trail outlives the scan.
    assert reads("homescan.scanresult", scan.pk + 1000) == [(staff.pk, "detail", long_ago)]
