"""Who applies: the griffie for the body, or the officeholder straight to BZK.

The security measures fund never passes the council or its griffie. Its existing applications
become the applications of whoever started them (the officeholder, through the home scan); from
now on no griffier sees them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FUND_SLUG = "fonds-beveiligingsmaatregelen"


def fund_is_for_officeholders(apps, schema_editor):
    GrantScheme = apps.get_model("subsidies", "GrantScheme")
    GrantApplication = apps.get_model("subsidies", "GrantApplication")
    GrantScheme.objects.filter(slug=FUND_SLUG).update(applicant_kind="officeholder")
    for application in GrantApplication.objects.filter(
        scheme__applicant_kind="officeholder", applicant__isnull=True
    ):
        application.applicant_id = application.created_by_id
        application.save(update_fields=["applicant"])


class Migration(migrations.Migration):
    dependencies = [
        ("government", "0003_population"),
        ("subsidies", "0003_application_read"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="grantapplication",
            name="grant_application_one_per_body_per_scheme",
        ),
        migrations.AddField(
            model_name="grantapplication",
            name="applicant",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="own_grant_applications",
                to=settings.AUTH_USER_MODEL,
                verbose_name="aanvrager (ambtsdrager)",
            ),
        ),
        migrations.AddField(
            model_name="grantscheme",
            name="applicant_kind",
            field=models.CharField(
                choices=[
                    ("body", "De griffie, namens de overheid"),
                    ("officeholder", "De ambtsdrager zelf, rechtstreeks bij BZK"),
                ],
                default="body",
                help_text="Maatregelen voor de woning of de persoon van een ambtsdrager vraagt de ambtsdrager zelf aan; de griffie ziet die aanvragen nooit.",
                max_length=20,
                verbose_name="wie vraagt aan",
            ),
        ),
        migrations.AddConstraint(
            model_name="grantapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("applicant__isnull", True)),
                fields=("scheme", "body"),
                name="grant_application_one_per_body_per_scheme",
            ),
        ),
        migrations.AddConstraint(
            model_name="grantapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("applicant__isnull", False)),
                fields=("scheme", "body", "applicant"),
                name="grant_application_one_per_officeholder_per_scheme",
            ),
        ),
        migrations.RunPython(fund_is_for_officeholders, migrations.RunPython.noop),
    ]
