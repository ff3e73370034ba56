"""Who sees which monitor, what the pages show, CSV, the annual report and query budgets."""

import csv
import io
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.models import OfficeType
from accounts.tests import factories as people
from monitor import actions, aggregate

from .factories import at, report

pytestmark = pytest.mark.django_db

AFTER_2026 = date(2027, 6, 1)  # 2026 has ended and its delay has passed


@pytest.fixture
def figures():
    for day in range(1, 9):
        report(
            at(2026, 3, day),
            office_type=OfficeType.RAADSLID,
            police_report="aangifte",
            responded_after=timedelta(hours=3),
        )
    for day in (1, 2):
        report(at(2026, 4, day), office_type=OfficeType.WETHOUDER, kinds=("doxing",))
    aggregate.refresh()
    actions.shared_release_publish(year=2026, today=AFTER_2026)


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "make, dashboard, shared",
    [
        (people.triage_staff, 200, 200),
        (people.partner, 404, 200),
        (people.support_team_member, 404, 200),
        (people.officeholder, 404, 404),
        (people.griffier, 404, 404),
    ],
)
def test_who_sees_which_monitor(client, figures, make, dashboard, shared):
    signed_in(client, make())
    assert client.get(reverse("monitor:dashboard")).status_code == dashboard
    assert client.get(reverse("monitor:shared")).status_code == shared
    report_status = client.get(reverse("monitor:annual_report", args=[2026])).status_code
    assert report_status == shared


def test_a_visitor_sees_the_shared_monitor_only_when_it_is_public(client, figures, settings):
    assert client.get(reverse("monitor:shared")).status_code == 404
    settings.MONITOR_SHARED_AUDIENCE = "public"
    response = client.get(reverse("monitor:shared"))
    assert response.status_code == 200
    assert "&lt; 5" in response.text  # two wethouders: suppressed
    assert client.get(reverse("monitor:dashboard")).status_code == 302  # to the login


def test_staff_see_every_figure_unsuppressed(client, figures):
    signed_in(client, people.triage_staff())
    response = client.get(reverse("monitor:dashboard"), {"start": "2026-01", "end": "2026-06"})
    page = response.text
    assert response.status_code == 200
    assert "&lt; 5" not in page
    assert page.count("<svg") >= 7  # a chart beside every table
    assert 'role="img"' in page


def test_a_bad_filter_gets_a_dutch_message(client, figures):
    signed_in(client, people.triage_staff())
    page = client.get(reverse("monitor:dashboard"), {"start": "2026-06", "end": "2026-01"}).text
    assert "De beginmaand ligt na de eindmaand." in page
    page = client.get(reverse("monitor:dashboard"), {"start": "juni"}).text
    assert "Vul een maand in als jjjj-mm" in page


def test_the_shared_monitor_offers_released_years_and_no_filters(client, figures):
    signed_in(client, people.partner())
    report(at(2026, 5, 1), office_type=OfficeType.CDK)  # after the release: never shown
    aggregate.refresh()
    page = client.get(reverse("monitor:shared")).text
    assert 'name="year"' in page
    assert 'name="office_type"' not in page and 'name="province"' not in page
    assert "Commissaris van de Koning" in page
    filtered = client.get(reverse("monitor:shared"), {"office_type": "raadslid"}).text
    assert re.findall(r"<td[^>]*>([^<]*)</td>", filtered) == re.findall(
        r"<td[^>]*>([^<]*)</td>", page
    )


def test_a_year_that_is_not_released_is_a_clear_dutch_error(client, figures):
    signed_in(client, people.partner())
    page = client.get(reverse("monitor:shared"), {"year": "2027"}).text
    assert "Kies een jaar uit de lijst: alleen afgesloten jaren worden gedeeld." in page
    assert client.get(reverse("monitor:annual_report", args=[2027])).status_code == 404


def test_the_current_year_is_not_shared_until_it_is_released(client):
    report(at(2026, 3, 1))
    aggregate.refresh()
    signed_in(client, people.partner())
    assert "Er zijn nog geen cijfers." in client.get(reverse("monitor:shared")).text


class TableReader(HTMLParser):
    """The cells of the table whose caption starts with `caption`."""

    def __init__(self, caption):
        super().__init__()
        self.caption, self.rows, self.inside, self.cell, self.text = caption, [], False, None, ""

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self.text = ""
        if self.inside and tag == "tr":
            self.rows.append([])
        if self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "caption" and self.text.strip().startswith(self.caption):
            self.inside = True
        if self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(re.sub(r"\s+", " ", self.cell).strip())
            self.cell = None
        if tag == "table":
            self.inside = False

    def handle_data(self, data):
        self.text += data
        if self.cell is not None:
            self.cell += data


@pytest.mark.parametrize("url_name", ["monitor:dashboard", "monitor:shared"])
def test_the_csv_holds_exactly_the_table(client, figures, url_name):
    signed_in(client, people.triage_staff())
    params = {"start": "2026-01", "end": "2026-06"} if url_name == "monitor:dashboard" else {}
    page = client.get(reverse(url_name), params).text
    for key, caption in [("office", "Functie van de melder"), ("kind", "Soort incident")]:
        reader = TableReader(caption)
        reader.feed(page)
        response = client.get(reverse(url_name), {**params, "csv": key})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows == reader.rows
        assert len(rows) > 3


def test_an_unknown_csv_table_is_a_404(client, figures):
    signed_in(client, people.triage_staff())
    assert client.get(reverse("monitor:dashboard"), {"csv": "secret"}).status_code == 404


def test_the_annual_report_pdf_reads_back(client, figures):
    from pypdf import PdfReader

    signed_in(client, people.partner())
    response = client.get(reverse("monitor:annual_report", args=[2026]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Monitor Weerbaar Bestuur – 2026" in text
    assert "Pagina 1 van" in text
    assert "< 5" in text  # the two wethouders
    assert "Raadslid" in text
    assert client.get(reverse("monitor:annual_report", args=[1999])).status_code == 404


def _queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_reports(client):
    signed_in(client, people.triage_staff())
    url, params = reverse("monitor:dashboard"), {"start": "2025-01", "end": "2026-12"}
    report(at(2026, 3, 1))
    aggregate.refresh()
    actions.shared_release_publish(year=2026, today=AFTER_2026)
    client.get(url, params)  # the first request of a session also writes the session
    few = _queries(client, url, params)
    shared_few = _queries(client, reverse("monitor:shared"), {})
    for month in range(1, 13):
        for office in (OfficeType.RAADSLID, OfficeType.WETHOUDER, OfficeType.BURGEMEESTER):
            report(
                at(2025, month, 3),
                office_type=office,
                municipality="GM0363",
                kinds=("threat", "online", "verbal"),
                channel="home",
            )
    aggregate.refresh()
    assert _queries(client, url, params) == few
    assert _queries(client, reverse("monitor:shared"), {}) == (shared_few)
    assert few <= 16


def test_a_table_that_cannot_be_protected_is_not_shown_anywhere(client):
    """Six reports without and six with an aangifte: hiding both still leaves each 5 to 7."""
    for day in range(1, 7):
        report(at(2026, 2, day), police_report="none")
        report(at(2026, 3, day), police_report="aangifte")
    aggregate.refresh()
    actions.shared_release_publish(year=2026, today=AFTER_2026)
    signed_in(client, people.partner())
    page = client.get(reverse("monitor:shared")).text
    assert "Deze tabellen tonen we voor dit jaar niet" in page
    assert "politie ingeschakeld" in page
    assert "Politie ingeschakeld in cijfers" not in page
    assert client.get(reverse("monitor:shared"), {"csv": "police"}).status_code == 404
    assert client.get(reverse("monitor:shared"), {"csv": "channel"}).status_code == 200
    from pypdf import PdfReader

    pdf = client.get(reverse("monitor:annual_report", args=[2026])).content
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Niet getoond" in text
    assert "Politie ingeschakeld in cijfers" not in text
