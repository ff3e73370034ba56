"""BZK case handlers and the person on call (piket): who hears of a new, urgent or overdue report,
through the real outbox, SMTP sink and after-commit delivery; the hourly digest outside office
hours; the page to the person on call, its acknowledgement and its escalation, on a clock the
test controls."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from incidents import actions, oncall, tasks
from incidents.models import EventKind, IncidentEvent, OnCallShift, UrgentAlert
from incidents.tests import factories
from notifications import delivery
from notifications.models import Notification

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
# A Wednesday: 10:00 is office hours, 21:10 is not.
WEDNESDAY_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=AMS)
WEDNESDAY_EVENING = datetime(2026, 11, 25, 21, 10, tzinfo=AMS)
SECRETS = ("opgewacht", "Jan K.", "azc", "Anna", "de Vries", "06-1234")


@pytest.fixture
def clock(monkeypatch):
    """django.utils.timezone.now under the test's control."""

    class Clock:
        def set(self, moment):
            monkeypatch.setattr(timezone, "now", lambda: moment)
            return moment

    return Clock()


@pytest.fixture
def staff():
    return [people.triage_staff(full_name=f"Behandelaar {n}") for n in "ABC"]


def mails(sink):
    return [
        (message["To"], message["Subject"], message.get_payload(decode=True).decode())
        for message in sink.messages
    ]


def to(sink):
    return sorted(message["To"] for message in sink.messages)


def kinds_for(incident):
    return sorted(
        (kind.removeprefix("incidents."), recipient)
        for kind, recipient in Notification.objects.filter(
            object_id=incident.pk, kind__in=STAFF_CODES
        ).values_list("kind", "recipient")
    )


STAFF_CODES = [
    "incidents.staff_new",
    "incidents.staff_urgent",
    "incidents.staff_deadline",
    "incidents.oncall_urgent",
    "incidents.oncall_unanswered",
]


def shift(person, start, hours=12, *, lead=False):
    return OnCallShift.objects.create(
        person=person,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        is_team_lead=lead,
        created_by=person,
    )


def report(clock, moment, **kwargs):
    clock.set(moment)
    reporter = factories.reporter(full_name="Anna de Vries")
    return factories.submitted(reporter, contact_phone="06-12345678", **kwargs)


# --- new reports ----------------------------------------------------------------------------


def test_every_case_handler_gets_one_mail_about_a_new_report_without_its_content(
    staff, clock, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    member = people.support_team_member()
    with django_capture_on_commit_callbacks(execute=True):
        incident = report(clock, WEDNESDAY_MORNING)
    staff_mails = [m for m in mails(smtp_settings) if m[0] != member.email]
    staff_mails = [m for m in staff_mails if m[0] != incident.reporter.email]
    assert sorted(m[0] for m in staff_mails) == sorted(user.email for user in staff)
    for _to, subject, body in staff_mails:
        assert incident.reference in subject and incident.reference in body
        assert reverse("incidents:detail", args=[incident.pk]) in body
        for secret in SECRETS:
            assert secret not in subject + body
    # The support team still hears of it too, once.
    assert to(smtp_settings).count(member.email) == 1


def test_a_case_handler_who_reports_themselves_is_not_told_of_their_own_report(staff, clock):
    officeholder_too = staff[0]
    people.with_role(
        officeholder_too, "officeholder", office_type="burgemeester", body=people.municipality()
    )
    clock.set(WEDNESDAY_MORNING)
    incident = factories.submitted(officeholder_too)
    assert kinds_for(incident) == sorted(("staff_new", user.pk) for user in staff[1:])


def test_outside_office_hours_who_chose_it_gets_one_digest_per_hour_with_only_a_count(
    staff, clock, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    night_owl, others = staff[0], staff[1:]
    oncall.staff_notice_preference_set(actor=night_owl, digest_outside_office_hours=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = report(clock, WEDNESDAY_EVENING)
    with django_capture_on_commit_callbacks(execute=True):
        second = report(clock, WEDNESDAY_EVENING + timedelta(minutes=30))
    # The others had both at once; the digest waits for the end of the hour.
    assert sorted(to(smtp_settings)).count(night_owl.email) == 0
    assert {m[0] for m in mails(smtp_settings) if "Nieuwe melding" in m[1]} == {
        user.email for user in others
    }
    digest = Notification.objects.get(kind="incidents.staff_digest")
    assert digest.recipient == night_owl and digest.object_id is None
    assert digest.next_attempt_at == datetime(2026, 11, 25, 22, 0, tzinfo=AMS)

    smtp_settings.messages.clear()
    clock.set(datetime(2026, 11, 25, 22, 0, 30, tzinfo=AMS))
    delivery.relay()
    assert mails(smtp_settings)[0][0] == night_owl.email and len(smtp_settings.messages) == 1
    _to, subject, body = mails(smtp_settings)[0]
    assert "2 nieuwe meldingen" in body and "21:00" in body and "22:00" in body
    for secret in (*SECRETS, first.reference, second.reference):
        assert secret not in subject + body


def test_in_office_hours_the_digest_choice_changes_nothing(staff, clock):
    oncall.staff_notice_preference_set(actor=staff[0], digest_outside_office_hours=True)
    incident = report(clock, WEDNESDAY_MORNING)
    assert kinds_for(incident) == sorted(("staff_new", user.pk) for user in staff)
    assert not Notification.objects.filter(kind="incidents.staff_digest").exists()


def test_on_a_public_holiday_office_hours_do_not_apply(staff, clock):
    oncall.staff_notice_preference_set(actor=staff[0], digest_outside_office_hours=True)
    report(clock, datetime(2026, 12, 25, 10, 0, tzinfo=AMS))  # Christmas, a Friday
    assert Notification.objects.get(kind="incidents.staff_digest").recipient == staff[0]


# --- urgent reports and the person on call ---------------------------------------------------


def test_an_urgent_report_pages_the_person_on_call_and_tells_the_others_at_once(
    staff, clock, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    on_call, colleagues = staff[0], staff[1:]
    shift(on_call, WEDNESDAY_EVENING - timedelta(hours=2))
    oncall.staff_notice_preference_set(actor=colleagues[0], digest_outside_office_hours=True)
    with django_capture_on_commit_callbacks(execute=True):
        incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    assert kinds_for(incident) == sorted(
        [("oncall_urgent", on_call.pk)] + [("staff_urgent", user.pk) for user in colleagues]
    )
    staff_mails = {m[0]: m for m in mails(smtp_settings) if m[0] in {u.email for u in staff}}
    assert sorted(staff_mails) == sorted(user.email for user in staff)  # one each
    assert len([m for m in smtp_settings.messages if m["To"] == on_call.email]) == 1
    page = staff_mails[on_call.email]
    assert reverse("incidents:urgent_ack", args=[incident.pk]) in page[2]
    assert "[URGENT]" in page[1]
    for _to, subject, body in staff_mails.values():
        for secret in SECRETS:
            assert secret not in subject + body
    alert = UrgentAlert.objects.get(incident=incident)
    assert alert.paged == on_call and alert.acknowledged_at is None


def test_marking_a_case_urgent_later_pages_the_person_on_call_once(staff, clock):
    on_call, handler = staff[0], staff[1]
    shift(on_call, WEDNESDAY_MORNING - timedelta(hours=1))
    incident = report(clock, WEDNESDAY_MORNING)
    for urgent in (True, False, True):
        actions.incident_set_urgency(actor=handler, incident=incident, urgent=urgent)
    assert [k for k in kinds_for(incident) if k[0] == "oncall_urgent"] == [
        ("oncall_urgent", on_call.pk)
    ]


@pytest.fixture
def rota(staff):
    """A on call now, B on the next shift, C team lead now."""
    a, b, c = staff
    shift(a, WEDNESDAY_EVENING - timedelta(hours=2), hours=12)
    shift(b, WEDNESDAY_EVENING + timedelta(hours=10), hours=12)
    shift(c, WEDNESDAY_EVENING - timedelta(hours=2), hours=24, lead=True)
    return a, b, c


def test_unacknowledged_the_page_goes_to_the_next_on_call_and_the_team_lead_after_the_minutes(
    rota, clock, settings, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    settings.URGENT_ACK_MINUTES = 15
    a, b, c = rota
    incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    minute_14 = WEDNESDAY_EVENING + timedelta(minutes=14, seconds=59)
    assert oncall.urgent_alerts_escalate(now=minute_14) == []
    smtp_settings.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        escalated = oncall.urgent_alerts_escalate(now=WEDNESDAY_EVENING + timedelta(minutes=15))
    assert escalated == [incident.pk]
    assert to(smtp_settings) == sorted([b.email, c.email])
    for _to, subject, body in mails(smtp_settings):
        assert reverse("incidents:urgent_ack", args=[incident.pk]) in body
        for secret in SECRETS:
            assert secret not in subject + body
    event = IncidentEvent.objects.get(incident=incident, kind=EventKind.URGENT_UNANSWERED)
    assert event.actor is None and event.to_value == str(b.pk)
    # Once per case: the next run does nothing.
    assert oncall.urgent_alerts_escalate(now=WEDNESDAY_EVENING + timedelta(minutes=40)) == []
    assert Notification.objects.filter(kind="incidents.oncall_unanswered").count() == 2


def test_a_backup_on_call_at_the_same_time_comes_before_the_next_shift(rota, staff, clock):
    a, b, c = rota
    backup = people.triage_staff(full_name="Achterwacht")
    shift(backup, WEDNESDAY_EVENING - timedelta(hours=1), hours=12)
    incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    oncall.urgent_alerts_escalate(now=WEDNESDAY_EVENING + timedelta(minutes=16))
    assert [k for k in kinds_for(incident) if k[0] == "oncall_unanswered"] == sorted(
        [("oncall_unanswered", backup.pk), ("oncall_unanswered", c.pk)]
    )


def test_an_acknowledged_urgent_report_is_not_escalated(rota, clock):
    a, b, c = rota
    incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    clock.set(WEDNESDAY_EVENING + timedelta(minutes=3))
    client = Client()
    client.force_login(a)
    response = client.post(reverse("incidents:urgent_ack", args=[incident.pk]))
    assert response.status_code == 302
    alert = UrgentAlert.objects.get(incident=incident)
    assert alert.acknowledged_by == a
    assert alert.acknowledged_at == WEDNESDAY_EVENING + timedelta(minutes=3)
    event = IncidentEvent.objects.get(incident=incident, kind=EventKind.URGENT_ACKNOWLEDGED)
    assert event.actor == a
    assert oncall.urgent_alerts_escalate(now=WEDNESDAY_EVENING + timedelta(minutes=30)) == []
    assert not Notification.objects.filter(kind="incidents.oncall_unanswered").exists()


def test_with_no_one_in_the_rota_an_unacknowledged_report_goes_to_every_case_handler(staff, clock):
    incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    assert UrgentAlert.objects.get(incident=incident).paged is None
    oncall.urgent_alerts_escalate(now=WEDNESDAY_EVENING + timedelta(minutes=15))
    assert [k for k in kinds_for(incident) if k[0] == "oncall_unanswered"] == sorted(
        ("oncall_unanswered", user.pk) for user in staff
    )


def test_the_escalation_task_is_on_the_beat_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["incidents-escalate-unacknowledged-urgent"]
    assert entry["task"] == tasks.escalate_unacknowledged_urgent_reports.name
    assert entry["schedule"] == 60.0
    deadlines = settings.CELERY_BEAT_SCHEDULE["incidents-notify-passed-deadlines"]
    assert deadlines["task"] == tasks.notify_passed_deadlines.name


# --- acknowledging: the page behind the link --------------------------------------------------


def test_the_acknowledge_page_has_one_button_that_posts_with_csrf(rota, clock):
    a = rota[0]
    incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    client = Client(enforce_csrf_checks=True)
    url = reverse("incidents:urgent_ack", args=[incident.pk])
    assert Client().get(url).status_code == 302  # to the sign-in first
    client.force_login(a)
    page = client.get(url).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert main.count("<button") == 1 and main.count('<form method="post"') == 1
    assert 'name="csrfmiddlewaretoken"' in main
    assert client.post(url).status_code == 403  # no CSRF token
    assert UrgentAlert.objects.get(incident=incident).acknowledged_at is None


def test_only_case_handlers_reach_the_acknowledge_page(clock, staff):
    incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    url = reverse("incidents:urgent_ack", args=[incident.pk])
    for outsider in (people.support_team_member(), factories.reporter(), incident.reporter):
        client = Client()
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert UrgentAlert.objects.get(incident=incident).acknowledged_at is None


def test_the_case_page_shows_the_acknowledge_button_and_then_who_acknowledged(rota, clock):
    a, b, c = rota
    incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    client = Client()
    client.force_login(b)
    detail = reverse("incidents:detail", args=[incident.pk])
    assert "Ik neem deze melding aan" in client.get(detail).content.decode()
    client.post(reverse("incidents:urgent_ack", args=[incident.pk]))
    page = client.get(detail).content.decode()
    assert "Ik neem deze melding aan" not in page
    assert "aangenomen door Behandelaar B" in page


# --- passed deadlines -----------------------------------------------------------------------


def test_a_passed_deadline_goes_to_every_case_handler_when_unassigned_once(
    staff, clock, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    incident = report(clock, WEDNESDAY_MORNING)
    smtp_settings.messages.clear()
    after = incident.due_at + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert oncall.passed_deadlines_notify(now=after) == [incident.pk]
    assert to(smtp_settings) == sorted(user.email for user in staff)
    for _to, subject, body in mails(smtp_settings):
        for secret in SECRETS:
            assert secret not in subject + body
    assert oncall.passed_deadlines_notify(now=after + timedelta(minutes=5)) == []


def test_a_passed_deadline_goes_only_to_the_handler_when_assigned(staff, clock):
    incident = report(clock, WEDNESDAY_MORNING)
    actions.incident_assign(actor=staff[0], incident=incident, assignee=staff[1])
    oncall.passed_deadlines_notify(now=incident.due_at + timedelta(minutes=1))
    assert [k for k in kinds_for(incident) if k[0] == "staff_deadline"] == [
        ("staff_deadline", staff[1].pk)
    ]


def test_no_notice_before_the_deadline_or_after_the_first_response(staff, clock):
    incident = report(clock, WEDNESDAY_MORNING)
    assert oncall.passed_deadlines_notify(now=incident.due_at - timedelta(minutes=1)) == []
    actions.incident_acknowledge(actor=staff[0], incident=incident)
    assert oncall.passed_deadlines_notify(now=incident.due_at + timedelta(hours=1)) == []


def test_the_beat_tasks_run_the_checks_on_the_current_clock(rota, clock, eager_tasks):
    incident = report(clock, WEDNESDAY_EVENING, immediate_danger=True)
    clock.set(WEDNESDAY_EVENING + timedelta(minutes=10))
    assert tasks.escalate_unacknowledged_urgent_reports.delay().get() == []
    clock.set(WEDNESDAY_EVENING + timedelta(minutes=16))
    assert tasks.escalate_unacknowledged_urgent_reports.delay().get() == [incident.pk]
    clock.set(incident.due_at + timedelta(minutes=1))
    assert incident.pk in tasks.notify_passed_deadlines.delay().get()
