"""Every filter of every monitor URL, fuzzed: never a server error, and bad input gets a clear
Dutch message (the page then shows the default selection)."""

import re
from datetime import date

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import OfficeType
from accounts.tests import factories as people
from monitor import actions, aggregate

from .factories import at, report

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The messages the monitor's forms give; anything else in an error would be a surprise.
DUTCH_ERRORS = {
    "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01.",
    "Kies een maand tussen 2000 en 2100.",
    "De beginmaand ligt na de eindmaand.",
    "Kies een periode van hoogstens tien jaar.",
    "Kies een functie uit de lijst.",
    "Kies een provincie uit de lijst.",
    "Kies per maand of per kwartaal.",
    "Kies een jaar uit de lijst: alleen afgesloten jaren worden gedeeld.",
}

months = st.builds(
    lambda year, month: f"{year:04d}-{month:02d}",
    st.integers(0, 99999),
    st.integers(0, 99),
)
days = st.builds(
    lambda year, month, day: f"{year:04d}-{month:02d}-{day:02d}",
    st.integers(1, 9999),
    st.integers(1, 12),
    st.integers(1, 31),
)
anything = st.text(max_size=30)
values = st.one_of(months, days, anything, st.integers(-(10**20), 10**20).map(str))


@pytest.fixture
def monitor_with_a_release():
    for day in range(1, 9):
        report(at(2025, 3, day), office_type=OfficeType.RAADSLID, police_report="aangifte")
    report(at(2025, 4, 2), office_type=OfficeType.WETHOUDER, kinds=("doxing",))
    aggregate.refresh()
    actions.shared_release_publish(year=2025, today=date(2026, 6, 1))


def _summary_message(item):
    """The message of one error summary item: a linked item reads "Label: message"."""
    text = re.sub(r"<[^>]+>", "", item)
    return text.split(": ", 1)[1] if "<a " in item else text


def errors_in(page):
    return {
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</div>', page, re.S)
    } | {
        re.sub(r"\s+", " ", _summary_message(text)).strip()
        for text in re.findall(r"<li>(.*?)</li>", page.split("data-error-summary", 1)[-1][:2000])
        if "data-error-summary" in page
    }


def test_a_month_in_year_9999_is_refused_in_dutch_not_a_server_error(client):
    client.force_login(people.triage_staff())
    response = client.get(
        reverse("monitor:dashboard"), {"start": "9999-11", "end": "9999-12", "per": "kwartaal"}
    )
    assert response.status_code == 200
    assert "Kies een maand tussen 2000 en 2100." in response.text


@FUZZ
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            "start": values,
            "end": values,
            "per": st.one_of(st.sampled_from(["maand", "kwartaal", ""]), anything),
            "office_type": st.one_of(st.sampled_from(["raadslid", "cdk", ""]), anything),
            "province": st.one_of(st.sampled_from(["PV26", "PV20", ""]), anything),
            "csv": st.one_of(st.sampled_from(["trend", "kind", "open", "province"]), anything),
        },
    )
)
def test_the_staff_dashboard_answers_every_filter(client, monitor_with_a_release, params):
    client.force_login(people.triage_staff(mfa=True))
    response = client.get(reverse("monitor:dashboard"), params)
    if params.get("csv"):
        assert response.status_code in (200, 404)
        return
    assert response.status_code == 200
    page = response.text
    if "data-error-summary" in page:
        found = errors_in(page)
        assert found, "an error summary without the error"
        assert found <= DUTCH_ERRORS, found - DUTCH_ERRORS
    for name in ("start", "end"):
        value = params.get(name, "")
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if match and 1 <= int(match.group(2)) <= 12 and not 2000 <= int(match.group(1)) <= 2100:
            assert "Kies een maand tussen 2000 en 2100." in page


@FUZZ
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            "year": st.one_of(st.sampled_from(["2025", "2026", "1999", ""]), values),
            "csv": st.one_of(st.sampled_from(["trend", "kind", "office", "province"]), anything),
        },
    ),
    year=st.integers(0, 10**15),
)
def test_the_shared_monitor_answers_every_filter(client, monitor_with_a_release, params, year):
    client.force_login(people.partner())
    response = client.get(reverse("monitor:shared"), params)
    if params.get("csv"):
        assert response.status_code in (200, 404)
    else:
        assert response.status_code == 200
        if params.get("year") not in (None, "", "2025"):
            assert "Kies een jaar uit de lijst" in response.text
    status = client.get(reverse("monitor:annual_report", args=[year])).status_code
    assert status == (200 if year == 2025 else 404)


def test_year_zero_is_out_of_range_not_badly_written():
    from monitor.forms import StaffFilterForm

    form = StaffFilterForm(data={"start": "0000-01"})
    assert not form.is_valid()
    assert form.errors["start"] == ["Kies een maand tussen 2000 en 2100."]
