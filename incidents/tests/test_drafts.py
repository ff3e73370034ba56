"""Drafts never lose a word: the report form's autosave endpoint (the reporter's own draft only,
CSRF-checked, half-filled content accepted, encrypted at rest), the keep-alive behind the idle
warning, and deleting a draft from "Mijn meldingen" after a confirmation."""

import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.tests import factories as people
from incidents import actions
from incidents.models import Evidence, Incident, IncidentKindTag, Kind, NotifyBy
from incidents.tests import factories
from incidents.workflow import Status

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Hij stond om middernacht weer voor mijn deur met een mes."


def autosave_url(incident):
    return reverse("incidents:autosave", args=[incident.pk])


def csrf_client(user):
    """A client that checks CSRF as a browser's request is checked, with the token the edit
    page hands out."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def token_of(client, incident):
    client.get(reverse("incidents:edit", args=[incident.pk]))
    return client.cookies["csrftoken"].value


def stored_description(incident):
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM incidents_incident WHERE id = %s", [incident.pk])
        return cursor.fetchone()[0]


def test_autosave_saves_the_reporters_own_draft_encrypted_at_rest():
    incident = factories.draft()
    client = csrf_client(incident.reporter)
    token = token_of(client, incident)
    response = client.post(
        autosave_url(incident),
        {"description": SECRET_TEXT, "kinds": [Kind.THREAT, Kind.STALKING], "notify_by": "account"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["left_out"] == []
    assert len(answer["time"]) == 5 and answer["time"][2] == ":"
    incident.refresh_from_db()
    assert incident.description == SECRET_TEXT
    assert sorted(incident.kinds) == sorted([Kind.THREAT, Kind.STALKING])
    assert answer["version"] != ""
    raw = stored_description(incident)
    assert SECRET_TEXT not in raw and "middernacht" not in raw


def test_autosave_accepts_a_half_filled_form_and_leaves_out_only_what_is_not_valid_yet():
    incident = factories.draft(description="Eerder")
    client = csrf_client(incident.reporter)
    token = token_of(client, incident)
    response = client.post(
        autosave_url(incident),
        {
            "description": "Halverwege mijn zin",
            "occurred_on": "2026-1",  # being typed
            "notify_by": NotifyBy.OTHER,
            "notify_address": "anna@",  # being typed
        },
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    assert set(response.json()["left_out"]) == {
        "Op welke datum?",
        "Ander e-mailadres (alleen bij een ander adres)",
    }
    incident.refresh_from_db()
    assert incident.description == "Halverwege mijn zin"
    assert incident.occurred_on is None
    # The choice goes only as a pair: the earlier one stays until the address is valid.
    assert incident.notify_by == NotifyBy.ACCOUNT and incident.notify_address == ""


def test_autosave_of_an_empty_form_keeps_a_draft_and_clears_nothing_it_was_not_sent():
    incident = factories.draft()
    client = csrf_client(incident.reporter)
    response = client.post(autosave_url(incident), {}, HTTP_X_CSRFTOKEN=token_of(client, incident))
    assert response.status_code == 200
    incident.refresh_from_db()
    assert incident.status == Status.DRAFT


def test_autosave_of_someone_elses_draft_is_a_404_and_changes_nothing():
    incident = factories.draft()
    outsider = factories.reporter(email="ander@example.test")
    client = csrf_client(outsider)
    client.get(reverse("incidents:list"))
    response = client.post(
        autosave_url(incident),
        {"description": "Overschreven"},
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert response.status_code == 404
    incident.refresh_from_db()
    assert incident.description == factories.DESCRIPTION


def test_autosave_of_a_colleague_on_staff_is_a_404():
    incident = factories.submitted()
    staff = people.triage_staff()
    client = Client()
    client.force_login(staff)
    assert client.post(autosave_url(incident), {"description": "x"}).status_code == 404


def test_autosave_refuses_a_report_that_was_sent():
    incident = factories.submitted()
    client = csrf_client(incident.reporter)
    client.get(reverse("incidents:list"))
    response = client.post(
        autosave_url(incident),
        {"description": "Nog iets"},
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert response.status_code == 409
    assert response.json() == {"error": "sent"}
    incident.refresh_from_db()
    assert incident.description == factories.DESCRIPTION


def _version_on_the_page(client, incident):
    html = client.get(reverse("incidents:edit", args=[incident.pk])).content.decode()
    return html.split('data-draft-version="', 1)[1].split('"', 1)[0]


def test_an_autosave_that_arrives_after_a_newer_save_does_not_overwrite_it():
    """The autosave sent as a field lost focus can reach the server after the form's own
    "Opslaan en verder" (or another window's save) that carried more words: it must not put the
    older text back."""
    incident = factories.draft()
    client = csrf_client(incident.reporter)
    token = token_of(client, incident)
    seen = _version_on_the_page(client, incident)
    actions.incident_save_draft(
        actor=incident.reporter, incident=incident, data={"description": SECRET_TEXT + " En meer."}
    )
    response = client.post(
        autosave_url(incident),
        {"description": SECRET_TEXT, "draft_version": seen},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 409
    assert response.json() == {"error": "changed"}
    incident.refresh_from_db()
    assert incident.description == SECRET_TEXT + " En meer."


def test_autosaves_one_after_another_each_carry_the_version_the_last_one_returned():
    incident = factories.draft()
    client = csrf_client(incident.reporter)
    token = token_of(client, incident)
    version = _version_on_the_page(client, incident)
    for words in ("Eerst dit.", "Eerst dit. Dan dat."):
        response = client.post(
            autosave_url(incident),
            {"description": words, "draft_version": version},
            HTTP_X_CSRFTOKEN=token,
        )
        assert response.status_code == 200, response.content
        assert response.json()["version"] != version
        version = response.json()["version"]
    incident.refresh_from_db()
    assert incident.description == "Eerst dit. Dan dat."


def test_autosave_requires_the_csrf_token():
    incident = factories.draft()
    client = csrf_client(incident.reporter)
    token_of(client, incident)
    response = client.post(autosave_url(incident), {"description": "Zonder token"})
    assert response.status_code == 403
    incident.refresh_from_db()
    assert incident.description == factories.DESCRIPTION


def test_autosave_answers_a_signed_out_person_with_401_not_the_sign_in_page():
    incident = factories.draft()
    response = Client().post(autosave_url(incident), {"description": "x"})
    assert response.status_code == 401
    assert response.json() == {"error": "signed_out"}
    incident.refresh_from_db()
    assert incident.description == factories.DESCRIPTION


def test_autosave_answers_401_once_the_idle_timeout_has_passed(settings):
    incident = factories.draft()
    client = Client()
    client.force_login(incident.reporter)
    client.get(reverse("incidents:edit", args=[incident.pk]))
    session = client.session
    session["last_seen_at"] -= settings.SESSION_IDLE_TIMEOUT + 1
    session.save()
    assert client.post(autosave_url(incident), {"description": "x"}).status_code == 401


def test_autosave_is_activity_the_session_is_seen_again():
    incident = factories.draft()
    client = Client()
    client.force_login(incident.reporter)
    client.get(reverse("incidents:edit", args=[incident.pk]))
    session = client.session
    session["last_seen_at"] -= 50  # within the middleware's touch interval: not refreshed
    session.save()
    before = client.session["last_seen_at"]
    response = client.post(autosave_url(incident), {"description": "Verder"})
    assert client.session["last_seen_at"] > before
    assert response.json()["seconds_left"] > 0


def test_the_edit_page_carries_the_autosave_and_the_draft_version():
    incident = factories.draft()
    client = Client()
    client.force_login(incident.reporter)
    html = client.get(reverse("incidents:edit", args=[incident.pk])).content.decode()
    assert f'data-autosave="{autosave_url(incident)}"' in html
    assert f'data-draft-id="{incident.pk}"' in html
    assert "js/draft-autosave.js" in html
    assert 'role="status" data-autosave-status' in html


# --- The idle warning and keep-alive -----------------------------------------------------------


def test_keepalive_refreshes_the_last_seen_mark():
    user = factories.reporter()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("incidents:list"))
    session = client.session
    session["last_seen_at"] = int(time.time()) - 50
    session.save()
    response = client.post(
        reverse("session_keepalive"), HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )
    assert response.status_code == 200
    assert response.json()["signed_in"] is True
    assert client.session["last_seen_at"] >= int(time.time()) - 1


def test_keepalive_requires_csrf_and_post():
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.reporter())
    assert client.post(reverse("session_keepalive")).status_code == 403
    assert client.get(reverse("session_keepalive")).status_code == 405


def test_keepalive_does_not_revive_an_ended_session(settings):
    client = Client()
    client.force_login(factories.reporter())
    client.get("/")
    session = client.session
    session["last_seen_at"] -= settings.SESSION_IDLE_TIMEOUT + 1
    session.save()
    response = client.post(reverse("session_keepalive"))
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session


def test_signed_in_pages_tell_the_warning_how_long_the_session_has_left(settings):
    settings.SESSION_IDLE_TIMEOUT = 900
    client = Client()
    client.force_login(factories.reporter())
    html = client.get(reverse("incidents:list")).content.decode()
    assert 'data-session-seconds-left="900"' in html
    assert 'role="alertdialog"' in html and "js/session-timeout.js" in html
    assert "Ingelogd blijven" in html


def test_signed_out_pages_have_no_idle_warning():
    html = Client().get(reverse("account_login")).content.decode()
    assert "data-session-seconds-left" not in html and "session-timeout.js" not in html


def test_an_idle_timeout_sends_to_the_sign_in_with_the_way_back_to_the_draft(settings):
    incident = factories.draft()
    client = Client()
    client.force_login(incident.reporter)
    edit = reverse("incidents:edit", args=[incident.pk])
    client.get(edit)
    session = client.session
    session["last_seen_at"] -= settings.SESSION_IDLE_TIMEOUT + 1
    session.save()
    response = client.get(edit)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={edit}"
    # The form's own button, pressed after the timeout, leads back to the same place.
    response = client.post(edit, {"description": "Na de time-out"})
    assert response["Location"] == f"{reverse('account_login')}?next={edit}"


# --- Mijn meldingen and deleting a draft -------------------------------------------------------


def test_my_reports_shows_what_each_draft_is_about():
    reporter = factories.reporter()
    factories.draft(reporter, description="Iemand gooide een steen door het raam van mijn huis")
    factories.submitted(reporter)
    client = Client()
    client.force_login(reporter)
    html = client.get(reverse("incidents:list")).content.decode()
    assert "Iemand gooide een steen door het raam van mijn huis" in html
    # Only drafts: a sent report's text is not repeated in the list.
    assert factories.DESCRIPTION not in html
    assert "Concept verwijderen" in html


def test_my_reports_makes_as_many_queries_for_four_drafts_as_for_one():
    reporter = factories.reporter()
    factories.draft(reporter)
    client = Client()
    client.force_login(reporter)
    client.get(reverse("incidents:list"))  # the session's first marks are written once
    one = _queries_for_list(client)
    for _ in range(3):
        factories.draft(reporter)
    assert _queries_for_list(client) == one


def _queries_for_list(client):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("incidents:list"))
    return len(queries)


def test_deleting_a_draft_asks_first_then_removes_it_with_its_evidence():
    incident = factories.draft()
    evidence = factories_evidence(incident)
    name = evidence.file.name
    storage = evidence.file.storage
    client = csrf_client(incident.reporter)
    url = reverse("incidents:draft_delete", args=[incident.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, concept verwijderen" in page.content.decode()
    assert Incident.objects.filter(pk=incident.pk).exists()
    response = client.post(url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 302 and response["Location"] == reverse("incidents:list")
    assert not Incident.objects.filter(pk=incident.pk).exists()
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not IncidentKindTag.objects.filter(incident_id=incident.pk).exists()
    assert not storage.exists(name)
    assert "Het concept is verwijderd." in client.get(reverse("incidents:list")).content.decode()


def factories_evidence(incident):
    from incidents import actions

    return actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=factories.upload("foto.png", factories.png_bytes(), "image/png"),
    )


def test_deleting_someone_elses_draft_is_a_404():
    incident = factories.draft()
    client = Client()
    client.force_login(factories.reporter(email="ander@example.test"))
    url = reverse("incidents:draft_delete", args=[incident.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_a_sent_report_cannot_be_deleted():
    incident = factories.submitted()
    client = Client()
    client.force_login(incident.reporter)
    url = reverse("incidents:draft_delete", args=[incident.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Incident.objects.filter(pk=incident.pk, status=Status.NEW).exists()


def test_the_delete_action_refuses_a_sent_report_and_someone_else():
    from django.core.exceptions import PermissionDenied

    from incidents import actions
    from incidents.workflow import TransitionNotAllowed

    sent = factories.submitted()
    with pytest.raises(TransitionNotAllowed):
        actions.incident_draft_delete(actor=sent.reporter, incident=sent)
    draft = factories.draft()
    with pytest.raises(PermissionDenied):
        actions.incident_draft_delete(
            actor=factories.reporter(email="x@example.test"), incident=draft
        )
    assert Incident.objects.filter(pk__in=[sent.pk, draft.pk]).count() == 2


def test_deleting_a_draft_needs_the_csrf_token():
    incident = factories.draft()
    client = csrf_client(incident.reporter)
    response = client.post(reverse("incidents:draft_delete", args=[incident.pk]))
    assert response.status_code == 403
    assert Incident.objects.filter(pk=incident.pk).exists()
