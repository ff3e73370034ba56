import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0016_preparation_practice_consent_and_undeploy"),
        ("network", "0006_translate_themes_and_target_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="knowledgeitem",
            name="preparation",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="practice",
                to="incidents.preparationrequest",
            ),
        ),
    ]
