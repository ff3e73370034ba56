"""Query budgets of the list pages: the number of SQL queries a page makes does not grow with the
number of rows it lists or reads.

Each test asks a page once with few rows and once with many, and asserts the same number of
queries. A page that queries per row (N+1), or loads a relation per item, fails here. The
figures of `make bench` (docs/performance.md) are the same measurement at 100,000 incidents.
Runs on SQLite and on PostgreSQL (no test here needs the `postgres` fixture).
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.tests import factories as people

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 30


def queries_of(client, url):
    """The queries of one GET, after a first GET that may start the session."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    return len(context.captured_queries)


def url_or_skip(name, **kwargs):
    try:
        return reverse(name, **kwargs)
    except NoReverseMatch:
        pytest.skip(f"{name} has no view yet")


def assert_flat(client, url, add_rows):
    few = queries_of(client, url)
    add_rows()
    many = queries_of(client, url)
    assert few == many, f"{url}: {few} queries with few rows, {many} with many"


# --- Subsidies --------------------------------------------------------------------------------


def _applications(count, *, created_by):
    """`count` sent-in applications for distinct bodies, each with two measure lines and, for
    every other one, a decision."""
    from government.models import GovernmentBody
    from subsidies.models import Decision, GrantApplication, GrantScheme, MeasureLine
    from subsidies.workflow import Status

    scheme = GrantScheme.objects.get(slug="veilig-vergaderen")
    taken = GrantApplication.objects.filter(scheme=scheme).values("body_id")
    bodies = GovernmentBody.objects.filter(kind="municipality").exclude(pk__in=taken)
    now = timezone.now()
    applications = GrantApplication.objects.bulk_create(
        GrantApplication(
            scheme=scheme,
            body=body,
            created_by=created_by,
            status=Status.GRANTED if index % 2 else Status.SUBMITTED,
            reference=f"VV-Q{body.pk:05d}",
            incidents="Een raadslid werd bedreigd.",
            requested_total=Decimal("1000.00"),
            submitted_at=now,
        )
        for index, body in enumerate(bodies.order_by("pk")[:count])
    )
    MeasureLine.objects.bulk_create(
        MeasureLine(application=a, kind="camera", description="Camera", cost=Decimal("500.00"))
        for a in applications
        for _n in range(2)
    )
    Decision.objects.bulk_create(
        Decision(
            application=a,
            outcome="granted",
            decided_by=created_by,
            decision_date=now.date(),
            effective_date=now.date(),
            granted_total=Decimal("1000.00"),
        )
        for a in applications
        if a.status == Status.GRANTED
    )


def test_grant_list_queries_do_not_grow_with_applications(client):
    staff = people.triage_staff()
    client.force_login(staff)
    _applications(FEW, created_by=staff)
    assert_flat(client, reverse("subsidies:list"), lambda: _applications(MANY, created_by=staff))


def test_grant_budget_queries_do_not_grow_with_applications(client):
    staff = people.triage_staff()
    client.force_login(staff)
    _applications(FEW, created_by=staff)
    assert_flat(client, reverse("subsidies:budget"), lambda: _applications(MANY, created_by=staff))


# --- Monitor ----------------------------------------------------------------------------------


def _incidents(count):
    """`count` sent reports spread over the last year, summarised for the monitor."""
    from incidents.models import Incident, tag_kinds
    from incidents.workflow import Status
    from monitor import aggregate

    body = people.municipality()
    reporter = people.officeholder(body=body)
    now = timezone.now()
    incidents = Incident.objects.bulk_create(
        Incident(
            reporter=reporter,
            reporter_office_type="raadslid",
            reporter_body=body,
            municipality=body,
            status=Status.CLOSED if index % 3 else Status.IN_PROGRESS,
            channel=("online", "home", "meeting")[index % 3],
            submitted_at=now - timedelta(days=11 * index),
            due_at=now - timedelta(days=11 * index - 1),
            first_response_at=now - timedelta(days=11 * index, hours=-3),
            closed_at=now - timedelta(days=11 * index - 5) if index % 3 else None,
        )
        for index in range(count)
    )
    tag_kinds(
        {incident: [("threat", "online")[index % 2]] for index, incident in enumerate(incidents)}
    )
    aggregate.refresh()


def test_monitor_dashboard_queries_do_not_grow_with_reports(client):
    client.force_login(people.triage_staff())
    _incidents(FEW)
    assert_flat(client, reverse("monitor:dashboard"), lambda: _incidents(MANY))


# --- Knowledge base ---------------------------------------------------------------------------


def _knowledge_items(count, author):
    from network.models import Audience, KnowledgeItem, Theme
    from network.workflow import ItemStatus

    now = timezone.now()
    items = KnowledgeItem.objects.bulk_create(
        KnowledgeItem(
            kind="guide",
            title=f"Veilig vergaderen deel {index}",
            summary="Hoe een raadsvergadering openbaar en veilig blijft.",
            body="Maak een risicoanalyse van de vergadering.",
            body_html="<p>Maak een risicoanalyse van de vergadering.</p>",
            audience=Audience.SIGNED_IN,
            status=ItemStatus.PUBLISHED,
            author=author,
            published_at=now - timedelta(minutes=index + 1),
        )
        for index in range(count)
    )
    themes = list(Theme.objects.all()[:2])
    through = KnowledgeItem.themes.through
    through.objects.bulk_create(
        through(knowledgeitem=item, theme=theme) for item in items for theme in themes
    )


def test_knowledge_search_queries_do_not_grow_with_items(client):
    author = people.triage_staff(mfa=False)
    client.force_login(people.officeholder())
    _knowledge_items(FEW, author)
    url = reverse("network:knowledge") + "?q=vergadering"
    assert_flat(client, url, lambda: _knowledge_items(MANY, author))


def test_knowledge_base_without_query_queries_do_not_grow_with_items(client):
    author = people.triage_staff(mfa=False)
    client.force_login(people.officeholder())
    _knowledge_items(FEW, author)
    assert_flat(client, reverse("network:knowledge"), lambda: _knowledge_items(MANY, author))


# --- Incidents --------------------------------------------------------------------------------


def _reports(count, *, reporter=None, status="in_progress"):
    """`count` sent reports (one kind each, a note and an evidence row on every one)."""
    from incidents.models import Evidence, Incident, InternalNote, tag_kinds

    body = people.municipality()
    reporter = reporter or people.officeholder(body=body)
    staff = people.triage_staff(mfa=False)
    now = timezone.now()
    incidents = Incident.objects.bulk_create(
        Incident(
            reporter=reporter,
            reporter_office_type="raadslid",
            reporter_body=body,
            municipality=body,
            status=status,
            assignee=staff,
            reference=f"WB-Q-{reporter.pk}-{index}-{count}",
            description="Bedreigd na de raadsvergadering.",
            submitted_at=now - timedelta(hours=index),
            due_at=now - timedelta(hours=index - 24),
        )
        for index in range(count)
    )
    tag_kinds({incident: ["threat"] for incident in incidents})
    InternalNote.objects.bulk_create(
        InternalNote(incident=incident, author=staff, body="Gebeld.") for incident in incidents
    )
    Evidence.objects.bulk_create(
        Evidence(
            incident=incident,
            file="incidents/x.enc",
            original_name="bewijs.png",
            content_type="image/png",
            size=10,
            uploaded_by=reporter,
        )
        for incident in incidents
    )


def test_triage_queue_queries_do_not_grow_with_cases(client):
    client.force_login(people.triage_staff())
    _reports(FEW)
    assert_flat(client, reverse("incidents:queue"), lambda: _reports(MANY))


def test_filtered_triage_queue_queries_do_not_grow_with_cases(client):
    client.force_login(people.triage_staff())
    _reports(FEW)
    url = reverse("incidents:queue") + "?status=in_progress&kind=threat"
    assert_flat(client, url, lambda: _reports(MANY))


def test_own_cases_queries_do_not_grow_with_reports(client):
    reporter = people.officeholder()
    client.force_login(reporter)
    _reports(FEW, reporter=reporter)
    assert_flat(client, reverse("incidents:list"), lambda: _reports(MANY, reporter=reporter))


def test_case_page_queries_do_not_grow_with_notes_and_evidence(client):
    """Not a list page, but it lists the notes, messages, evidence and events of a case."""
    from incidents.models import Evidence, IncidentEvent, InternalNote, Message

    staff = people.triage_staff()
    client.force_login(staff)
    reporter = people.officeholder()
    _reports(1, reporter=reporter)
    incident = reporter.incidents.get()
    url = reverse("incidents:detail", args=[incident.pk])

    def more():
        InternalNote.objects.bulk_create(
            InternalNote(incident=incident, author=staff, body=f"Notitie {n}") for n in range(MANY)
        )
        Message.objects.bulk_create(
            Message(incident=incident, author=staff, from_staff=True, body=f"Bericht {n}")
            for n in range(MANY)
        )
        IncidentEvent.objects.bulk_create(
            IncidentEvent(incident=incident, actor=staff, kind="status", to_value="in_progress")
            for _n in range(MANY)
        )
        Evidence.objects.bulk_create(
            Evidence(
                incident=incident,
                file=f"incidents/{n}.enc",
                original_name="bewijs.png",
                content_type="image/png",
                size=10,
                uploaded_by=reporter,
            )
            for n in range(MANY)
        )

    assert_flat(client, url, more)
