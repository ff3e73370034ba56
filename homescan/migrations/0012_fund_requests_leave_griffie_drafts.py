"""A scan whose measures went into a fund draft made through the griffie (frozen by subsidies
0013) is released: its owner asks again and the measures go to an application of their own."""

from django.db import migrations


def release(apps, schema_editor):
    ScanResult = apps.get_model("homescan", "ScanResult")
    ScanResult.objects.filter(
        fund_application__via_griffie=True, fund_application__status="draft"
    ).update(fund_application=None, fund_requested_at=None)


class Migration(migrations.Migration):
    dependencies = [
        ("homescan", "0011_starter_kit_risk_analysis"),
        ("subsidies", "0013_fund_via_griffie"),
    ]

    operations = [migrations.RunPython(release, migrations.RunPython.noop)]
