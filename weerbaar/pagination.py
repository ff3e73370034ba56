"""Pagination that costs the same on the first page as deep in a long list.

`keyset_page`: keyset ("seek") pagination for long lists such as the triage queue.

A page starts after the last row of the page before it (or ends before the first row of the
page after it) instead of skipping N rows with OFFSET, and the total is counted only up to a
cap. A page therefore costs the same at the first page as at the thousandth, at 1,000 rows as
at 1,000,000 (docs/performance.md).

The cursor in the URL holds the sort values of that boundary row (timestamps, a flag, the row
id), base64-encoded; never free text. A cursor that does not decode is ignored: the list starts
at its first page.

On PostgreSQL the rows after a cursor are asked for as a UNION ALL of one branch per sort
column ("same values up to column i, later in column i"), each of which an index on the sort
columns answers as one range scan that stops after a page. The single OR-expanded condition
that is equivalent would make the database walk every row before the cursor.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import F, Field, ForeignObjectRel, Q
from django.utils.functional import cached_property

AFTER = "na"
BEFORE = "voor"


@dataclass(frozen=True)
class SortKey:
    name: str
    descending: bool
    model_field: "Field[Any, Any] | ForeignObjectRel"  # generic in the stubs only

    @property
    def nullable(self):
        return self.model_field.null

    def expression(self, *, reverse=False):
        # PostgreSQL's own default null order (last ascending, first descending), spelled out
        # so SQLite sorts the same way and an index on the plain columns still applies.
        if self.descending != reverse:
            return F(self.name).desc(nulls_first=True)
        return F(self.name).asc(nulls_last=True)

    def later(self, value, *, reverse=False):
        """The condition "comes after `value` in this column", or None if nothing can."""
        descending = self.descending != reverse
        if value is None:
            # Nulls come first descending and last ascending.
            return Q(**{f"{self.name}__isnull": False}) if descending else None
        later = Q(**{f"{self.name}__{'lt' if descending else 'gt'}": value})
        if self.nullable and not descending:
            return [later, Q(**{f"{self.name}__isnull": True})]
        return later

    def same(self, value):
        if value is None:
            return Q(**{f"{self.name}__isnull": True})
        return Q(**{self.name: value})


@dataclass
class KeysetPage:
    rows: list
    next_cursor: str | None = None
    previous_cursor: str | None = None
    is_first: bool = True
    count: int = 0
    count_is_capped: bool = False

    @property
    def has_next(self):
        return self.next_cursor is not None

    @property
    def has_previous(self):
        return self.previous_cursor is not None

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous


def sort_keys(queryset, ordering):
    """`ordering` as in order_by ("-submitted_at", "pk"); it must end with a unique column."""
    model = queryset.model
    keys = []
    for item in ordering:
        descending = item.startswith("-")
        name = item.lstrip("-")
        name = model._meta.pk.name if name == "pk" else name
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist as error:
            raise ValueError(f"keyset ordering on an unknown field: {item}") from error
        keys.append(SortKey(name, descending, model_field))
    if keys[-1].name != model._meta.pk.name:
        raise ValueError("a keyset ordering ends with the primary key")
    return keys


def encode_cursor(row, keys):
    values = []
    for key in keys:
        value = getattr(row, key.name)
        values.append(value.isoformat() if hasattr(value, "isoformat") else value)
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor, keys):
    """The sort values in `cursor`, or None when it is not one of ours."""
    if not cursor or len(cursor) > 400:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    if not isinstance(values, list) or len(values) != len(keys):
        return None
    parsed = []
    for key, value in zip(keys, values, strict=True):
        if value is None and not key.nullable:
            return None
        if not isinstance(value, (str, int, bool, type(None))):
            return None
        try:
            parsed.append(None if value is None else key.model_field.to_python(value))
        except (ValidationError, ValueError, TypeError, OverflowError):
            return None
    return parsed


def _branches(keys, values, *, reverse):
    """Disjoint conditions whose union is "after `values`", in sort order."""
    branches = []
    prefix = Q()
    for key, value in zip(keys, values, strict=True):
        later = key.later(value, reverse=reverse)
        for condition in later if isinstance(later, list) else [later]:
            if condition is not None:
                branches.append(prefix & condition)
        prefix &= key.same(value)
    return branches


def _rows_after(queryset, keys, values, *, reverse, limit, partitions=()):
    branches = _branches(keys, values, reverse=reverse)
    if not branches:
        return []
    parts = [(part, branch) for part in partitions or [queryset] for branch in branches]
    return _rows_in(queryset, keys, parts, reverse=reverse, limit=limit)


def _rows_in(queryset, keys, parts, *, reverse=False, limit):
    """The first `limit` rows in the keys' order of the disjoint `parts` of `queryset`, each a
    (queryset, condition) pair. On a database that can, one ordered, limited branch per part,
    joined with UNION ALL (their ids, then the rows of `queryset`): each branch is a range of
    an index that stops after `limit` rows, where the OR of them would make the database walk
    past every row of the other branches."""
    order = [key.expression(reverse=reverse) for key in keys]
    connection = connections[queryset.db]
    if len(parts) == 1 and parts[0][0] is queryset:
        return list(queryset.filter(parts[0][1]).order_by(*order)[:limit])
    if not connection.features.supports_slicing_ordering_in_compound:
        condition = Q()
        for _part, branch in parts:
            condition |= branch
        # Partitions cover `queryset` (keyset_page), so its own rows are theirs.
        return list(queryset.filter(condition).order_by(*order)[:limit])
    names = [key.name for key in keys]
    selected = [
        part.prefetch_related(None)
        .select_related(None)
        .filter(branch)
        .order_by(*order)
        .values_list(*names)[:limit]
        for part, branch in parts
    ]
    union = selected[0].union(*selected[1:], all=True).order_by(*order)[:limit]
    pk_index = len(names) - 1
    pks = [row[pk_index] for row in union]
    by_pk = {row.pk: row for row in queryset.filter(pk__in=pks).order_by()}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def capped_count(queryset, cap, ordering=(), partitions=()):
    """(the number of rows up to `cap`, whether there are more). Neither computed columns nor
    related rows matter to a count; without them the database stops at the cap instead of
    ranking every row first. With `ordering` (expressions an index serves) the count walks
    that index and stops at the cap, as the page itself does; without, the database picks.
    With `partitions` (see keyset_page), each partition is counted up to the cap along its
    own index and the counts added, in one query."""
    connection = connections[queryset.db]
    if len(partitions) > 1 and connection.features.supports_slicing_ordering_in_compound:
        parts = [
            part.prefetch_related(None)
            .select_related(None)
            .order_by(*ordering)
            .values("pk")[: cap + 1]
            for part in partitions
        ]
        counted = parts[0].union(*parts[1:], all=True).count()
    else:
        bare = queryset.prefetch_related(None).select_related(None).order_by(*ordering)
        counted = bare.values("pk")[: cap + 1].count()
    return min(counted, cap), counted > cap


def keyset_page(
    queryset, *, ordering, after=None, before=None, per_page=25, count_cap=1000, partitions=()
):
    """One page of `queryset` in `ordering`, after the cursor `after` or before `before`.

    `partitions`: disjoint querysets whose rows together are the queryset's, each of which an
    index in `ordering` serves alone (e.g. one status of several asked for): the page is read
    as one ordered branch per partition, merged, instead of a walk along an index that passes
    the rows of every other partition.

    Queries: one capped count, one for the page (two after a cursor or with partitions on
    PostgreSQL: the ids, then the rows), plus the queryset's own prefetches.
    """
    keys = sort_keys(queryset, ordering)
    order = [key.expression() for key in keys]
    count, count_is_capped = capped_count(queryset, count_cap, order, partitions)
    page = KeysetPage(rows=[], count=count, count_is_capped=count_is_capped)
    after_values = decode_cursor(after, keys) if after else None
    before_values = decode_cursor(before, keys) if before and not after_values else None
    if before_values is not None:
        rows = _rows_after(
            queryset, keys, before_values, reverse=True, limit=per_page + 1, partitions=partitions
        )
        if len(rows) > per_page:
            rows = rows[:per_page]
            rows.reverse()
            page.rows = rows
            page.is_first = False
            page.previous_cursor = encode_cursor(rows[0], keys)
            page.next_cursor = encode_cursor(rows[-1], keys)
            return page
        # Fewer than a page before it: that is the first page.
        after_values = None
    if after_values is not None:
        rows = _rows_after(
            queryset, keys, after_values, reverse=False, limit=per_page + 1, partitions=partitions
        )
        page.is_first = False
    else:
        parts = [(part, Q()) for part in partitions or [queryset]]
        rows = _rows_in(queryset, keys, parts, limit=per_page + 1)
    page.rows = rows[:per_page]
    if len(rows) > per_page:
        page.next_cursor = encode_cursor(page.rows[-1], keys)
    if not page.is_first and page.rows:
        page.previous_cursor = encode_cursor(page.rows[0], keys)
    return page


class CappedPaginator(Paginator):
    """A Paginator that counts at most `cap` rows ("more than 500 results"): for lists in an
    order keyset pagination cannot follow, such as search results by relevance. Pages past
    the cap are not offered."""

    def __init__(self, object_list, per_page, *, cap, **kwargs):
        self.cap = cap
        self.count_is_capped = False
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        count, self.count_is_capped = capped_count(self.object_list, self.cap)
        return count
