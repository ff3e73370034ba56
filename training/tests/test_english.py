"""The catalogue, a training's page and the certificate in English for who chose English."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from accounts.tests import factories as people
from training import actions
from training.pdf import render_certificate_pdf
from training.tests import factories

pytestmark = pytest.mark.django_db


def test_the_catalogue_and_a_training_page_in_english(client):
    session = factories.session(capacity=1)
    client.force_login(factories.council_member())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    catalogue = client.get(reverse("training:catalogue")).content.decode()
    assert "<h1>Trainings</h1>" in catalogue and "Council members" in catalogue
    detail = client.get(session.training.get_absolute_url()).content.decode()
    assert "0 of 1 places taken" in detail and "Sign up" in detail
    response = client.post(reverse("training:sign_up", args=[session.pk]), follow=True)
    assert "You are signed up." in response.content.decode()


def test_the_certificate_in_english():
    session = factories.session()
    owner = factories.council_member(full_name="Roos Raadslid")
    registration = actions.registration_sign_up(actor=owner, session=session)
    factories.begin(session)
    actions.session_attendance_record(
        actor=people.triage_staff(mfa=False), session=session, attended=[registration.pk]
    )
    registration.refresh_from_db()
    with translation.override("en"):
        pdf = render_certificate_pdf(registration)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Certificate of attendance" in text and "Roos Raadslid" in text
