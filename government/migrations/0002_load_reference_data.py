from django.db import migrations

from government.refdata_loader import load_government_bodies


def load(apps, schema_editor):
    load_government_bodies(apps.get_model("government", "GovernmentBody"))


class Migration(migrations.Migration):
    dependencies = [("government", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
