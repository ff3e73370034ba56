"""A double click on "Melding versturen" and a save in a second tab while the first one sends:
real concurrent requests on PostgreSQL, never a server error, never lost text."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from incidents import actions, selectors
from incidents.models import Incident
from incidents.tests import factories
from incidents.workflow import Status

TYPED = "Later bedacht: hij stond ook vorige week al bij mijn huis, met een vriend."


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _run_together(*calls):
    """Run each call in a thread of its own; return their results in order."""
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.fixture
def both_past_the_view_check(monkeypatch):
    """Hold each request after the view read the draft and before the action locks it, until
    both got there: the two submits then really race for the row lock."""
    barrier = threading.Barrier(2, timeout=20)
    held = threading.local()
    real = selectors.submission_problems

    def wait_then_check(incident):
        if not getattr(held, "done", False):
            held.done = True
            barrier.wait()
        return real(incident)

    monkeypatch.setattr(selectors, "submission_problems", wait_then_check)


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_send_sends_once_and_both_clicks_see_the_sent_page(
    postgres, both_past_the_view_check
):
    incident = factories.draft()
    url = reverse("incidents:submit", args=[incident.pk])
    first, second = _client(incident.reporter), _client(incident.reporter)

    responses = _run_together(lambda: first.post(url), lambda: second.post(url))

    sent = reverse("incidents:sent", args=[incident.pk])
    assert [response.status_code for response in responses] == [302, 302]
    assert [response.url for response in responses] == [sent, sent]
    incident.refresh_from_db()
    assert incident.status == Status.NEW
    assert incident.events.filter(to_value=Status.NEW).count() == 1


@pytest.mark.django_db(transaction=True)
def test_saving_in_a_second_tab_while_the_first_sends_keeps_the_typed_text(postgres, monkeypatch):
    incident = factories.draft()
    reporter = incident.reporter
    sending_done = threading.Event()
    real_save = actions.incident_save_draft

    def save_after_the_send(**kwargs):
        # The edit request has read the draft; the other tab sends it now.
        assert sending_done.wait(timeout=20)
        return real_save(**kwargs)

    monkeypatch.setattr(actions, "incident_save_draft", save_after_the_send)

    def send():
        try:
            return _client(reporter).post(reverse("incidents:submit", args=[incident.pk]))
        finally:
            sending_done.set()

    def save():
        return _client(reporter).post(
            reverse("incidents:edit", args=[incident.pk]),
            {"description": TYPED, "channel": "home", "later": ""},
        )

    sent, saved = _run_together(send, save)

    assert sent.status_code == 302
    assert saved.status_code == 409
    page = saved.content.decode()
    assert TYPED in page
    assert "al verstuurd" in page
    incident.refresh_from_db()
    assert incident.status == Status.NEW
    assert incident.description == factories.DESCRIPTION


@pytest.mark.django_db
def test_sending_a_report_that_is_already_sent_shows_the_sent_page(client):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    response = client.post(reverse("incidents:submit", args=[incident.pk]))
    assert response.status_code == 302
    assert response.url == reverse("incidents:sent", args=[incident.pk])


@pytest.mark.django_db
def test_saving_a_stale_tab_after_sending_shows_the_state_and_keeps_the_typed_text(client):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    response = client.post(
        reverse("incidents:edit", args=[incident.pk]),
        {"description": TYPED, "impact": "Ik durf niet meer alleen naar huis.", "next": ""},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert TYPED in page and "Ik durf niet meer alleen naar huis." in page
    assert incident.reference in page
    assert str(Status.NEW.label) in page
    # The text can be sent on as a message to the case from this page.
    assert reverse("incidents:message", args=[incident.pk]) in page
    assert Incident.objects.get(pk=incident.pk).description == factories.DESCRIPTION


@pytest.mark.django_db
def test_opening_the_form_of_a_sent_report_still_leads_to_the_case(client):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    response = client.get(reverse("incidents:edit", args=[incident.pk]))
    assert response.status_code == 302
    assert response.url == reverse("incidents:detail", args=[incident.pk])


@pytest.mark.django_db
def test_adding_evidence_to_a_case_closed_meanwhile_says_so_instead_of_404(client):
    from incidents.tests.factories import reach, upload

    incident = reach(Status.CLOSED)
    client.force_login(incident.reporter)
    response = client.post(
        reverse("incidents:evidence", args=[incident.pk]),
        {"file": upload("brief.txt", b"Een brief met bedreigingen.", "text/plain")},
        follow=True,
    )
    assert response.status_code == 200
    assert "Deze melding is afgesloten." in response.content.decode()
    assert not incident.evidence.exists()
