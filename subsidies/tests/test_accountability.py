"""The account (verantwoording) of a paid grant: due a scheme's period after the payment, shown
to the applicant and to staff, reminded through the one outbox four weeks before and once
overdue (each once per due date, never after the account was sent in), listed for staff when
near or late, and moved only by staff with a reason that is kept."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests import factories as people
from audit.models import AccessEntry
from notifications.models import Notification, State
from notifications.tasks import relay_notifications
from subsidies import actions, tasks
from subsidies import selectors as subsidy_selectors
from subsidies.models import AccountDueDateChange, GrantApplication, GrantScheme, add_months
from subsidies.tests import factories
from subsidies.workflow import Status, TransitionNotAllowed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]

CONTENT = ("Maatregel", "12.500", "15.000", "publieke tribune", "bedreigd", "Fatima El Amrani")


def due_in(application, days):
    due = timezone.localdate() + timedelta(days=days)
    GrantApplication.objects.filter(pk=application.pk).update(account_due_on=due)
    return due


def mails(sink):
    return [(m["To"], m["Subject"], m.get_payload(decode=True).decode()) for m in sink.messages]


def run_reminders(capture):
    with capture(execute=True):
        return tasks.remind_of_account_due_dates()


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(date(2026, 3, 1), 12) == date(2027, 3, 1)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 15), 2) == date(2027, 1, 15)


def test_the_payment_sets_the_due_date_the_schemes_period_later():
    decision = factories.decided()
    assert decision.application.account_due_on is None  # decided, not yet paid
    GrantScheme.objects.filter(pk=decision.application.scheme_id).update(account_period_months=6)
    application = actions.application_mark_paid(
        actor=people.triage_staff(), application=decision.application
    )
    application.refresh_from_db()
    assert application.status == Status.PAID
    assert application.account_due_on == add_months(timezone.localdate(), 6)


def test_the_griffier_and_staff_see_the_due_date_on_the_application_page(client):
    application = factories.paid()
    GrantApplication.objects.filter(pk=application.pk).update(account_due_on=date(2027, 3, 1))
    url = reverse("subsidies:detail", args=[application.pk])
    client.force_login(application.created_by)
    page = client.get(url).content.decode()
    assert "Verantwoording uiterlijk 1 maart 2027" in page
    assert "Naar het formulier voor de verantwoording" in page
    assert "Datum verschuiven" not in page  # staff only
    client.force_login(people.triage_staff())
    page = client.get(url).content.decode()
    assert "Verantwoording uiterlijk 1 maart 2027" in page
    assert "Datum verschuiven" in page


def test_an_accounted_grant_no_longer_shows_a_due_date(client):
    application = factories.paid()
    factories.account_sent(application)
    actions.account_approve(actor=people.triage_staff(), application=application)
    client.force_login(application.created_by)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Verantwoording uiterlijk" not in page


def test_four_weeks_before_the_due_date_the_applicant_is_reminded_once_without_content(
    smtp_settings, django_capture_on_commit_callbacks
):
    application = factories.paid(griffier=people.griffier(full_name="Greet Griffier"))
    due_in(application, 29)
    assert run_reminders(django_capture_on_commit_callbacks) == 0  # not yet
    due_in(application, 28)
    assert run_reminders(django_capture_on_commit_callbacks) == 1
    assert run_reminders(django_capture_on_commit_callbacks) == 0  # twice: once
    [(to, subject, body)] = mails(smtp_settings)
    assert to == application.created_by.email
    assert subject == "Herinnering: de verantwoording van uw subsidie"
    assert reverse("subsidies:detail", args=[application.pk]) in body
    for secret in (*CONTENT, application.reference, "Greet Griffier", application.body.name):
        assert secret not in subject and secret not in body
    row = Notification.objects.get()
    assert (row.kind, row.recipient, row.state) == (
        "subsidies.account_due_soon",
        application.created_by,
        State.SENT,
    )


def test_the_day_after_the_due_date_an_overdue_notice_goes_once(
    smtp_settings, django_capture_on_commit_callbacks
):
    application = factories.paid()
    due_in(application, 0)  # due today: not yet overdue
    assert run_reminders(django_capture_on_commit_callbacks) == 1
    due_in(application, -1)
    assert run_reminders(django_capture_on_commit_callbacks) == 1
    assert run_reminders(django_capture_on_commit_callbacks) == 0
    assert list(Notification.objects.order_by("pk").values_list("kind", flat=True)) == [
        "subsidies.account_due_soon",
        "subsidies.account_overdue",
    ]
    [_first, (to, subject, body)] = mails(smtp_settings)
    assert to == application.created_by.email
    assert subject == "De verantwoording van uw subsidie is nog niet binnen"
    for secret in (*CONTENT, application.reference):
        assert secret not in subject and secret not in body


def test_a_sent_in_or_approved_account_gets_no_reminder(
    smtp_settings, django_capture_on_commit_callbacks
):
    sent_in = factories.paid()
    factories.account_sent(sent_in)
    approved = factories.paid(griffier=people.griffier(body=people.municipality("GM0363")))
    factories.account_sent(approved)
    actions.account_approve(actor=people.triage_staff(), application=approved)
    for application in (sent_in, approved):
        due_in(application, -3)
    assert run_reminders(django_capture_on_commit_callbacks) == 0
    assert smtp_settings.messages == []


def test_a_reminder_not_yet_delivered_is_withdrawn_once_the_account_is_sent_in(smtp_settings):
    application = factories.paid()
    due_in(application, 10)
    assert tasks.remind_of_account_due_dates() == 1  # no commit: waits for the relay
    factories.account_sent(application)
    assert relay_notifications() == {"withdrawn": 1}
    assert smtp_settings.messages == []


def test_the_account_reminders_are_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["subsidies-account-reminders"]
    assert entry["task"] == tasks.remind_of_account_due_dates.name


def test_only_staff_move_a_due_date_and_who_and_why_are_kept(client):
    application = factories.paid()
    old_due = application.account_due_on
    new_due = timezone.localdate() + timedelta(days=120)
    with pytest.raises(PermissionDenied):
        actions.account_due_date_move(
            actor=application.created_by, application=application, due_on=new_due, reason="x"
        )
    url = reverse("subsidies:account_due_date", args=[application.pk])
    form = {"due_on": new_due.isoformat(), "reason": "De verbouwing loopt vertraging op."}
    client.force_login(application.created_by)
    assert client.post(url, form).status_code == 404
    assert not AccountDueDateChange.objects.exists()
    staff = people.triage_staff()
    client.force_login(staff)
    response = client.post(url, form)
    assert response.status_code == 302
    change = AccountDueDateChange.objects.get()
    assert (change.actor, change.previous_due_on, change.due_on, change.reason) == (
        staff,
        old_due,
        new_due,
        "De verbouwing loopt vertraging op.",
    )
    application.refresh_from_db()
    assert application.account_due_on == new_due
    assert AccessEntry.objects.filter(
        actor=staff, object_id=str(application.pk), action="change", what="account_due_on"
    ).exists()
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "De verbouwing loopt vertraging op." in page
    # The griffier sees the new date, not the reason.
    client.force_login(application.created_by)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "De verbouwing loopt vertraging op." not in page
    assert f"Verantwoording uiterlijk {new_due.day}" in page


def test_moving_a_due_date_needs_a_reason_and_a_day_not_past(client):
    application = factories.paid()
    client.force_login(people.triage_staff())
    url = reverse("subsidies:account_due_date", args=[application.pk])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    no_reason = client.post(url, {"due_on": tomorrow, "reason": ""})
    assert no_reason.status_code == 400
    assert 'id="id_due_reason"' in no_reason.text and "aria-invalid" in no_reason.text
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    past = client.post(url, {"due_on": yesterday, "reason": "Uitstel"})
    assert past.status_code == 400
    assert "Kies vandaag of een dag in de toekomst." in past.text
    assert not AccountDueDateChange.objects.exists()


def test_a_due_date_moves_only_while_the_account_is_awaited(client):
    decision = factories.decided()
    client.force_login(people.triage_staff())
    url = reverse("subsidies:account_due_date", args=[decision.application_id])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url, {"due_on": tomorrow, "reason": "Uitstel"})
    assert response.status_code == 302
    assert not AccountDueDateChange.objects.exists()


def test_a_moved_due_date_is_reminded_again_when_it_nears(
    smtp_settings, django_capture_on_commit_callbacks
):
    application = factories.paid()
    due_in(application, 5)
    assert run_reminders(django_capture_on_commit_callbacks) == 1
    actions.account_due_date_move(
        actor=people.triage_staff(),
        application=application,
        due_on=timezone.localdate() + timedelta(days=20),
        reason="Uitstel afgesproken",
    )
    assert run_reminders(django_capture_on_commit_callbacks) == 1
    assert len(smtp_settings.messages) == 2


def _three_paid_grants():
    soon = factories.paid()
    late = factories.paid(griffier=people.griffier(body=people.municipality("GM0363")))
    later = factories.paid(griffier=people.griffier(body=people.municipality("GM0014")))
    sent_in = factories.paid(griffier=people.griffier(body=people.municipality("GM0034")))
    factories.account_sent(sent_in)
    due_in(soon, 10)
    due_in(late, -2)
    due_in(later, 60)
    due_in(sent_in, -5)
    return soon, late, later


def test_staff_list_accounts_due_soon_and_overdue(client):
    soon, late, later = _three_paid_grants()
    client.force_login(people.triage_staff())
    url = reverse("subsidies:list")
    due_soon = client.get(url, {"verantwoording": "binnenkort"})
    assert [a.pk for a in due_soon.context["applications"]] == [soon.pk]
    overdue = client.get(url, {"verantwoording": "te-laat"})
    assert [a.pk for a in overdue.context["applications"]] == [late.pk]
    assert "(te laat)" in overdue.text
    everything = client.get(url, {"verantwoording": "onzin"})
    assert len(everything.context["applications"]) == 4
    assert "Verantwoording uiterlijk" in everything.text


def test_the_overdue_list_keeps_its_query_budget(client, django_assert_max_num_queries):
    client.force_login(people.triage_staff())
    url = reverse("subsidies:list")
    late = factories.paid()
    due_in(late, -1)
    with django_assert_max_num_queries(12) as one:
        client.get(url, {"verantwoording": "te-laat"})
    for code in ("GM0363", "GM0014", "GM0034"):
        due_in(factories.paid(griffier=people.griffier(body=people.municipality(code))), -4)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url, {"verantwoording": "te-laat"})
    assert response.text.count("(te laat)") == 4


def test_a_griffier_gets_no_account_filter_and_sees_only_their_own(client):
    soon, late, _later = _three_paid_grants()
    client.force_login(soon.created_by)
    response = client.get(reverse("subsidies:list"), {"verantwoording": "te-laat"})
    assert 'name="verantwoording"' not in response.text
    assert list(response.context["applications"]) == []
    assert late.reference not in response.text


def test_the_demo_shows_a_paid_grant_whose_account_is_due_soon(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # again: nothing new
    [application] = GrantApplication.objects.filter(scheme__slug="veilig-vergaderen-2025")
    assert application.status == Status.PAID
    assert application.account_due_on == timezone.localdate() + timedelta(days=18)
    assert application.due_date_changes.count() == 1
    assert application.attachments.filter(kind="invoice").count() == 1  # the griffier's invoice
    assert not application.scheme.is_open()
    staff = User.objects.get(email="bzk@demo.test")
    client.force_login(staff)
    listed = client.get(reverse("subsidies:list"), {"verantwoording": "binnenkort"})
    assert [a.pk for a in listed.context["applications"]] == [application.pk]
    assert not subsidy_selectors.other_deciders_exist(staff)  # still the only active one


QUESTION = "Waarom kostte de afscheiding bij Bouwbedrijf Pietersen zoveel meer?"


def test_staff_send_an_account_back_with_a_question_and_the_applicant_hears_once(
    client, smtp_settings, django_capture_on_commit_callbacks
):
    application = factories.paid()
    factories.account_sent(application)
    staff = people.triage_staff()
    client.force_login(staff)
    url = reverse("subsidies:account_return", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"question": QUESTION})
    assert response.status_code == 302
    [(to, subject, body)] = mails(smtp_settings)
    assert to == application.created_by.email
    assert subject == "BZK heeft een vraag over de verantwoording van uw subsidie"
    assert reverse("subsidies:detail", args=[application.pk]) in body
    for secret in (QUESTION, "Pietersen", "afscheiding", application.reference, *CONTENT):
        assert secret not in subject and secret not in body
    row = Notification.objects.get(kind="subsidies.account_returned")
    assert (row.recipient, row.state) == (application.created_by, State.SENT)
    assert AccessEntry.objects.filter(
        actor=staff, object_id=str(application.pk), what="account_returned"
    ).exists()
    # The applicant reads the question on the page; staff cannot approve meanwhile.
    assert "Verantwoording goedkeuren" not in client.get(row_link(application)).text
    with pytest.raises(TransitionNotAllowed):
        actions.account_approve(actor=staff, application=application)
    client.force_login(application.created_by)
    page = client.get(row_link(application)).text
    assert QUESTION in page
    assert "Beantwoord de vraag" in page


def row_link(application):
    return reverse("subsidies:detail", args=[application.pk])


def test_sending_the_account_in_again_answers_the_question_and_it_can_be_approved(
    client, smtp_settings
):
    application = factories.paid()
    factories.account_sent(application)
    staff = people.triage_staff()
    actions.account_return(actor=staff, application=application, question=QUESTION)
    factories.account_sent(application)
    application.account.refresh_from_db()
    assert application.account.returned_at is None
    # The notice not yet delivered is withdrawn: the question is answered.
    assert relay_notifications() == {"withdrawn": 1}
    client.force_login(staff)
    page = client.get(row_link(application)).text
    assert QUESTION in page  # the question stays in the history
    assert "Verantwoording goedkeuren" in page
    actions.account_approve(actor=staff, application=application)
    application.refresh_from_db()
    assert application.status == Status.ACCOUNTED


def test_only_staff_send_an_account_back_and_only_with_a_question(client):
    application = factories.paid()
    factories.account_sent(application)
    url = reverse("subsidies:account_return", args=[application.pk])
    client.force_login(application.created_by)
    assert client.post(url, {"question": QUESTION}).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.account_return(
            actor=application.created_by, application=application, question=QUESTION
        )
    client.force_login(people.triage_staff())
    empty = client.post(url, {"question": "  "})
    assert empty.status_code == 400
    assert 'id="id_return_question"' in empty.text and "aria-invalid" in empty.text
    assert not Notification.objects.exists()


def test_an_account_not_sent_in_cannot_be_sent_back(client):
    application = factories.paid()
    client.force_login(people.triage_staff())
    url = reverse("subsidies:account_return", args=[application.pk])
    response = client.post(url, {"question": QUESTION})
    assert response.status_code == 302
    assert not Notification.objects.exists()
