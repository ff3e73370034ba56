"""The demo shows the fund: the mayor's own draft and an application on an alderman's behalf
with the alderman's consent, neither seen by the griffier."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from subsidies.models import Consent, GrantApplication

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_own_fund_application_and_one_on_behalf_once(client):
    call_command(
        "seed_demo", "--password", "een-lang-demowachtwoord", "--force", stdout=io.StringIO()
    )
    mayor = User.objects.get(email="burgemeester@demo.test")
    alderman = User.objects.get(email="wethouder@demo.test")
    own = GrantApplication.objects.get(applicant=mayor, on_behalf_by__isnull=True)
    on_behalf = GrantApplication.objects.get(on_behalf_by=mayor)
    assert on_behalf.applicant == alderman and on_behalf.consent == Consent.GIVEN
    assert on_behalf.attachments.filter(kind="security_advice").exists()
    client.force_login(User.objects.get(email="griffier@demo.test"))
    for application in (own, on_behalf):
        assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 404
    client.force_login(alderman)
    page = client.get(reverse("subsidies:detail", args=[on_behalf.pk])).content.decode()
    assert "Toestemming intrekken" in page
    call_command(
        "seed_demo", "--password", "een-lang-demowachtwoord", "--force", stdout=io.StringIO()
    )
    assert GrantApplication.objects.filter(on_behalf_by=mayor).count() == 1
    assert GrantApplication.objects.filter(applicant=mayor).count() == 1
