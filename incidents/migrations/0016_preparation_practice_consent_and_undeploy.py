from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0015_deployment_records_and_preparation_requests"),
    ]

    operations = [
        migrations.AddField(
            model_name="preparationrequest",
            name="practice_consent",
            field=models.CharField(
                blank=True,
                choices=[
                    ("given", "Toestemming gegeven"),
                    ("refused", "Nee, geen praktijkvoorbeeld"),
                ],
                max_length=10,
                verbose_name="toestemming voor een praktijkvoorbeeld",
            ),
        ),
        migrations.AddField(
            model_name="preparationrequest",
            name="practice_consent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="incidentevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("status", "Status gewijzigd"),
                    ("urgency", "Urgentie gewijzigd"),
                    ("assigned", "Behandelaar gewijzigd"),
                    ("escalated", "Geëscaleerd naar het Ondersteuningsteam"),
                    ("deployed", "Ondersteuningsteam ingezet"),
                    ("undeployed", "Teamlid niet langer ingezet"),
                    ("consent", "Antwoord van de collega om wie het gaat"),
                    ("step", "Stap uit het stappenplan afgerond"),
                    ("urgent_ack", "Urgente melding aangenomen (piket)"),
                    (
                        "urgent_unanswered",
                        "Urgente melding niet op tijd aangenomen: doorgezet naar de volgende "
                        "piket en de teamleider",
                    ),
                ],
                max_length=20,
            ),
        ),
    ]
