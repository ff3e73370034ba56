"""On PostgreSQL, refuse UPDATE and DELETE of audit rows in the database itself, so not even a
superuser's SQL console or a bug that bypasses the model can rewrite the trail.

TRUNCATE is left alone: the test suite empties tables with it, and a TRUNCATE needs table
ownership, which the application's role should not have in production."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_accessentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_accessentry is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_accessentry_append_only ON audit_accessentry;
CREATE TRIGGER audit_accessentry_append_only
    BEFORE UPDATE OR DELETE ON audit_accessentry
    FOR EACH ROW EXECUTE FUNCTION audit_accessentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_accessentry_append_only ON audit_accessentry;
DROP FUNCTION IF EXISTS audit_accessentry_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
