"""The queue with 100,000 cases on PostgreSQL: a page comes fast, with the same few queries."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests import factories as people
from incidents.tests import factories
from weerbaar import crypto

pytestmark = [pytest.mark.services]

CASES = 100_000


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
                created_at, updated_at, submitted_at, due_at
            )
            SELECT %s, (ARRAY['burgemeester','wethouder','raadslid','statenlid'])[1 + n %% 4],
                NULL, 'WB-2020-' || lpad(n::text, 7, '0'),
                (ARRAY['new','acknowledged','in_progress','waiting','closed'])[1 + n %% 5],
                n %% 50 = 0, false, 'online', '[]'::jsonb, '', %s, '', %s, '', '', '', %s, '',
                false, 'portal', %s,
                now() - (n || ' minutes')::interval, now(), now() - (n || ' minutes')::interval,
                now() - (n || ' minutes')::interval + interval '1 day'
            FROM generate_series(1, %s) AS n
            """,
            [reporter.pk, empty, empty, empty, empty, CASES],
        )
        cursor.execute(
            """
            INSERT INTO incidents_incidentkindtag (incident_id, kind)
            SELECT id, (ARRAY['threat','online','verbal','doxing'])[1 + id % 4]
            FROM incidents_incident
            """
        )
        cursor.execute("ANALYZE incidents_incident; ANALYZE incidents_incidentkindtag;")


def test_a_queue_page_over_100000_cases_is_fast_and_costs_few_queries(postgres, client):
    _fill(factories.reporter())
    client.force_login(people.triage_staff())
    client.get(reverse("incidents:queue"))  # warm up the session
    for params in (
        {},
        {"kind": "doxing", "order": "-submitted"},
        {"office": "raadslid", "province": ""},
        {"urgent": "1", "age": "7"},
        {"overdue": "true", "order": "due"},
    ):
        started = time.monotonic()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("incidents:queue"), params)
        elapsed = time.monotonic() - started
        assert response.status_code == 200 and response.context["rows"]
        assert len(queries) <= 12, params
        assert elapsed < 2.0, (params, elapsed)
