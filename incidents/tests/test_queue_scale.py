"""The queue with 100,000 cases (and 20,000 drafts) on PostgreSQL: every page, the first as well
as one 50,000 cases deep, reads a page's worth of rows, not the queue, with the same few
queries.

Not a timing: the number of rows PostgreSQL touches (EXPLAIN ANALYZE) is what stays flat, and
what `make bench` turns into milliseconds (docs/performance.md).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests import factories as people
from incidents.models import Incident
from incidents.selectors import DEFAULT_QUEUE_ORDER, queue_ordering
from incidents.tests import factories
from tests.helpers import plan_nodes
from weerbaar import crypto, pagination

pytestmark = [pytest.mark.services]

CASES = 100_000
DRAFTS = 20_000  # never in the queue, and without a deadline


def _fill(reporter):
    empty = crypto.encrypt("")
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO incidents_incident (
                reporter_id, reporter_office_type, reporter_body_id, reference, status, urgent,
                immediate_danger, channel, targets, perpetrator_known, perpetrator_details,
                ongoing, description, police_report, police_reference, vpt_code, impact,
                affects_decisions, wants_support, contact_preference, contact_phone,
                notify_by, notify_address, created_at, updated_at, submitted_at, due_at
            )
            SELECT %s, (ARRAY['burgemeester','wethouder','raadslid','statenlid'])[1 + n %% 4],
                NULL, 'WB-2020-' || lpad(n::text, 7, '0'),
                (ARRAY['new','acknowledged','in_progress','waiting','closed'])[1 + n %% 5],
                n %% 50 = 0, false, 'online', '[]'::jsonb, '', %s, '', %s, '', '', '', %s, '',
                false, 'portal', %s, 'account', %s,
                now() - (n || ' minutes')::interval, now(), now() - (n || ' minutes')::interval,
                now() - (n || ' minutes')::interval + interval '1 day'
            FROM generate_series(1, %s) AS n
            """,
            [reporter.pk, empty, empty, empty, empty, empty, CASES],
        )
        cursor.execute(
            """
            INSERT INTO incidents_incident (
                reporter_id, reporter_office_type, reporter_body_id, reference, status, urgent,
                immediate_danger, channel, targets, perpetrator_known, perpetrator_details,
                ongoing, description, police_report, police_reference, vpt_code, impact,
                affects_decisions, wants_support, contact_preference, contact_phone,
                notify_by, notify_address, created_at, updated_at, submitted_at, due_at
            )
            SELECT %s, 'raadslid', NULL, NULL, 'draft', false, false, 'online', '[]'::jsonb, '',
                %s, '', %s, '', '', '', %s, '', false, 'portal', %s, 'account', %s, now(), now(),
                NULL, NULL
            FROM generate_series(1, %s) AS n
            """,
            [reporter.pk, empty, empty, empty, empty, empty, DRAFTS],
        )
        cursor.execute(
            """
            INSERT INTO incidents_incidentkindtag (incident_id, kind)
            SELECT id, (ARRAY['threat','online','verbal','doxing'])[1 + id % 4]
            FROM incidents_incident
            """
        )
        # The same kinds as bits on the row (models.KIND_BITS), as incident_save_draft writes.
        cursor.execute(
            "UPDATE incidents_incident SET kind_bits = (ARRAY[2, 32, 1, 128])[1 + id % 4]"
        )
        cursor.execute("ANALYZE incidents_incident; ANALYZE incidents_incidentkindtag;")


def _only_new_cases_wait():
    """As in practice: every case past "new" has had its first contact."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE incidents_incident SET first_response_at = submitted_at"
            " WHERE status NOT IN ('draft', 'new')"
        )
        cursor.execute("ANALYZE incidents_incident")


def rows_touched(sql):
    """The most rows any step of the plan produced or threw away (EXPLAIN ANALYZE)."""
    most = 0
    for node in plan_nodes(sql):
        loops = node.get("Actual Loops", 1)
        touched = node.get("Actual Rows", 0) * loops
        touched += node.get("Rows Removed by Filter", 0) * loops
        touched += node.get("Rows Removed by Index Recheck", 0)
        most = max(most, touched)
    return most


def incident_queries(queries):
    return [q["sql"] for q in queries if '"incidents_incident"' in q["sql"].split("WHERE")[0]]


def test_a_queue_page_over_100000_cases_reads_a_page_not_the_queue(postgres, client):
    _fill(factories.reporter())
    client.force_login(people.triage_staff())
    client.get(reverse("incidents:queue"))  # warm up the session
    deep_row = Incident.objects.sent().filter(status__in=["new", "acknowledged", "in_progress",
        "waiting"]).order_by(*DEFAULT_QUEUE_ORDER)[50_000]  # fmt: skip
    deep = pagination.encode_cursor(deep_row, pagination.sort_keys(Incident.objects.all(),
        DEFAULT_QUEUE_ORDER))  # fmt: skip
    for params in (
        {},
        {"na": deep},
        {"voor": deep},
        {"kind": "doxing", "order": "-submitted"},
        {"office": "raadslid", "province": ""},
        {"urgent": "1", "age": "7"},
        {"overdue": "true", "order": "due"},
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("incidents:queue"), params)
        assert response.status_code == 200 and len(response.context["rows"]) == 25, params
        assert len(queries) <= 12, params
        page_queries = incident_queries(queries.captured_queries)
        assert page_queries, params
        for sql in page_queries:
            # A page of 25 (+1) per union branch, the capped count (1,001), and for the
            # filters the rows a scan skips to find those (a kind is a quarter of the cases).
            assert rows_touched(sql) <= 10_000, (params, sql[:300])
    after = client.get(reverse("incidents:queue"), {"na": deep}).context["rows"]
    assert after[0].pk != deep_row.pk
    assert response.context["page"].count_is_capped


def test_the_default_order_reads_its_index_without_sorting_the_queue(postgres, client):
    """Waiting for first contact first, then urgent and deadline: a page of that order is a
    walk along index incident_queue_waiting_first that stops after the page, first page and
    deep, however many cases there are (no Sort node over the queue)."""
    _fill(factories.reporter())
    with connection.cursor() as cursor:
        # Most cases contacted; about one in fifty still waiting, spread over the whole table.
        # 47, prime to the five statuses' cycle: whatever id the table's sequence starts at,
        # the waiting ones have every status (with 50, one offset in five left only closed
        # cases, which wait for nobody, and the test found no waiting case at all).
        cursor.execute(
            "UPDATE incidents_incident SET first_response_at = submitted_at"
            " WHERE status <> 'draft' AND id % 47 <> 0"
        )
        cursor.execute("ANALYZE incidents_incident")
    client.force_login(people.triage_staff())
    client.get(reverse("incidents:queue"))  # warm up the session
    waiting = Incident.objects.filter(awaits_first_contact=True)
    middle = waiting.order_by(*DEFAULT_QUEUE_ORDER)[waiting.count() - 5]
    cursor_value = pagination.encode_cursor(
        middle, pagination.sort_keys(Incident.objects.all(), DEFAULT_QUEUE_ORDER)
    )
    for params in ({}, {"na": cursor_value}):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("incidents:queue"), params)
        rows = response.context["rows"]
        assert len(rows) == 25, params
        if not params:
            assert all(row.awaits_first_contact for row in rows)
        else:  # the page crosses from the last waiting cases to the contacted ones
            assert [row.awaits_first_contact for row in rows[:5]] == [True] * 4 + [False]
        ordered = [
            sql
            for sql in incident_queries(queries.captured_queries)
            if "awaits_first_contact" in sql and "ORDER BY" in sql
        ]
        assert ordered, params
        for sql in ordered:
            nodes = list(plan_nodes(sql))
            used = {node.get("Index Name") for node in nodes}
            assert "incident_queue_waiting_first" in used, (params, used)
            assert not [n for n in nodes if n["Node Type"] in ("Sort", "Incremental Sort")
                        and n.get("Actual Rows", 0) > 1_000], (params, sql[:300])  # fmt: skip
            assert rows_touched(sql) <= 2_000, (params, sql[:300])


def test_the_queue_filtered_on_one_status_reads_that_status_only(postgres, client):
    """Filtered on one status (e.g. "in behandeling" and a kind), in the default order: a page
    walks that status's own index (incident_queue_in_progress), not the open cases' index,
    where every new case (all of them waiting for first contact, so first) would be skipped
    first. Flat: the rows read are a page's worth, whatever the number of new cases."""
    _fill(factories.reporter())
    _only_new_cases_wait()
    client.force_login(people.triage_staff())
    client.get(reverse("incidents:queue"))  # warm up the session
    for params in (
        {"status": "in_progress", "kind": "threat"},
        {"status": "waiting"},
        {"status": "acknowledged", "office": "raadslid"},
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("incidents:queue"), params)
        rows = response.context["rows"]
        assert len(rows) == 25 and {row.status for row in rows} == {params["status"]}, params
        ordered = [
            sql
            for sql in incident_queries(queries.captured_queries)
            if "awaits_first_contact" in sql and "ORDER BY" in sql
        ]
        assert ordered, params
        for sql in ordered:
            nodes = list(plan_nodes(sql))
            used = {node.get("Index Name") for node in nodes}
            assert f"incident_queue_{params['status']}" in used, (params, used)
            assert not [n for n in nodes if n["Node Type"] in ("Sort", "Incremental Sort")
                        and n.get("Actual Rows", 0) > 1_000], (params, sql[:300])  # fmt: skip
            # 25 rows (+1) for the page, 501 for its capped count (which walks the same index),
            # and for a kind or an office the cases a walk skips to find them (3 in 4).
            assert rows_touched(sql) <= 2_500, (params, sql[:300])


def test_a_kind_filter_reads_the_incident_row_not_every_tag_of_the_kind(postgres, client):
    """Filtered on a kind, every query of the queue (the page and its capped count) reads the
    kind from the incident's own row (kind_bits): no join with the tags, which PostgreSQL
    could only answer by reading every tag of the kind, a number that grows with the table.
    The rows read stay a page's worth and the cap's, whatever the number of cases."""
    _fill(factories.reporter())
    _only_new_cases_wait()
    client.force_login(people.triage_staff())
    client.get(reverse("incidents:queue"))  # warm up the session
    for params in (
        {"status": "waiting", "kind": "threat"},
        {"kind": "doxing"},
        {"status": "in_progress", "kind": "threat"},
        {"kind": "online", "order": "due"},
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("incidents:queue"), params)
        rows = response.context["rows"]
        assert len(rows) == 25, params
        assert all(params["kind"] in row.kinds for row in rows), params
        assert response.context["page"].count_is_capped, params
        page_queries = incident_queries(queries.captured_queries)
        assert len(page_queries) >= 2, params  # the page and its count
        for sql in page_queries:
            relations = {node.get("Relation Name") for node in plan_nodes(sql)}
            assert "incidents_incidentkindtag" not in relations, (params, sql[:300])
            # The page (26 per union branch) and the capped count (501), and the cases of
            # other kinds and statuses a walk passes on its way (a kind is a quarter).
            assert rows_touched(sql) <= 10_000, (params, sql[:300])


def test_the_capped_count_reads_the_queue_index_alone(postgres, client):
    """The queue's count (capped at 500) of the open cases, of one status, of a kind or of
    both reads the open queue's index alone: the kind bits and the reporter are carried in it
    (models.QUEUE_COUNT_COLUMNS), so no table row is fetched per case the count passes. With
    the table vacuumed, as autovacuum keeps it, that is a read of index pages only."""
    _fill(factories.reporter())
    _only_new_cases_wait()
    client.force_login(people.triage_staff())
    client.get(reverse("incidents:queue"))  # warm up the session
    for params in (
        {},
        {"status": "in_progress", "kind": "threat"},
        {"status": "waiting"},
        {"kind": "doxing"},
        {"status": ["in_progress", "waiting"], "kind": "online"},
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("incidents:queue"), params)
        assert response.context["page"].count_is_capped, params
        counts = [
            sql for sql in incident_queries(queries.captured_queries) if "COUNT(" in sql.upper()
        ]
        assert len(counts) == 1, params
        scans = [
            node
            for node in plan_nodes(counts[0])
            if node.get("Relation Name") == "incidents_incident"
        ]
        assert scans, params
        assert {node["Node Type"] for node in scans} == {"Index Only Scan"}, (params, scans)
        assert {node["Index Name"] for node in scans} <= {
            "incident_queue_waiting_first",
            *(f"incident_queue_{status}" for status in ("new", "acknowledged", "in_progress",
                                                        "waiting")),
        }, params  # fmt: skip


@pytest.mark.parametrize(
    "params",
    [
        {"status": ["in_progress", "waiting"], "kind": "threat"},
        {"status": ["acknowledged", "in_progress", "waiting"]},
        {"status": ["acknowledged", "waiting"], "kind": "doxing"},
        {"status": ["new", "in_progress"], "office": "raadslid"},
    ],
)
def test_the_queue_filtered_on_several_open_statuses_reads_those_statuses_only(
    postgres, client, params
):
    """Filtered on some of the open statuses (not all: that is the whole open queue), in the
    default order: a page reads each chosen status's own index (incident_queue_<status>) and
    merges them, first page and after a cursor. On the open cases' index the walk would pass
    every case of another status first, above all the new ones, which all wait for first
    contact and come first: a number that grows with the queue, not with the page."""
    _fill(factories.reporter())
    _only_new_cases_wait()
    client.force_login(people.triage_staff())
    client.get(reverse("incidents:queue"))  # warm up the session
    chosen = set(params["status"])
    first = client.get(reverse("incidents:queue"), params)
    cursor_value = first.context["page"].next_cursor
    assert cursor_value
    for page_params in (params, {**params, "na": cursor_value}):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("incidents:queue"), page_params)
        rows = response.context["rows"]
        assert len(rows) == 25 and {row.status for row in rows} <= chosen, page_params
        if "kind" in params:
            assert all(params["kind"] in row.kinds for row in rows), page_params
        # The same rows, in the same order, as the ORM's plain query gives.
        expected = list(
            response.context["filter"]
            .qs.order_by(*queue_ordering(response.context["filter"]))
            .values_list("pk", flat=True)
        )
        start = 0 if "na" not in page_params else 25
        assert [row.pk for row in rows] == expected[start : start + 25], page_params
        assert len(queries) <= 12, page_params
        ordered = [sql for sql in incident_queries(queries.captured_queries) if "ORDER BY" in sql]
        assert len(ordered) >= 2, page_params  # the page and its count
        for sql in ordered:
            nodes = list(plan_nodes(sql))
            assert not [n for n in nodes if n["Node Type"] in ("Sort", "Incremental Sort")
                        and n.get("Actual Rows", 0) > 1_000], (page_params, sql[:300])  # fmt: skip
            used = {node.get("Index Name") for node in nodes} - {None}
            assert used & {f"incident_queue_{status}" for status in chosen}, (page_params, used)
            assert "incident_queue_waiting_first" not in used, (page_params, sql[:300])
            # A page (26) per status and cursor branch, the capped count (501) per status, and
            # for a kind or an office the cases of that status a walk skips to find them (3 in
            # 4): not the 20,000 new cases that come first on the open cases' index.
            assert rows_touched(sql) <= 2_500, (page_params, sql[:300])
        assert response.context["page"].count_is_capped, page_params
