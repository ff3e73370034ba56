"""Moving the apps' old read logs (incidents.CaseAccessLog, subsidies.ApplicationRead,
homescan.ScanRead) into the one trail, audit.AccessEntry. Used by those apps' data migrations
only, with the historical models they are handed; keep its behaviour as it is.

Since the audit trail exists, every read was written twice, once into the app's log and once
into AccessEntry (a few microseconds apart, by the same request). An old row that has such a
twin is therefore not copied again; the older rows, from before the trail, are. Each AccessEntry
is the twin of at most one old row, so two genuine reads in the same second both survive.
"""

from collections import defaultdict
from datetime import timedelta

TWIN_WINDOW = timedelta(seconds=5)
BATCH = 500


def _batches(values, size=BATCH):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _take_twin(times, at):
    """Remove and return the time in `times` closest to `at` within the window, if any."""
    best = None
    for index, other in enumerate(times):
        gap = abs(other - at)
        if gap <= TWIN_WINDOW and (best is None or gap < abs(times[best] - at)):
            best = index
    return None if best is None else times.pop(best)


def move_reads_into_trail(apps, schema_editor, *, model, object_field, object_type):
    """Copy the rows of `model` ("app_label.ModelName", with a `reader`, `what` and `at` and
    a foreign key `object_field` to the object read) into audit.AccessEntry as reads of
    `object_type` ("incidents.incident"), skipping the rows already there."""
    old_model = apps.get_model(model)
    entry_model = apps.get_model("audit", "AccessEntry")
    db = schema_editor.connection.alias
    column = f"{object_field}_id"
    object_ids = sorted(set(old_model.objects.using(db).values_list(column, flat=True)))
    moved = 0
    for chunk in _batches(object_ids):
        present = defaultdict(list)
        entries = entry_model.objects.using(db).filter(
            object_type=object_type, action="read", object_id__in=[str(pk) for pk in chunk]
        )
        for object_id, actor_id, what, at in entries.values_list(
            "object_id", "actor_id", "what", "at"
        ):
            present[(object_id, actor_id, what)].append(at)
        rows = (
            old_model.objects.using(db)
            .filter(**{f"{column}__in": chunk})
            .order_by("at", "pk")
            .values_list(column, "reader_id", "what", "at")
        )
        new = []
        for object_pk, reader_id, what, at in rows:
            what = (what or "")[:30]
            if _take_twin(present[(str(object_pk), reader_id, what)], at) is not None:
                continue
            new.append(
                entry_model(
                    actor_id=reader_id,
                    object_type=object_type,
                    object_id=str(object_pk),
                    action="read",
                    what=what,
                    session_hash="",
                    at=at,
                )
            )
        entry_model.objects.using(db).bulk_create(new, batch_size=BATCH)
        moved += len(new)
    return moved


def copy_reads_out_of_trail(
    apps, schema_editor, *, model, object_field, object_type, object_model=None
):
    """The way back (migrating backwards): the reads of `object_type` in the trail become rows
    of `model` again. The trail keeps them (it is append-only). With `object_model`, only the
    reads of objects that still exist are copied (the old table had a foreign key)."""
    old_model = apps.get_model(model)
    entry_model = apps.get_model("audit", "AccessEntry")
    db = schema_editor.connection.alias
    column = f"{object_field}_id"
    max_what = old_model._meta.get_field("what").max_length
    entries = entry_model.objects.using(db).filter(object_type=object_type, action="read")
    existing = None
    if object_model is not None:
        existing = {
            str(pk)
            for pk in apps.get_model(object_model).objects.using(db).values_list("pk", flat=True)
        }
    new = [
        old_model(**{column: int(object_id)}, reader_id=actor_id, what=what[:max_what], at=at)
        for object_id, actor_id, what, at in entries.order_by("at", "pk")
        .values_list("object_id", "actor_id", "what", "at")
        .iterator()
        if existing is None or object_id in existing
    ]
    old_model.objects.using(db).bulk_create(new, batch_size=BATCH)
