"""'Beschikking versturen?': the decide step shows the rendered letter first, and only the
confirmed POST of exactly what was previewed records the decision and sends the letter."""

import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.tests import factories as people
from subsidies import actions
from subsidies.models import Decision
from subsidies.tests import factories
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db


def words(html):
    text = re.sub(r"</?(strong|em|a)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())


def preview_text(response):
    """The words of the letter as the preview page shows it."""
    html = response.content.decode()
    match = re.search(
        r'<div class="letter-preview"[^>]*>(.*?)<!-- end of letter -->', html, flags=re.S
    )
    assert match, "the preview page shows the letter"
    return words(match.group(1))


def letter_text(decision):
    decision.letter.open("rb")
    try:
        reader = PdfReader(io.BytesIO(decision.letter.read()))
    finally:
        decision.letter.close()
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def hidden_fields(response):
    html = response.content.decode()
    fields = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        fields.setdefault(name, unescape(value))
    return fields


@pytest.fixture
def deciding(client):
    """An assessed application and a colleague of the reviewer, logged in, on the decide page."""
    application = factories.assessed(costs=("12500.00", "2500.50"))
    decider = people.triage_staff(full_name="Pieter Bakker")
    client.force_login(decider)
    return application, reverse("subsidies:decide", args=[application.pk])


PARTLY = {
    "outcome": "partly_granted",
    "explanation": "De camera's vallen buiten de regeling.",
    "conditions": "Meld de oplevering van de zaal bij BZK.",
}


def partly(application):
    first, second = application.lines.all()
    return {**PARTLY, f"amount_{first.pk}": "10.000", f"amount_{second.pk}": "0"}


def test_submitting_the_form_shows_the_letter_and_records_nothing(client, deciding, mailoutbox):
    application, url = deciding
    response = client.post(url, partly(application))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Beschikking versturen?" in page
    text = preview_text(response)
    assert "Beschikking: deels toegekend" in text
    assert "€ 10.000,00" in text and "Meld de oplevering van de zaal bij BZK." in text
    assert not Decision.objects.exists()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert mailoutbox == []


def test_the_confirmed_preview_is_recorded_and_sent_with_exactly_the_previewed_text(
    client, deciding
):
    application, url = deciding
    preview = client.post(url, partly(application))
    confirm = {**hidden_fields(preview), "confirm": "1"}
    assert confirm["preview_token"]
    response = client.post(url, confirm)
    assert response.status_code == 302
    decision = Decision.objects.get(application=application)
    assert decision.is_sent and decision.granted_total == Decimal("10000.00")
    application.refresh_from_db()
    assert application.status == Status.PARTLY_GRANTED
    # The letter says, word for word, what the preview showed (the PDF adds page numbers and
    # list bullets).
    sent = re.sub(r"Pagina \d+ van \d+|•", " ", letter_text(decision))
    shown, sent = preview_text(preview).split(), sent.split()
    assert shown == sent, (shown[-30:], sent[-30:])


def test_a_confirmation_without_a_preview_records_nothing(client, deciding):
    application, url = deciding
    response = client.post(url, {**partly(application), "confirm": "1"})
    assert response.status_code == 200
    assert "Beschikking versturen?" in response.content.decode()
    assert not Decision.objects.exists()
    forged = client.post(url, {**partly(application), "confirm": "1", "preview_token": "x" * 64})
    assert forged.status_code == 200
    assert not Decision.objects.exists()


def test_a_confirmation_of_other_fields_than_previewed_is_refused(client, deciding):
    application, url = deciding
    preview = client.post(url, partly(application))
    changed = {**hidden_fields(preview), "confirm": "1", "conditions": "Iets anders."}
    response = client.post(url, changed)
    assert response.status_code == 200
    assert "veranderd" in response.content.decode()
    assert not Decision.objects.exists()
    # The new preview shows what would now be sent, with a token for that.
    assert "Iets anders." in preview_text(response)
    again = client.post(url, {**hidden_fields(response), "confirm": "1"})
    assert again.status_code == 302
    assert "Iets anders." in letter_text(Decision.objects.get())


def test_a_stale_preview_is_refused_when_the_application_changed_meanwhile(client, deciding):
    application, url = deciding
    preview = client.post(url, partly(application))
    # Meanwhile the application changes (here: its contact person, who is named in the letter).
    application.contact_name = "Iemand Anders"
    application.save(update_fields=["contact_name", "updated_at"])
    response = client.post(url, {**hidden_fields(preview), "confirm": "1"})
    assert response.status_code == 200
    assert "veranderd" in response.content.decode()
    assert "Iemand Anders" in preview_text(response)
    assert not Decision.objects.exists()


def test_a_change_that_the_letter_does_not_show_still_makes_the_preview_stale(client, deciding):
    application, url = deciding
    preview = client.post(url, partly(application))
    actions.application_transition(
        actor=people.triage_staff(),
        application=application,
        to_status=Status.INFO_REQUESTED,
        reason="Offerte ontbreekt",
    )
    application.refresh_from_db()
    application.status = Status.IN_REVIEW
    application.save(update_fields=["status", "updated_at"])
    response = client.post(url, {**hidden_fields(preview), "confirm": "1"})
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_back_to_edit_keeps_what_was_filled_in(client, deciding):
    application, url = deciding
    preview = client.post(url, partly(application))
    response = client.post(url, {**hidden_fields(preview), "edit": "1"})
    page = response.content.decode()
    assert "Beschikking versturen?" not in page
    assert "Meld de oplevering van de zaal bij BZK." in page
    assert not Decision.objects.exists()


def test_the_preview_pdf_can_be_downloaded_and_records_nothing(client, deciding):
    application, url = deciding
    preview = client.post(url, partly(application))
    response = client.post(url, {**hidden_fields(preview), "pdf": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Voorbeeld" in text and "€ 10.000,00" in text
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["reviewer", "griffier", "outsider"])
def test_nobody_else_gets_a_preview(client, deciding, who):
    application, url = deciding
    person = {
        "reviewer": application.assessments.get().reviewer,
        "griffier": application.created_by,
        "outsider": people.officeholder(),
    }[who]
    client.force_login(person)
    response = client.post(url, partly(application))
    if who == "reviewer":
        # Four eyes: the reviewer sees the refusal, not a letter.
        assert response.status_code == 200
        assert "letter-preview" not in response.content.decode()
    else:
        assert response.status_code == 404
    for extra in ({"pdf": "1"}, {"confirm": "1"}):
        response = client.post(url, {**partly(application), **extra})
        assert response.status_code in (200, 404)
        assert response.get("Content-Type", "").startswith("text/html")
    assert not Decision.objects.exists()
