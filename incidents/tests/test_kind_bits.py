"""A report's kinds are kept twice: as tag rows (what the case page, the dossier and the monitor
read) and as bits on the incident row (what the queue's kind filter reads, without a join). The
two never disagree: the one write path writes both, and so do the bulk writers of demo data."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from accounts.tests import factories as people
from incidents import actions
from incidents.models import KIND_BITS, Incident, Kind, kind_bits
from incidents.tests import factories


def tags_and_bits_disagree():
    """The incidents whose kind_bits are not the bits of their tags."""
    wrong = []
    for incident in Incident.objects.prefetch_related("kind_tags"):
        if incident.kind_bits != kind_bits(incident.kinds):
            wrong.append((incident.pk, incident.kind_bits, incident.kinds))
    return wrong


def test_every_kind_has_a_bit_of_its_own():
    assert set(KIND_BITS) == set(Kind.values)
    bits = list(KIND_BITS.values())
    assert len(set(bits)) == len(bits)
    assert all(bit > 0 and bit & (bit - 1) == 0 for bit in bits)  # one bit each
    # Stored in the rows: a kind never changes its bit (a new kind takes the next free one).
    assert KIND_BITS[Kind.VERBAL] == 1 and KIND_BITS[Kind.INTEGRITY] == 1 << 9


@pytest.mark.django_db
def test_saving_a_draft_writes_its_kinds_as_tags_and_as_bits():
    incident = factories.draft(kinds=(Kind.THREAT, Kind.DOXING))
    incident.refresh_from_db()
    assert incident.kind_bits == KIND_BITS[Kind.THREAT] | KIND_BITS[Kind.DOXING]
    actions.incident_save_draft(
        actor=incident.reporter, incident=incident, data={}, kinds=[Kind.ONLINE, "onbekend"]
    )
    incident.refresh_from_db()
    assert incident.kinds == [Kind.ONLINE]
    assert incident.kind_bits == KIND_BITS[Kind.ONLINE]
    # Saving without kinds (the form's other steps) leaves both as they are.
    actions.incident_save_draft(
        actor=incident.reporter, incident=incident, data={"channel": "phone"}
    )
    incident.refresh_from_db()
    assert (incident.kinds, incident.kind_bits) == ([Kind.ONLINE], KIND_BITS[Kind.ONLINE])
    assert tags_and_bits_disagree() == []


@pytest.mark.django_db
def test_the_queue_filter_follows_a_change_of_kinds(client):
    incident = factories.draft(kinds=(Kind.THREAT,))
    actions.incident_save_draft(
        actor=incident.reporter, incident=incident, data={}, kinds=[Kind.STALKING]
    )
    actions.incident_submit(actor=incident.reporter, incident=incident)
    other = factories.submitted(kinds=(Kind.THREAT, Kind.STALKING))
    client.force_login(people.triage_staff())

    def shown(kind):
        response = client.get(reverse("incidents:queue"), {"kind": kind})
        return {row.pk for row in response.context["rows"]}

    assert shown(Kind.STALKING) == {incident.pk, other.pk}
    assert shown(Kind.THREAT) == {other.pk}
    assert shown(Kind.DOXING) == set()


@pytest.mark.django_db
def test_the_demo_data_has_the_bits_of_its_tags(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    assert Incident.objects.filter(kind_bits__gt=0).count() > 100
    assert tags_and_bits_disagree() == []


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_reports_the_bits_of_their_tags():
    executor = MigrationExecutor(connection)
    executor.migrate([("incidents", "0012_integrity_kind")])
    executor.loader.build_graph()
    old = executor.loader.project_state([("incidents", "0012_integrity_kind")]).apps
    OldIncident = old.get_model("incidents", "Incident")
    Tag = old.get_model("incidents", "IncidentKindTag")
    # Only the incidents app goes back: the accounts tables are today's.
    reporter = people.officeholder().pk
    two = OldIncident.objects.create(reporter_id=reporter)
    Tag.objects.create(incident=two, kind="threat")
    Tag.objects.create(incident=two, kind="integrity")
    none = OldIncident.objects.create(reporter_id=reporter)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        assert Incident.objects.get(pk=two.pk).kind_bits == (1 << 1) | (1 << 9)
        assert Incident.objects.get(pk=none.pk).kind_bits == 0
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
