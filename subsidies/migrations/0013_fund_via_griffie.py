"""Fund applications made through the griffie are marked, and their drafts frozen.

Before 0004 the griffie applied to the security measures fund for the whole body: one draft per
body, to which the home scan added 'measure (woning van <name>)' lines of every officeholder
who asked, and which the griffier completed and sent in. 0004 handed each to whoever started it.
Such an application is marked `via_griffie` when anyone but its recorded applicant shaped it
(started it, uploaded to it, sent it in or kept a revision of it), when its starter is no
officeholder of the body, or when a line carries the old name suffix. What was sent in goes on
at BZK as before and stays readable; a draft is frozen: nobody changes or sends it, and the
home scans that pointed to it are released (homescan migration) so that each officeholder puts
their measures in an application of their own.
"""

from django.db import migrations, models

OPEN = ["draft", "in_review", "info_requested", "resubmitted", "submitted"]


def mark_via_griffie(apps, schema_editor):
    GrantApplication = apps.get_model("subsidies", "GrantApplication")
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    marked = []
    for application in GrantApplication.objects.filter(scheme__applicant_kind="officeholder"):
        applicant = application.applicant_id
        starter_holds_office = RoleAssignment.objects.filter(
            user_id=application.created_by_id, role="officeholder", body_id=application.body_id
        ).exists()
        shaped_by_others = (
            application.created_by_id != applicant
            or application.revisions.exclude(created_by_id=applicant).exists()
            or application.attachments.exclude(uploaded_by_id=applicant).exists()
            or application.events.filter(from_status__in=["draft", "info_requested"])
            .exclude(actor_id=applicant)
            .exists()
        )
        old_suffix = application.lines.filter(description__contains="(woning van ").exists()
        if not starter_holds_office or shaped_by_others or old_suffix:
            marked.append(application.pk)
    GrantApplication.objects.filter(pk__in=marked).update(via_griffie=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_copy_sessions_with_their_user"),
        ("subsidies", "0012_fund_open_per_officeholder"),
    ]

    operations = [
        migrations.AddField(
            model_name="grantapplication",
            name="via_griffie",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Een aanvraag bij het fonds uit de tijd dat de griffie die voor de hele "
                    "overheid deed. Een concept daarvan is bevroren."
                ),
                verbose_name="via de griffie gemaakt",
            ),
        ),
        migrations.RunPython(mark_via_griffie, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="grantapplication",
            name="grant_application_one_open_per_officeholder",
        ),
        migrations.AddConstraint(
            model_name="grantapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("applicant__isnull", False), ("status__in", OPEN), ("via_griffie", False)
                ),
                fields=("scheme", "body", "applicant"),
                name="grant_application_one_open_per_officeholder",
            ),
        ),
    ]
