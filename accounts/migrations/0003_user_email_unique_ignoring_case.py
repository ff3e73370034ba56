import django.db.models.functions.text
from django.db import migrations, models


def drop_claims_on_other_accounts_addresses(apps, schema_editor):
    """Unconfirmed addresses that are another account's own address (added while e-mail
    verification was off) could give that address a reset link into the wrong account."""
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user_id, email in User.objects.values_list("pk", "email").iterator():
        EmailAddress.objects.filter(email__iexact=email).exclude(user_id=user_id).filter(
            verified=False
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invitation_approval_and_revoker"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(drop_claims_on_other_accounts_addresses, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                name="user_email_unique_ignoring_case",
            ),
        ),
    ]
