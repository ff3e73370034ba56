"""Reads of the outbox: the delivery state staff see per object."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Model

from .models import DeliveryAttempt, Notification

User = get_user_model()

_ATTEMPT = {
    "a_id": "delivery_attempts__id",
    "a_number": "delivery_attempts__number",
    "a_started_at": "delivery_attempts__started_at",
    "a_finished_at": "delivery_attempts__finished_at",
    "a_outcome": "delivery_attempts__outcome",
    "a_error": "delivery_attempts__error",
}


# The SQL of `notifications_about`, compiled once per process (per database and content type):
# building the queryset and compiling its joins and annotations took about 1 ms a request on
# the staff case page, where the query itself takes a fraction of that. The object's id is its
# only changing parameter; the converters are the ORM's own for each column.
_ANY_OBJECT = 918_273_645_546_372_819
_NOTICE_FIELDS = [field.attname for field in Notification._meta.concrete_fields]
_RECIPIENT = {"r_full_name": "recipient__full_name", "r_email": "recipient__email"}
_COLUMNS = [*_NOTICE_FIELDS, *_RECIPIENT, *_ATTEMPT]
_Compiled = tuple[str, tuple[Any, ...], list[Any]]
_COMPILED: dict[tuple[str, str, int], _Compiled] = {}


def _compiled(alias: str, content_type_id: int) -> _Compiled:
    connection = connections[alias]
    key = (alias, connection.vendor, content_type_id)
    if key not in _COMPILED:
        queryset = (
            Notification.objects.using(alias)
            .filter(content_type_id=content_type_id, object_id=_ANY_OBJECT)
            .annotate(**{name: F(path) for name, path in {**_RECIPIENT, **_ATTEMPT}.items()})
            .order_by("created_at", "pk", "delivery_attempts__number")
            .values_list(*_COLUMNS)
        )
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        converters = sorted(
            compiler.get_converters([column for column, _sql, _alias in compiler.select]).items()
        )
        _COMPILED[key] = (sql, params, converters)
    return _COMPILED[key]


def _rows(alias: str, content_type_id: int, object_id: int) -> list[dict[str, Any]]:
    connection = connections[alias]
    sql, template, converters = _compiled(alias, content_type_id)
    params = [object_id if value == _ANY_OBJECT else value for value in template]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    rows = []
    for row in map(list, found):
        for position, (functions, expression) in converters:
            for function in functions:
                row[position] = function(row[position], expression, connection)
        rows.append(dict(zip(_COLUMNS, row, strict=True)))
    return rows


def notifications_about(obj: Model) -> list[Notification]:
    """Every notice about `obj` with its attempt history, oldest first: one query, a row per
    attempt (joined), each notice's `delivery_attempts.all()` filled as a prefetch would, its
    `recipient` the person's name and address (what the delivery table shows)."""
    alias = obj._state.db or DEFAULT_DB_ALIAS
    content_type = ContentType.objects.db_manager(alias).get_for_model(obj)
    notices: dict[int, Notification] = {}
    attempts: dict[int, list[DeliveryAttempt]] = {}
    for row in _rows(alias, content_type.pk, obj.pk):
        notice = notices.get(row["id"])
        if notice is None:
            notice = Notification.from_db(
                alias, _NOTICE_FIELDS, [row[name] for name in _NOTICE_FIELDS]
            )
            if row["recipient_id"] is not None:
                recipient = User(
                    id=row["recipient_id"], full_name=row["r_full_name"], email=row["r_email"]
                )
                recipient._state.adding = False
                recipient._state.db = alias
                notice.recipient = recipient
            else:
                notice.recipient = None
            notices[notice.pk] = notice
        found = attempts.setdefault(notice.pk, [])
        if row["a_id"] is not None:
            attempt = DeliveryAttempt(
                id=row["a_id"],
                notification=notice,
                number=row["a_number"],
                started_at=row["a_started_at"],
                finished_at=row["a_finished_at"],
                outcome=row["a_outcome"],
                error=row["a_error"],
            )
            attempt._state.adding = False
            attempt._state.db = alias
            found.append(attempt)
    listed: Any  # the prefetch cache is not in the model's type
    for pk, listed in notices.items():
        queryset: Any = listed.delivery_attempts.all()
        queryset._result_cache = attempts[pk]
        queryset._prefetch_done = True
        listed._prefetched_objects_cache = {"delivery_attempts": queryset}
    return list(notices.values())
