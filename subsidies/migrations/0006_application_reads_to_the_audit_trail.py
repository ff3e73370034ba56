"""Keep every read of an application: the rows of subsidies.ApplicationRead are copied into the one
audit trail (audit.AccessEntry) as reads of the application. Rows that the trail already holds
(every read since the trail existed was written to both) are not copied twice; see
audit/migration_helpers.py. The next migration removes the old table."""

from django.db import migrations

from audit.migration_helpers import copy_reads_out_of_trail, move_reads_into_trail

OLD = {
    "model": "subsidies.ApplicationRead",
    "object_field": "application",
    "object_type": "subsidies.grantapplication",
}


def forwards(apps, schema_editor):
    move_reads_into_trail(apps, schema_editor, **OLD)


def backwards(apps, schema_editor):
    copy_reads_out_of_trail(apps, schema_editor, **OLD, object_model="subsidies.GrantApplication")


class Migration(migrations.Migration):
    dependencies = [
        ("subsidies", "0005_decision_notices_to_the_one_outbox"),
        ("audit", "0004_erasure_confirmation_and_reminder"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
