from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("subsidies", "0015_on_behalf_with_consent"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="kind",
            field=models.CharField(
                choices=[
                    ("floor_plan", "Plattegrond van de vergaderzaal"),
                    ("quote", "Offerte"),
                    ("security_advice", "Advies politie of beveiligingsadviseur"),
                    ("other", "Overig"),
                    ("invoice", "Factuur"),
                ],
                max_length=20,
                verbose_name="soort bijlage",
            ),
        ),
    ]
