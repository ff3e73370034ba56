"""The security measures fund: water boards' officeholders may apply too, and an officeholder
may apply again once an earlier application was decided (one undecided at a time per body)."""

from django.db import migrations, models

FUND_SLUG = "fonds-beveiligingsmaatregelen"
OPEN = ["draft", "in_review", "info_requested", "resubmitted", "submitted"]


def water_boards_eligible(apps, schema_editor):
    GrantScheme = apps.get_model("subsidies", "GrantScheme")
    for scheme in GrantScheme.objects.filter(slug=FUND_SLUG):
        if "water_board" not in scheme.eligible_body_kinds:
            scheme.eligible_body_kinds = [*scheme.eligible_body_kinds, "water_board"]
            scheme.save(update_fields=["eligible_body_kinds"])


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0011_account_returned_with_a_question")]

    operations = [
        migrations.RemoveConstraint(
            model_name="grantapplication",
            name="grant_application_one_per_officeholder_per_scheme",
        ),
        migrations.AddConstraint(
            model_name="grantapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("applicant__isnull", False), ("status__in", OPEN)),
                fields=("scheme", "body", "applicant"),
                name="grant_application_one_open_per_officeholder",
            ),
        ),
        migrations.RunPython(water_boards_eligible, migrations.RunPython.noop),
    ]
