"""The summary table against numbers counted by hand."""

from datetime import date, timedelta

import pytest

from accounts.models import OfficeType
from accounts.tests import factories as people
from incidents.models import Incident
from incidents.workflow import Status
from monitor import aggregate
from monitor.models import MonthlyFigure
from monitor.selectors import StaffFilters, staff_dashboard

from .factories import at, report

pytestmark = pytest.mark.django_db

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


@pytest.fixture
def january_and_february():
    """Three reports in January, one in February, one draft (never counted)."""
    report(
        at(2026, 1, 5),
        office_type=OfficeType.RAADSLID,
        kinds=("threat", "online"),
        channel="online",
        police_report="aangifte",
        responded_after=timedelta(hours=2),
        closed_after=timedelta(days=10),
    )
    report(
        at(2026, 1, 20),
        office_type=OfficeType.BURGEMEESTER,
        kinds=("verbal",),
        channel="meeting",
        police_report="none",
        responded_after=timedelta(hours=30),
    )
    report(
        at(2026, 1, 31, hour=22),  # late on the last day, Dutch time: still January
        office_type=OfficeType.STATENLID,
        body=people.province("PV26"),
        municipality=None,
        kinds=("threat",),
        channel="mail",
        police_report="melding",
    )
    report(at(2026, 2, 3), office_type=OfficeType.RAADSLID, municipality="GM0363")
    Incident.objects.filter(pk=report(at(2026, 2, 4)).pk).update(
        status=Status.DRAFT, submitted_at=None
    )


def figures(dimension, month):
    return {
        (f.office_type, f.province_code, f.value): f
        for f in MonthlyFigure.objects.filter(dimension=dimension, month=month)
    }


def test_totals_per_month_office_and_province_are_counted_by_hand(january_and_february):
    aggregate.refresh()
    january = figures("all", JAN)
    assert {key: f.incidents for key, f in january.items()} == {
        ("raadslid", "PV26", ""): 1,  # Utrecht (GM0344) lies in Utrecht (PV26)
        ("burgemeester", "PV26", ""): 1,
        ("statenlid", "PV26", ""): 1,  # no municipality: the province the reporter serves
    }
    february = figures("all", FEB)
    assert {key: f.incidents for key, f in february.items()} == {("raadslid", "PV27", ""): 1}


def test_kinds_count_every_kind_of_a_report(january_and_february):
    aggregate.refresh()
    kinds = {}
    for (_office, _province, kind), figure in figures("kind", JAN).items():
        kinds[kind] = kinds.get(kind, 0) + figure.incidents
    assert kinds == {"threat": 2, "online": 1, "verbal": 1}


def test_timing_against_the_deadline(january_and_february):
    aggregate.refresh()
    january = figures("all", JAN)
    raadslid, mayor = january[("raadslid", "PV26", "")], january[("burgemeester", "PV26", "")]
    assert (raadslid.responded, raadslid.responded_in_time) == (1, 1)
    assert raadslid.response_seconds == 2 * 3600
    assert (raadslid.closed, raadslid.close_seconds) == (1, 10 * 86400)
    assert (mayor.responded, mayor.responded_in_time) == (1, 0)  # 30 hours: past one day
    assert mayor.response_seconds == 30 * 3600
    assert january[("statenlid", "PV26", "")].responded == 0


def test_staff_dashboard_adds_up_the_months(january_and_february):
    aggregate.refresh()
    data = staff_dashboard(StaffFilters(start=JAN, end=FEB))
    tables = {table.key: table for table in data["tables"]}
    assert data["total"] == 4
    assert [row.cell.value for row in tables["trend"].rows] == [3, 1]
    police = {row.code: row.cell.value for row in tables["police"].rows}
    assert (police["aangifte"], police["melding"], police["none"]) == (1, 1, 2)
    assert data["aangifte_share"] == pytest.approx(0.25)
    offices = {row.code: row.cell.value for row in tables["office"].rows}
    assert (offices["raadslid"], offices["burgemeester"], offices["statenlid"]) == (2, 1, 1)
    provinces = {row.code: row.cell.value for row in tables["province"].rows}
    assert (provinces["PV26"], provinces["PV27"]) == (3, 1)
    timing = {row["code"]: row for row in data["timing"]}
    assert timing["2026-01-01"]["in_time_share"] == pytest.approx(0.5)
    assert timing["2026-01-01"]["response_hours"] == pytest.approx(16.0)
    assert timing["2026-01-01"]["close_days"] == pytest.approx(10.0)


def test_filters_narrow_every_table(january_and_february):
    aggregate.refresh()
    data = staff_dashboard(StaffFilters(start=JAN, end=FEB, office_type="raadslid"))
    tables = {table.key: table for table in data["tables"]}
    assert data["total"] == 2
    assert [row.cell.value for row in tables["trend"].rows] == [1, 1]
    quarter = staff_dashboard(StaffFilters(start=JAN, end=FEB, per_quarter=True))
    assert [(row.label, row.cell.value) for row in quarter["tables"][0].rows] == [("K1 2026", 4)]


def test_municipality_size_class_comes_from_the_population(january_and_february):
    utrecht = people.municipality("GM0344")
    utrecht.population = 374_000
    utrecht.save(update_fields=["population"])
    aggregate.refresh()
    sizes = {}
    for (_o, _p, size), figure in figures("size", JAN).items():
        sizes[size] = sizes.get(size, 0) + figure.incidents
    assert sizes == {"ge100k": 2, "": 1}  # the Statenlid's report names no municipality


def test_refresh_changed_recomputes_only_what_changed_and_is_idempotent(january_and_february):
    aggregate.refresh_changed()  # first run: everything
    before = sorted(MonthlyFigure.objects.values_list("month", "dimension", "value", "incidents"))
    assert aggregate.refresh_changed() == 0  # nothing changed since
    assert (
        sorted(MonthlyFigure.objects.values_list("month", "dimension", "value", "incidents"))
        == before
    )
    report(at(2026, 2, 20), office_type=OfficeType.WETHOUDER)
    aggregate.refresh_changed()
    assert sum(f.incidents for f in figures("all", FEB).values()) == 2
    assert sum(f.incidents for f in figures("all", JAN).values()) == 3


def test_open_cases_by_age(january_and_february):
    data = staff_dashboard(StaffFilters(start=JAN, end=FEB))
    bands = {row.code: row.cell.value for row in data["open_by_age"].rows}
    # Three reports are still open (one is closed, one a draft); all were sent in January or
    # February 2026, more than three months before the tests run.
    assert data["open_by_age"].total.value == 3
    assert bands == {"0-7": 0, "8-30": 0, "31-90": 0, "91+": 3}


def test_demo_history_is_seeded_once_and_counted():
    from io import StringIO

    from monitor import demo

    out = StringIO()
    demo.seed(stdout=out)
    demo.seed(stdout=out)
    assert Incident.objects.filter(reporter__email__endswith=demo.DEMO_DOMAIN).count() == (
        demo.REPORTS
    )
    assert (
        sum(MonthlyFigure.objects.filter(dimension="all").values_list("incidents", flat=True))
        == demo.REPORTS
    )
    assert not Incident.objects.filter(reference__isnull=True, status__in=["closed"]).exists()


def test_open_cases_follow_the_province_filter(january_and_february):
    utrecht = staff_dashboard(StaffFilters(start=JAN, end=FEB, province_code="PV26"))
    holland = staff_dashboard(StaffFilters(start=JAN, end=FEB, province_code="PV27"))
    # Open: the mayor's and the Statenlid's (Utrecht) and February's raadslid (Noord-Holland).
    assert utrecht["open_by_age"].total.value == 2
    assert holland["open_by_age"].total.value == 1


def test_open_cases_are_counted_at_most_once_a_minute(
    january_and_february, settings, django_assert_num_queries
):
    from django.core.cache import cache

    from monitor.selectors import open_cases_by_age, open_cases_cache_key

    settings.MONITOR_LIVE_CACHE_SECONDS = 60
    key = open_cases_cache_key(None, None)
    cache.delete(key)
    with django_assert_num_queries(1):
        first = open_cases_by_age(StaffFilters(start=JAN, end=FEB))
    with django_assert_num_queries(0):
        again = open_cases_by_age(StaffFilters(start=JAN, end=FEB))
    assert again.total.value == first.total.value == 3
    cache.delete(key)
