"""Keep every read of a case: the rows of incidents.CaseAccessLog are copied into the one audit
trail (audit.AccessEntry) as reads of the case. Rows that the trail already holds (every read
since the trail existed was written to both) are not copied twice; see
audit/migration_helpers.py. The next migration removes the old table."""

from django.db import migrations

from audit.migration_helpers import copy_reads_out_of_trail, move_reads_into_trail

OLD = {
    "model": "incidents.CaseAccessLog",
    "object_field": "incident",
    "object_type": "incidents.incident",
}


def forwards(apps, schema_editor):
    move_reads_into_trail(apps, schema_editor, **OLD)


def backwards(apps, schema_editor):
    copy_reads_out_of_trail(apps, schema_editor, **OLD, object_model="incidents.Incident")


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0007_reporter_notices_visits_and_reopening"),
        ("audit", "0004_erasure_confirmation_and_reminder"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
