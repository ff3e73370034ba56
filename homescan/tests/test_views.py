"""The scan pages: who may take a scan, the form, the result, its PDF, and deleting."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.tests import factories as people
from homescan.models import RiskLevel, ScanResult
from homescan.selectors import current_version
from homescan.tests import factories

pytestmark = pytest.mark.django_db


def form_data(version, answers):
    return {f"vraag_{question_id}": option_id for question_id, option_id in answers.items()}


@pytest.mark.parametrize(
    ("who", "status"),
    [("mayor", 200), ("raadslid", 200), ("griffier", 404), ("staff", 404), ("partner", 404)],
)
def test_only_officeholders_take_the_scan(client, who, status):
    user = {
        "mayor": factories.mayor,
        "raadslid": people.officeholder,
        "griffier": people.griffier,
        "staff": people.triage_staff,
        "partner": people.partner,
    }[who]()
    client.force_login(user)
    assert client.get(reverse("homescan:index")).status_code == status
    assert client.get(reverse("homescan:scan")).status_code == status


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("homescan:scan"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_filling_in_the_scan_stores_encrypted_answers_and_shows_the_result(client):
    owner = people.officeholder()
    client.force_login(owner)
    version = current_version()
    answers = factories.highest_answers(version)
    response = client.post(reverse("homescan:scan"), form_data(version, answers))
    scan = ScanResult.objects.get(owner=owner)
    assert response["Location"] == reverse("homescan:result", args=[scan.pk])
    assert (scan.score, scan.risk_level, scan.answers) == (38, RiskLevel.HIGH, answers)

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT answers_data FROM homescan_scanresult WHERE id = %s", [scan.pk])
        stored = cursor.fetchone()[0]
    # Fernet ciphertext: no JSON, no question or option ids in plain text.
    assert stored.startswith("gAAAAA")
    assert "{" not in stored and f'"{next(iter(answers))}"' not in stored
    from weerbaar import crypto

    assert crypto.decrypt(stored).startswith("{")

    page = client.get(response["Location"]).content.decode()
    assert "Risiconiveau: hoog" in page
    assert "Inbraakwerend hang- en sluitwerk" in page
    assert "Vraag een bijdrage aan" in page
    # The most urgent advice comes first.
    assert page.index("Direct regelen") < page.index("Binnen enkele weken")


def test_a_scan_with_missing_answers_is_not_saved_and_names_the_questions(client):
    owner = people.officeholder()
    client.force_login(owner)
    version = current_version()
    answers = factories.lowest_answers(version)
    first = version.questions.first()
    del answers[first.pk]
    response = client.post(reverse("homescan:scan"), form_data(version, answers))
    assert response.status_code == 200
    assert "Nog niet alle vragen zijn beantwoord" in response.content.decode()
    assert "Kies een antwoord op deze vraag." in response.content.decode()
    assert not ScanResult.objects.exists()


def test_a_low_risk_scan_offers_no_fund_request(client):
    owner = people.officeholder()
    scan = factories.scan(owner=owner, answers=factories.lowest_answers(current_version()))
    client.force_login(owner)
    page = client.get(reverse("homescan:result", args=[scan.pk])).content.decode()
    assert "Risiconiveau: laag" in page
    assert "Vraag een bijdrage aan" not in page
    assert client.get(reverse("homescan:fund_request", args=[scan.pk])).status_code == 404


def test_the_pdf_holds_the_result_and_advice(client):
    owner = people.officeholder(full_name="Anna de Vries")
    scan = factories.scan(owner=owner)
    client.force_login(owner)
    response = client.get(reverse("homescan:pdf", args=[scan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Risiconiveau: hoog" in text
    assert "Anna de Vries" in text
    assert "hang- en sluitwerk" in text


def test_the_owner_can_delete_a_scan(client):
    owner = people.officeholder()
    scan = factories.scan(owner=owner)
    client.force_login(owner)
    other = people.officeholder()
    client.force_login(other)
    assert client.post(reverse("homescan:delete", args=[scan.pk])).status_code == 404
    client.force_login(owner)
    response = client.post(reverse("homescan:delete", args=[scan.pk]))
    assert response["Location"] == reverse("homescan:index")
    assert not ScanResult.objects.filter(pk=scan.pk).exists()


def test_the_index_lists_only_my_scans_within_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    owner = people.officeholder()
    for _ in range(3):
        factories.scan(owner=owner)
    factories.scan()  # someone else's
    client.force_login(owner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("homescan:index"))
    assert response.content.decode().count("Scan van ") == 3
