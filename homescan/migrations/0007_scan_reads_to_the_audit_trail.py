"""Keep every read of a shared scan: the rows of homescan.ScanRead are copied into the one audit
trail (audit.AccessEntry) as reads of the scan, those of deleted scans too (the trail outlives
the scan). Rows that the trail already holds (every read since the trail existed was written to
both) are not copied twice; see audit/migration_helpers.py. The next migration removes the old
table."""

from django.db import migrations

from audit.migration_helpers import copy_reads_out_of_trail, move_reads_into_trail

OLD = {"model": "homescan.ScanRead", "object_field": "scan", "object_type": "homescan.scanresult"}


def forwards(apps, schema_editor):
    move_reads_into_trail(apps, schema_editor, **OLD)


def backwards(apps, schema_editor):
    copy_reads_out_of_trail(apps, schema_editor, **OLD, object_model=None)


class Migration(migrations.Migration):
    dependencies = [
        ("homescan", "0006_fund_request_notices_moved_to_the_one_outbox"),
        ("audit", "0004_erasure_confirmation_and_reminder"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
