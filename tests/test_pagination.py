"""Keyset pagination (weerbaar/pagination.py): every row once, in order, forward and back, with
ties and empty values in the sort columns; cursors that are not ours start at the beginning;
the count stops at its cap. Runs on SQLite (one OR-expanded query) and on PostgreSQL (a UNION
ALL of index ranges); both must give the same pages."""

import base64
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from incidents.models import Incident
from incidents.tests import factories
from weerbaar import pagination

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    """Twelve cases whose sort columns tie and are empty: two urgent, ten not; three deadlines
    shared by several cases; the same submission time for pairs; four drafts without either."""
    now = timezone.now().replace(microsecond=0)
    sent = [factories.submitted(immediate_danger=i in (3, 6)) for i in range(8)]
    for i, incident in enumerate(sent):
        Incident.objects.filter(pk=incident.pk).update(
            due_at=now + timedelta(hours=i % 3), submitted_at=now - timedelta(days=i // 2)
        )
    drafts = [factories.draft() for _ in range(4)]
    return Incident.objects.filter(pk__in=[i.pk for i in sent + drafts])


def python_order(rows, ordering):
    """The order the database must give: ascending with empty values last, descending with
    them first (PostgreSQL's default, which pagination.SortKey spells out)."""
    result = list(rows)
    for item in reversed(ordering):
        name = item.lstrip("-")
        descending = item.startswith("-")
        present = [r for r in result if getattr(r, name) is not None]
        empty = [r for r in result if getattr(r, name) is None]
        present.sort(key=lambda r: getattr(r, name), reverse=descending)
        result = empty + present if descending else present + empty
    return [r.pk for r in result]


def encode(values):
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def walk_forward(queryset, ordering, per_page):
    pages, cursor = [], None
    while True:
        page = pagination.keyset_page(queryset, ordering=ordering, after=cursor, per_page=per_page)
        pages.append(page)
        if not page.has_next:
            return pages
        cursor = page.next_cursor
        assert len(pages) < 20, "the pages do not end"


ORDERINGS = [
    ["-urgent", "due_at", "-submitted_at", "-pk"],
    ["due_at", "-pk"],
    ["-due_at", "pk"],
    ["submitted_at", "-pk"],
    ["-submitted_at", "-pk"],
]


@pytest.mark.parametrize("ordering", ORDERINGS)
@pytest.mark.parametrize("per_page", [1, 3, 5])
def test_pages_hold_every_row_once_in_order_forward_and_back(cases, ordering, per_page):
    expected = python_order(cases, ordering)
    pages = walk_forward(cases, ordering, per_page)
    assert [row.pk for page in pages for row in page.rows] == expected
    assert pages[0].is_first and not pages[0].has_previous
    assert all(not page.is_first and page.has_previous for page in pages[1:])
    assert all(len(page.rows) == per_page for page in pages[:-1])

    # Back from the last page, through the "before" cursors, to the first.
    back, page = [], pages[-1]
    while page.has_previous:
        page = pagination.keyset_page(
            cases, ordering=ordering, before=page.previous_cursor, per_page=per_page
        )
        back.append([row.pk for row in page.rows])
    assert back[-1] == [row.pk for row in pages[0].rows]
    assert page.is_first
    # Every page but the first is the same going back as going forward.
    forward = [[row.pk for row in p.rows] for p in pages[:-1]]
    assert list(reversed(back))[1:] == forward[1:]


def test_a_cursor_that_is_not_ours_starts_at_the_first_page(cases):
    ordering = ["-urgent", "due_at", "-submitted_at", "-pk"]
    first = [row.pk for row in pagination.keyset_page(cases, ordering=ordering, per_page=3).rows]
    valid = pagination.keyset_page(cases, ordering=ordering, per_page=3).next_cursor
    for cursor in [
        "x",
        "%%%",
        valid[:-3],
        "W1td",  # [[] — no list of four values
        pagination.encode_cursor(cases.first(), pagination.sort_keys(cases, ["-pk"])),  # one value
        encode(["true", "nonsense", "2026", 1]),  # four values of the wrong kinds
        encode([True, {"a": 1}, "2026-01-01T00:00:00", 1]),
        "A" * 500,
    ]:
        page = pagination.keyset_page(cases, ordering=ordering, after=cursor, per_page=3)
        assert [row.pk for row in page.rows] == first, cursor
        assert page.is_first


def test_a_cursor_past_the_end_is_an_empty_page_that_is_not_the_first(cases):
    ordering = ["-pk"]
    last = cases.order_by("pk").first()
    cursor = pagination.encode_cursor(last, pagination.sort_keys(cases, ordering))
    page = pagination.keyset_page(cases, ordering=ordering, after=cursor, per_page=3)
    assert page.rows == [] and not page.is_first and not page.has_next


def test_the_count_stops_at_its_cap(cases):
    capped = pagination.keyset_page(cases, ordering=["-pk"], per_page=3, count_cap=5)
    assert (capped.count, capped.count_is_capped) == (5, True)
    exact = pagination.keyset_page(cases, ordering=["-pk"], per_page=3, count_cap=12)
    assert (exact.count, exact.count_is_capped) == (12, False)


def test_an_ordering_must_end_with_the_primary_key(cases):
    with pytest.raises(ValueError):
        pagination.keyset_page(cases, ordering=["-submitted_at"])
    with pytest.raises(ValueError):
        pagination.keyset_page(cases, ordering=["nonsense", "pk"])
