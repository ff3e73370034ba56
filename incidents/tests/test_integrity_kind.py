"""Integrity violations as a kind of report (bribery, blackmail, a false accusation), and the
referral to the Steunpunt Integriteitsonderzoek Politieke Ambtsdragers that staff see with it."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests import factories as people
from incidents.models import Incident, Kind
from incidents.tests import factories

pytestmark = pytest.mark.django_db

STEUNPUNT = reverse("network:organisation", args=["steunpunt-integriteit"])


def test_a_reporter_can_choose_integrity_on_the_report_form(client):
    incident = factories.draft()
    client.force_login(incident.reporter)
    html = client.get(reverse("incidents:edit", args=[incident.pk])).content.decode()
    assert 'value="integrity"' in html
    assert "Integriteitsschending: omkoping, chantage of een valse beschuldiging" in html
    with translation.override("en"):
        assert "bribery" in str(Kind.INTEGRITY.label)


def test_staff_see_the_referral_to_the_steunpunt_on_an_integrity_case_only(client):
    staff = people.triage_staff()
    client.force_login(staff)
    integrity = factories.submitted(kinds=(Kind.INTEGRITY, Kind.INTIMIDATION))
    threat = factories.submitted(kinds=(Kind.THREAT,))
    html = client.get(reverse("incidents:detail", args=[integrity.pk])).content.decode()
    assert f'href="{STEUNPUNT}"' in html and "Doorverwijzen bij integriteit" in html
    html = client.get(reverse("incidents:detail", args=[threat.pk])).content.decode()
    assert STEUNPUNT not in html


def test_the_reporter_does_not_get_the_staff_referral(client):
    incident = factories.submitted(kinds=(Kind.INTEGRITY,))
    client.force_login(incident.reporter)
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Integriteitsschending" in html
    assert STEUNPUNT not in html


def test_the_queue_filters_on_integrity(client):
    client.force_login(people.triage_staff())
    integrity = factories.submitted(kinds=(Kind.INTEGRITY,))
    other = factories.submitted(kinds=(Kind.THREAT,))
    html = client.get(reverse("incidents:queue"), {"kind": "integrity"}).content.decode()
    assert integrity.reference in html and other.reference not in html
    assert Incident.objects.filter(kind_tags__kind=Kind.INTEGRITY).count() == 1


def test_the_steunpunt_page_the_referral_links_to_exists(client):
    assert client.get(STEUNPUNT).status_code == 200
