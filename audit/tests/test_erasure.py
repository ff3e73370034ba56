"""Erasure of an account: asked with the password, confirmed by e-mail, reminded before it
is carried out, withdrawable until then, and linked from the account pages."""

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.retention import apply_retention
from incidents.models import Incident
from incidents.tests import factories
from tests.helpers import clear_test_cache

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    clear_test_cache()


def local_path(link):
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def ask(client, password=people.PASSWORD):
    return client.post(reverse("audit:erasure"), {"action": "request", "password": password})


def confirmation_token(mail):
    [link] = [link for link in LINK.findall(mail.body) if "bevestig=" in link]
    assert local_path(link).startswith(reverse("audit:erasure") + "?bevestig=")
    return unquote(link.split("bevestig=", 1)[1])


def open_link(client, token):
    return client.get(reverse("audit:erasure"), {"bevestig": token})


def confirm(client, token):
    return client.post(reverse("audit:erasure"), {"token": token, "action": "confirm"})


@pytest.fixture
def reporter(client, eager_tasks):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    return incident.reporter


def test_the_account_pages_link_to_erasure_for_an_officeholder(client, reporter):
    for name in ("account_email", "account_change_password", "mfa_index"):
        page = client.get(reverse(name)).content.decode()
        assert reverse("audit:erasure") in page, name


def test_the_account_pages_do_not_offer_erasure_to_staff(client):
    client.force_login(people.triage_staff())
    assert reverse("audit:erasure") not in client.get(reverse("mfa_index")).content.decode()


def test_a_session_alone_cannot_ask_for_erasure(client, reporter, mailoutbox):
    assert client.post(reverse("audit:erasure"), {"action": "request"}).status_code == 200
    assert ask(client, password="niet-het-wachtwoord").status_code == 200
    assert not ErasureRequest.objects.exists()
    assert mailoutbox == []


def test_the_password_starts_a_request_that_waits_for_the_e_mail_confirmation(
    client, reporter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client).status_code == 302
    request = ErasureRequest.objects.get(user=reporter)
    assert request.confirmed_at is None and request.confirmation_sent_at is not None
    [mail] = mailoutbox
    assert mail.to == [reporter.email]
    assert confirmation_token(mail)
    # No case content, no name in the mail.
    assert reporter.full_name not in mail.body
    # Unconfirmed, nothing is ever erased.
    assert apply_retention(now=timezone.now() + timedelta(days=400))["erasures"] == 0
    reporter.refresh_from_db()
    assert reporter.is_active


def test_confirming_schedules_a_reminder_and_then_the_erasure(
    client, reporter, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.ERASURE_GRACE_DAYS, settings.ERASURE_REMINDER_DAYS = 14, 3
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    token = confirmation_token(mailoutbox[0])
    assert open_link(client, token).status_code == 200  # a button; a GET confirms nothing
    assert ErasureRequest.objects.get().confirmed_at is None
    assert confirm(client, token).status_code == 302
    request = ErasureRequest.objects.get()
    confirmed = request.confirmed_at
    assert confirmed is not None

    with django_capture_on_commit_callbacks(execute=True):
        assert apply_retention(now=confirmed + timedelta(days=10))["erasures"] == 0
    assert len(mailoutbox) == 1  # no reminder yet
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_retention(now=confirmed + timedelta(days=11, hours=1))["erasures"] == 0
    [reminder] = mailoutbox[1:]
    assert reminder.to == [reporter.email]
    assert local_path(LINK.findall(reminder.body)[0]) == reverse("audit:erasure")
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention(now=confirmed + timedelta(days=12))
    assert len(mailoutbox) == 2  # the reminder goes once

    ErasureRequest.objects.filter(pk=request.pk).update(
        reminder_sent_at=confirmed + timedelta(days=11, hours=1)
    )
    assert apply_retention(now=confirmed + timedelta(days=14, hours=2))["erasures"] == 1
    reporter.refresh_from_db()
    assert not reporter.is_active and reporter.email.endswith(".invalid")
    assert Incident.objects.get(reporter=reporter).description == ""


def test_an_erasure_is_never_carried_out_before_its_reminder(
    client, reporter, mailoutbox, settings
):
    """Mail was down: the reminder did not go out, so the erasure waits for it."""
    settings.ERASURE_GRACE_DAYS, settings.ERASURE_REMINDER_DAYS = 14, 3
    request = ErasureRequest.objects.create(
        user=reporter, confirmed_at=timezone.now() - timedelta(days=30)
    )
    assert apply_retention()["erasures"] == 0  # queues the reminder (after commit)
    ErasureRequest.objects.filter(pk=request.pk).update(reminder_sent_at=timezone.now())
    assert apply_retention()["erasures"] == 0  # the person gets their days after it
    assert apply_retention(now=timezone.now() + timedelta(days=3, hours=1))["erasures"] == 1


def test_a_withdrawn_request_is_never_carried_out(client, reporter, mailoutbox, settings):
    request = ErasureRequest.objects.create(
        user=reporter,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )
    page = client.get(reverse("audit:erasure")).content.decode()
    assert "Verzoek intrekken" in page
    client.post(reverse("audit:erasure"), {"action": "withdraw"})
    request.refresh_from_db()
    assert request.withdrawn_at is not None
    assert apply_retention()["erasures"] == 0
    reporter.refresh_from_db()
    assert reporter.is_active


def test_someone_elses_confirmation_link_is_a_404(
    client, reporter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    token = confirmation_token(mailoutbox[0])
    client.force_login(factories.reporter())
    assert open_link(client, token).status_code == 404
    assert confirm(client, token).status_code == 404
    assert ErasureRequest.objects.get().confirmed_at is None


@pytest.mark.parametrize("how", ["expired", "forged", "withdrawn", "used"])
def test_an_unusable_confirmation_link_confirms_nothing(
    client, reporter, mailoutbox, settings, django_capture_on_commit_callbacks, how
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    token = confirmation_token(mailoutbox[0])
    request = ErasureRequest.objects.get()
    if how == "expired":
        settings.ERASURE_CONFIRM_HOURS = 0
    elif how == "forged":
        token = token[:-3] + "abc"
    elif how == "withdrawn":
        client.post(reverse("audit:erasure"), {"action": "withdraw"})
    else:
        confirm(client, token)
        request.refresh_from_db()
        first = request.confirmed_at
    response = confirm(client, token)
    assert response.status_code == 302
    assert response["Location"] == reverse("audit:erasure")
    request.refresh_from_db()
    if how == "used":
        assert request.confirmed_at == first
    else:
        assert request.confirmed_at is None


def test_a_new_link_replaces_an_unconfirmed_request(
    client, reporter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    assert ErasureRequest.objects.filter(withdrawn_at__isnull=True).count() == 1
    old_token, new_token = confirmation_token(mailoutbox[0]), confirmation_token(mailoutbox[1])
    assert confirm(client, old_token)["Location"] == reverse("audit:erasure")
    assert ErasureRequest.objects.filter(confirmed_at__isnull=False).count() == 0
    confirm(client, new_token)
    assert ErasureRequest.objects.filter(confirmed_at__isnull=False).count() == 1


def test_erasure_removes_allauths_copies_of_the_address(client, reporter):
    from allauth.account.models import EmailAddress

    from accounts.actions import email_address_sync

    email_address_sync(user=reporter)
    address = reporter.email
    ErasureRequest.objects.create(
        user=reporter,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )
    assert apply_retention()["erasures"] == 1
    assert not EmailAddress.objects.filter(email__iexact=address).exists()


def test_the_confirmation_mail_goes_out_over_smtp_with_only_a_link(
    client, reporter, smtp_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    [message] = smtp_settings.messages
    assert message["To"] == reporter.email
    body = message.get_payload(decode=True).decode()
    assert "bevestig=" in body
    assert reporter.full_name not in body
    assert factories.DESCRIPTION not in body
    assert ErasureRequest.objects.get().confirmation_sent_at is not None
