"""Staff hear once of each overdue starterspakket, through the one outbox, with a link to the
overview and nothing about the mayor; and the old fund-request notices live on in the one
outbox (a sent one as sent, an unsent one queued and sent only if its recipient may still open
the application)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from homescan import actions, tasks
from homescan.models import StarterKit
from homescan.tests import factories
from notifications.models import Notification, State
from notifications.tasks import relay_notifications

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def mails(sink):
    return [(m["To"], m["Subject"], m.get_payload(decode=True).decode()) for m in sink.messages]


def kit_for(name, *, days_old, settings, body=None):
    mayor = factories.mayor(full_name=name)
    kit = actions.starter_kit_create(mayor=mayor, body=body or people.municipality("GM0344"))
    StarterKit.objects.filter(pk=kit.pk).update(
        created_at=timezone.now() - timedelta(days=days_old)
    )
    return kit


def test_staff_hear_once_of_an_overdue_starter_kit_and_nobody_else(
    settings, smtp_settings, django_capture_on_commit_callbacks
):
    settings.STARTER_KIT_DUE_DAYS = 30
    staff = [people.triage_staff(), people.triage_staff()]
    staff.append(people.with_role(people.triage_staff(), "support_team"))  # both: one mail
    people.support_team_member()
    inactive = people.triage_staff(is_active=False)
    late = kit_for("Anna Laat", days_old=31, settings=settings)
    kit_for("Bram Vers", days_old=29, settings=settings)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.notify_overdue_starter_kits() == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.notify_overdue_starter_kits() == 0  # once per kit
    messages = mails(smtp_settings)
    recipients = sorted(to for to, _s, _b in messages)
    assert recipients == sorted(u.email for u in staff)
    assert inactive.email not in recipients and late.mayor.email not in recipients
    for _to, subject, body in messages:
        assert subject == "Een starterspakket is over tijd"
        assert reverse("homescan:starter_kits") in body
        for secret in ("Anna", "Laat", "Utrecht", late.mayor.email, "Bram"):
            assert secret not in body and secret not in subject
    assert set(
        Notification.objects.filter(kind="homescan.starter_kit_overdue").values_list(
            "object_id", flat=True
        )
    ) == {late.pk}


def test_a_colleague_who_joins_later_is_not_told_of_an_old_overdue_kit(settings, smtp_settings):
    settings.STARTER_KIT_DUE_DAYS = 30
    people.triage_staff()
    kit_for("Anna Laat", days_old=40, settings=settings)
    assert tasks.notify_overdue_starter_kits() == 1
    people.triage_staff()
    assert tasks.notify_overdue_starter_kits() == 0


def test_a_kit_finished_before_the_mail_went_out_is_withdrawn(settings, smtp_settings):
    settings.STARTER_KIT_DUE_DAYS = 30
    people.triage_staff()
    kit = kit_for("Anna Laat", days_old=40, settings=settings)
    assert tasks.notify_overdue_starter_kits() == 1  # no commit: waits for the relay
    StarterKit.objects.filter(pk=kit.pk).update(completed_at=timezone.now())
    assert relay_notifications() == {"withdrawn": 1}
    assert smtp_settings.messages == []


def test_the_overdue_check_is_scheduled_and_no_homescan_relay_is_left(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["homescan-overdue-starter-kits"]
    assert entry["task"] == tasks.notify_overdue_starter_kits.name
    assert not [k for k in settings.CELERY_BEAT_SCHEDULE if "pending" in k]


@pytest.fixture
def back_to_the_latest_schema():
    # Later migrations (the scan reads moved to the audit trail) drop tables that would
    # otherwise be left behind, and a table left behind breaks the flush on PostgreSQL.
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_fund_request_notice(smtp_settings, back_to_the_latest_schema):
    """Migrates homescan back to before the move, writes old rows, migrates forward."""
    before = [("homescan", "0004_scan_read_outlives_scan")]
    after = [("homescan", "0006_fund_request_notices_moved_to_the_one_outbox")]
    # The scan is made with today's models, before going back: the homescan tables of 0004
    # lack columns added since (the English of the questionnaire, 0009).
    owner = factories.mayor()
    body = owner.role_assignments.get().body
    griffier = people.griffier(body=body)
    scan = factories.scan(owner=owner)
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    FundRequestNotice = old.get_model("homescan", "FundRequestNotice")
    from subsidies.models import GrantApplication, GrantScheme

    fund = GrantScheme.objects.get(slug="fonds-beveiligingsmaatregelen")
    vv = GrantScheme.objects.get(slug="veilig-vergaderen")
    own = GrantApplication.objects.create(scheme=fund, body=body, created_by=owner, applicant=owner)
    griffies = GrantApplication.objects.create(scheme=vv, body=body, created_by=griffier)
    sent_at = timezone.now() - timedelta(days=3)
    sent = FundRequestNotice.objects.create(
        scan_id=scan.pk, application_id=griffies.pk, recipient_id=griffier.pk, sent_at=sent_at
    )
    may_open = FundRequestNotice.objects.create(
        scan_id=scan.pk, application_id=own.pk, recipient_id=owner.pk
    )
    may_not = FundRequestNotice.objects.create(
        scan_id=scan.pk, application_id=own.pk, recipient_id=griffier.pk
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    rows = {
        (row.object_id, row.recipient_id): row
        for row in Notification.objects.filter(kind="homescan.fund_request")
    }
    assert set(rows) == {
        (sent.application_id, griffier.pk),
        (may_open.application_id, owner.pk),
        (may_not.application_id, griffier.pk),
    }
    kept = rows[(griffies.pk, griffier.pk)]
    assert (kept.state, kept.sent_at) == (State.SENT, sent_at)
    assert rows[(own.pk, owner.pk)].state == State.QUEUED
    assert rows[(own.pk, griffier.pk)].state == State.QUEUED
    assert "homescan_fundrequestnotice" not in connection.introspection.table_names()
    # The queued ones: the officeholder's is sent, the griffier's withdrawn (they may not open it).
    assert sorted(relay_notifications().items()) == [("sent", 1), ("withdrawn", 1)]
    assert [to for to, _s, _b in mails(smtp_settings)] == [owner.email]
