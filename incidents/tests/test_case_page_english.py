"""The staff case page in English for who chose English, and back in Dutch for who did not:
the status buttons too (their labels were translated once, when the module was imported)."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.tests import factories as people
from incidents.tests import factories

pytestmark = pytest.mark.django_db


def test_the_status_buttons_follow_the_language_of_each_request(client):
    incident = factories.submitted()
    client.force_login(people.triage_staff())
    url = reverse("incidents:detail", args=[incident.pk])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert "Confirm receipt" in english and "Start handling" in english
    assert "Ontvangst bevestigen" not in english and "In behandeling nemen" not in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get(url).content.decode()
    assert "Ontvangst bevestigen" in dutch and "Confirm receipt" not in dutch
