"""Nobody of the body sees anything of an officeholder's fund application.

A griffier, a council member, another officeholder and the mayor (who chairs the body) of the
same municipality get a 404 on every URL of someone else's fund application, whatever the
method, and find nothing of it in their lists: not its reference, not its address, not the
applicant's name. A GET on a POST-only URL answers 405 before any object is looked up, the
same for every number, so it tells nothing either.
"""

import pytest
from django.urls import reverse

from accounts.models import OfficeType
from accounts.tests import factories as people
from subsidies.tests.test_home_measures_stay_private import fund_application
from tests.security.matrix import all_routes

pytestmark = pytest.mark.django_db

OBJECT_KEYS = {"pk", "attachment_pk", "step"}


def fund_routes():
    return [
        route
        for name, route in sorted(all_routes().items())
        if name.startswith("subsidies:") and "pk" in route.converters
    ]


def url_of(route, application):
    kwargs = {}
    for key in route.converters:
        if key == "pk":
            kwargs[key] = application.pk
        elif key == "attachment_pk":
            kwargs[key] = application.attachments.first().pk
        elif key == "step":
            kwargs[key] = 2
        else:
            raise KeyError(key)
    return reverse(route.name, kwargs=kwargs)


def test_nobody_of_the_body_reaches_any_fund_url_of_an_aldermans_application(client):
    body = people.municipality()
    alderman = people.officeholder(
        office_type=OfficeType.WETHOUDER, body=body, full_name="Wendy Wethouder"
    )
    application = fund_application(alderman)
    outsiders = {
        "griffier": people.griffier(body=body),
        "raadslid": people.officeholder(office_type=OfficeType.RAADSLID, body=body),
        "wethouder": people.officeholder(office_type=OfficeType.WETHOUDER, body=body),
        "burgemeester": people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body),
    }
    routes = fund_routes()
    assert {"subsidies:detail", "subsidies:letter", "subsidies:consent"} <= {
        route.name for route in routes
    }
    for who, person in outsiders.items():
        client.force_login(person)
        for route in routes:
            url = url_of(route, application)
            got = client.get(url).status_code
            assert got in (404, 405), (who, route.name, "GET", got)
            posted = client.post(url, {"answer": "give"}).status_code
            assert posted == 404, (who, route.name, "POST", posted)
        for listing in ("subsidies:list", "subsidies:start", "subsidies:on_behalf"):
            page = client.get(reverse(listing)).content.decode()
            assert application.reference not in page, (who, listing)
            assert reverse("subsidies:detail", args=[application.pk]) not in page, (who, listing)
            if listing != "subsidies:on_behalf":  # a chair chooses among the body's people
                assert "Wendy Wethouder" not in page, (who, listing)
    client.force_login(alderman)
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 200
