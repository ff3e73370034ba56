"""Themes and target groups are reference data staff maintain: in English they show their
English name, Dutch where there is none; Dutch is unchanged."""

import pytest
from django.conf import settings
from django.urls import reverse

from network.models import TargetGroup, Theme
from network.tests.factories import item

pytestmark = pytest.mark.django_db


def knowledge_page(client, english):
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(reverse("network:knowledge")).content.decode()


def test_themes_in_english_and_in_dutch(client):
    assert "Aftercare and support" in knowledge_page(client, english=True)
    assert "Nazorg en steun" not in knowledge_page(client, english=True)
    client.cookies.clear()
    dutch = knowledge_page(client, english=False)
    assert "Nazorg en steun" in dutch and "Aftercare and support" not in dutch


def test_a_theme_without_english_is_shown_in_dutch(client):
    Theme.objects.filter(slug="nazorg").update(name_en="")
    page = knowledge_page(client, english=True)
    assert "Nazorg en steun" in page
    assert "Safe meetings" in page


def test_the_item_page_names_its_themes_and_readers_in_english(client):
    shown = item(
        title="Nazorg voor het gezin",
        themes=Theme.objects.filter(slug="nazorg"),
        target_groups=TargetGroup.objects.filter(slug="griffier"),
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("network:item", args=[shown.pk])).content.decode()
    assert "Aftercare and support" in page
    assert "Clerks (griffiers)" in page
