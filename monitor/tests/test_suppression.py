"""Small numbers in the shared monitor: hidden, and not recoverable by subtraction."""

from datetime import timedelta

import pytest

from accounts.models import OfficeType
from accounts.tests import factories as people
from monitor import aggregate, dimensions
from monitor.selectors import shared_dashboard, shared_system
from monitor.suppression import PRIMARY, SECONDARY, CellSystem

from .factories import at, report

K = 5


def test_a_cell_under_the_threshold_is_hidden():
    system = CellSystem(threshold=K)
    system.add_cell("a", 3)
    system.add_cell("b", 9)
    system.solve()
    assert system.published("a") == (None, PRIMARY)
    assert system.published("b") == (9, None)


def test_the_one_hidden_cell_of_a_published_total_takes_a_second_one_with_it():
    system = CellSystem(threshold=K)
    for key, value in {"total": 20, "a": 2, "b": 10, "c": 8}.items():
        system.add_cell(key, value)
    system.add_line("total", ["a", "b", "c"])
    system.solve()
    # total - b - c would give a; with c hidden too, total - b = 10 = a + c: no small number.
    assert system.hidden == {"a": PRIMARY, "c": SECONDARY}


def test_two_small_hidden_cells_that_sum_under_the_threshold_are_not_enough():
    system = CellSystem(threshold=K)
    for key, value in {"total": 30, "a": 1, "b": 2, "c": 12, "d": 15}.items():
        system.add_cell(key, value)
    system.add_line("total", ["a", "b", "c", "d"])
    system.solve()
    # a + b = 3 would be derivable; c joins them.
    assert system.hidden == {"a": PRIMARY, "b": PRIMARY, "c": SECONDARY}


def test_zero_is_shown_and_protects_nothing():
    system = CellSystem(threshold=K)
    for key, value in {"total": 12, "a": 0, "b": 12}.items():
        system.add_cell(key, value)
    system.add_line("total", ["a", "b"])
    system.solve()
    assert system.hidden == {}


def test_a_total_with_only_small_members_is_hidden_itself():
    system = CellSystem(threshold=K)
    for key, value in {"total": 4, "a": 1, "b": 3}.items():
        system.add_cell(key, value)
    system.add_line("total", ["a", "b"])
    system.solve()
    assert set(system.hidden) == {"total", "a", "b"}


# --- The shared monitor, attacked with the published numbers ---------------------------------


@pytest.fixture
def year_with_small_groups(db):
    """2026: many reports by raadsleden in Utrecht and Noord-Holland, three by wethouders in
    Utrecht, one by a Statenlid; kinds and channels spread unevenly."""
    for day in range(1, 13):
        report(at(2026, 3, day), office_type=OfficeType.RAADSLID, kinds=("threat", "online"))
        report(
            at(2026, 4, day),
            office_type=OfficeType.RAADSLID,
            municipality="GM0363",
            kinds=("verbal",),
            channel="meeting",
            police_report="aangifte",
        )
    for day in range(1, 8):
        report(
            at(2026, 5, day),
            office_type=OfficeType.BURGEMEESTER,
            kinds=("threat",),
            channel="home",
            police_report="melding",
            responded_after=timedelta(hours=1),
        )
    for day in (2, 3, 4):
        report(
            at(2026, 3, day), office_type=OfficeType.WETHOUDER, kinds=("doxing",), channel="home"
        )
    report(
        at(2026, 6, 1),
        office_type=OfficeType.STATENLID,
        body=people.province("PV27"),
        municipality=None,
        kinds=("intimidation",),
        channel="mail",
    )
    aggregate.refresh()


def every_shared_view(year):
    views = {("all", None): shared_dashboard(year)}
    for code, _name in dimensions.choices_for("office"):
        views[("office", code)] = shared_dashboard(year, office_type=code)
    for code in [*shared_system(year).values.keys()]:
        if code[0] == "province" and code[2] == "total":
            views[("province", code[1])] = shared_dashboard(year, province_code=code[1])
    return views


def shown(cell):
    return cell.value if not cell.hidden else None


def test_no_published_cell_shows_a_number_under_the_threshold(year_with_small_groups):
    for scope, data in every_shared_view(2026).items():
        for table in data["tables"]:
            for row in table.rows:
                value = shown(row.cell)
                assert value is None or value == 0 or value >= K, (scope, table.key, row.code)
                if row.cell.hidden == PRIMARY:
                    assert row.cell.display == "< 5"


def _remainder_is_safe(margin, members):
    """What an attacker gets from a published margin minus the published members."""
    if margin is None:
        return True
    remainder = margin - sum(value for value in members if value is not None)
    return remainder == 0 or remainder >= K


def test_no_total_minus_its_rows_gives_a_small_number(year_with_small_groups):
    for scope, data in every_shared_view(2026).items():
        for table in data["tables"]:
            if not table.adds_up:
                continue
            members = [shown(row.cell) for row in table.rows]
            assert _remainder_is_safe(shown(table.total), members), (scope, table.key)


def test_no_subtraction_across_two_filters_gives_a_small_number(year_with_small_groups):
    """The figure for all roles minus the figures for each role (the figures of one filter
    minus those of the others) never yields a hidden count from 1 to 4 — per table row."""
    views = every_shared_view(2026)
    unfiltered = {
        t.key: {r.code: shown(r.cell) for r in t.rows} for t in views[("all", None)]["tables"]
    }
    for by in ("office", "province"):
        scopes = [scope for scope in views if scope[0] == by]
        for key, rows in unfiltered.items():
            if key == by:
                continue
            for code, margin in rows.items():
                members = []
                for scope in scopes:
                    table = next((t for t in views[scope]["tables"] if t.key == key), None)
                    if table is not None:
                        members.extend(shown(r.cell) for r in table.rows if r.code == code)
                assert _remainder_is_safe(margin, members), (by, key, code)


def test_the_wethouders_in_utrecht_are_not_revealed_by_filtering_on_the_province(
    year_with_small_groups,
):
    """The classic attack: Utrecht's total minus the raadsleden and the mayors in Utrecht."""
    utrecht = shared_dashboard(2026, province_code="PV26")
    offices = {
        row.code: row.cell for row in next(t for t in utrecht["tables"] if t.key == "office").rows
    }
    assert offices["wethouder"].hidden == PRIMARY
    derived = (
        shown(utrecht["total"])
        - sum(shown(cell) or 0 for code, cell in offices.items() if code != "wethouder")
        if shown(utrecht["total"]) is not None
        else None
    )
    assert derived is None or derived == 0 or derived >= K


def test_the_same_cell_is_hidden_the_same_way_in_every_view(year_with_small_groups):
    views = every_shared_view(2026)
    raadslid_view = {t.key: t for t in views[("office", "raadslid")]["tables"]}
    utrecht_view = {t.key: t for t in views[("province", "PV26")]["tables"]}
    in_province_table = next(r for r in raadslid_view["province"].rows if r.code == "PV26").cell
    in_office_table = next(r for r in utrecht_view["office"].rows if r.code == "raadslid").cell
    assert (in_province_table.value, in_province_table.hidden) == (
        in_office_table.value,
        in_office_table.hidden,
    )
