"""The applications list comes in pages, so 2,000 applications never make one huge page."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people

from . import factories

pytestmark = pytest.mark.django_db


def test_staff_page_through_the_applications(client, monkeypatch):
    monkeypatch.setattr("subsidies.views.common.PAGE_SIZE", 2)
    for code in ("GM0344", "GM0363", "GM0518"):
        factories.submitted(griffier=people.griffier(body=people.municipality(code)))
    client.force_login(people.triage_staff())
    first = client.get(reverse("subsidies:list"))
    assert first.status_code == 200
    assert len(first.context["applications"]) == 2
    assert "Pagina 1 van 2" in first.text
    second = client.get(reverse("subsidies:list"), {"pagina": 2})
    assert len(second.context["applications"]) == 1
    shown = {a.pk for a in first.context["applications"]} | {
        a.pk for a in second.context["applications"]
    }
    assert len(shown) == 3
