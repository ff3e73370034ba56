"""Training reach in the shared monitor: sign-ups with a place for the year's sessions, in two
groups that share no sign-up (attended; had a place but not recorded as present), each by office
and by province, protected per table on its group's total like every other one-way table."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import OfficeType
from accounts.tests import factories as people
from monitor import actions, shared
from monitor.suppression import PRIMARY, SECONDARY
from training import actions as training_actions
from training.models import Registration, Session
from training.selectors import reach_counts
from training.tests import factories as training_factories

from .test_suppression import K, assert_protected

pytestmark = pytest.mark.django_db

AFTER = date(2026, 6, 1)


def signed_up(office, count, session):
    return [
        training_actions.registration_sign_up(
            actor=people.officeholder(office_type=office, full_name=f"Naam {office} {index}"),
            session=session,
        )
        for index in range(count)
    ]


@pytest.fixture
def a_year_of_training():
    """2025: 20 raadsleden, 8 wethouders and 2 burgemeesters attended; 3 raadsleden had a place
    and did not come; 1 waited and 1 cancelled (neither counts)."""
    training = training_factories.training(for_burgemeester=True)
    session = training_factories.session(training, capacity=33)
    came = [
        *signed_up(OfficeType.RAADSLID, 20, session),
        *signed_up(OfficeType.WETHOUDER, 8, session),
        *signed_up(OfficeType.BURGEMEESTER, 2, session),
    ]
    absent = signed_up(OfficeType.RAADSLID, 3, session)
    [waiting] = signed_up(OfficeType.RAADSLID, 1, session)
    assert waiting.status == "waiting"
    leaver = people.officeholder()
    training_actions.registration_cancel(
        actor=leaver,
        registration=training_actions.registration_sign_up(actor=leaver, session=session),
    )
    Registration.objects.filter(pk__in=[r.pk for r in came]).update(status="attended")
    starts_at = timezone.make_aware(datetime(2025, 6, 1, 19))
    Session.objects.filter(pk=session.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=3)
    )
    return came, absent


def test_reach_counts_the_two_groups_by_office_and_province(a_year_of_training):
    counts = reach_counts(2025)
    assert counts["attended"]["office"] == {"raadslid": 20, "wethouder": 8, "burgemeester": 2}
    assert counts["absent"]["office"] == {"raadslid": 3}
    assert sum(counts["attended"]["province"].values()) == 30
    assert "" not in counts["attended"]["province"]  # every municipality has its province
    assert reach_counts(2024)["attended"]["office"] == {}


def test_small_cells_are_hidden_and_the_smallest_shown_count_with_them(a_year_of_training):
    release = actions.shared_release_publish(year=2025, today=AFTER)
    reach = release.figures["reach"]
    attended = reach["attended"]
    assert attended["total"] == [30, None]
    rows = {code: (value, reason) for code, value, reason in attended["tables"]["office"]}
    # 2 burgemeesters, and the zeros of griffiers and the unknown office: "< 5".
    assert rows["burgemeester"] == (None, PRIMARY)
    assert rows["griffier"] == (None, PRIMARY)
    assert rows[""] == (None, PRIMARY)
    # 30 - 20 - 8 would give the mayors away: the 8 wethouders are hidden too ("×").
    assert rows["wethouder"] == (None, SECONDARY)
    assert rows["raadslid"] == (20, None)
    # Three who did not come are fewer than the threshold: "< 5" and no rows at all.
    assert reach["absent"] == {
        "total": [None, PRIMARY],
        "tables": {"office": None, "province": None},
    }


def test_every_reach_table_passes_the_brute_force_check(a_year_of_training):
    counts = reach_counts(2025)
    release = actions.shared_release_publish(year=2025, today=AFTER)
    checked = 0
    for group, figures in release.figures["reach"].items():
        if figures["total"][0] is None:
            continue
        for dimension, rows in figures["tables"].items():
            if rows is None:
                continue
            values = {code: counts[group][dimension].get(code, 0) for code, _v, _r in rows}
            hidden = {code: reason for code, _value, reason in rows if reason}
            for _code, value, reason in rows:
                assert value is None or value >= K
                assert (value is None) == (reason is not None)
            assert_protected(values, figures["total"][0], hidden)
            checked += 1
    assert checked == 2


def test_the_shared_monitor_shows_reach_and_names_no_one(client, a_year_of_training):
    actions.shared_release_publish(year=2025, today=AFTER)
    data = shared.shared_dashboard(2025)
    tables = {table.key: table for table in data["tables"]}
    office = tables["training-attended-office"]
    assert [(row.code, row.cell.display) for row in office.rows] == [
        ("raadslid", "20"),
        ("wethouder", "×"),
        ("burgemeester", "< 5"),
        ("griffier", "< 5"),
        ("", "< 5"),
    ]
    assert tables["training-absent-office"].withheld
    client.force_login(people.triage_staff())
    page = client.get("/monitor/gedeeld/?year=2025").content.decode()
    assert "Aanwezig bij een training, naar functie" in page
    assert "Naam raadslid" not in page


def test_the_annual_report_pdf_holds_the_reach_tables(client, a_year_of_training):
    actions.shared_release_publish(year=2025, today=AFTER)
    client.force_login(people.triage_staff())
    response = client.get(reverse("monitor:annual_report", args=[2025]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Aanwezig bij een training, naar functie" in text
    assert "Naam raadslid" not in text


def test_a_release_made_before_reach_was_counted_still_reads(a_year_of_training):
    release = actions.shared_release_publish(year=2025, today=AFTER)
    figures = dict(release.figures)
    figures.pop("reach")
    type(release).objects.filter(pk=release.pk).update(figures=figures)
    keys = [table.key for table in shared.shared_dashboard(2025)["tables"]]
    assert not [key for key in keys if key.startswith("training-")]
