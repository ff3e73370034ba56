"""Small numbers in the shared monitor: what one table lets anyone conclude, checked by brute force.

Every check here enumerates all the true values a reader could still believe, given the total,
the shown counts, what "< 5" (0 to 4) and "×" (5 or more, and never more than a shown count)
mean, instead of trusting the formula in suppression.py. The whole release, every view and two
refreshes together, is attacked with an integer program in test_attack.py.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import OfficeType
from monitor import actions, aggregate, shared
from monitor.models import SharedRelease
from monitor.suppression import PRIMARY, SECONDARY, protect

from .factories import at, report

K = 5


def possible_values(values, total, hidden, *, additive):
    """Every value each hidden cell can take in some table that publishes exactly the same:
    for each candidate, whether the other hidden cells can make up the rest (all the sums
    they can reach, enumerated)."""
    shown = [value for code, value in values.items() if code not in hidden]
    cap = min([total, *shown])
    choices = {
        code: range(0, K) if reason == PRIMARY else range(K, cap + 1)
        for code, reason in hidden.items()
    }
    rest = total - sum(shown)
    seen = {}
    for code, own in choices.items():
        sums = {0}
        for other, values_of_other in choices.items():
            if other != code:
                sums = {s + v for s in sums for v in values_of_other}
        seen[code] = {
            value
            for value in own
            if (rest - value in sums if additive else max(sums) >= rest - value)
        }
    return seen


def assert_protected(values, total, hidden, *, additive=True):
    seen = possible_values(values, total, hidden, additive=additive)
    for code, reason in hidden.items():
        assert values[code] in seen[code], (code, "the truth must stay possible")
        assert len(seen[code]) >= K, (code, reason, sorted(seen[code]))


def test_a_count_under_the_threshold_is_hidden_and_so_is_a_zero():
    values = {"a": 3, "b": 0, "c": 40, "d": 30}
    hidden = protect(values, 73, threshold=K, additive=True)
    assert hidden["a"] == PRIMARY
    assert hidden["b"] == PRIMARY  # a shown 0 would make "< 5" mean 1 to 4
    assert_protected(values, 73, hidden)


def test_the_only_small_count_of_a_table_takes_the_smallest_other_count_with_it():
    values = {"a": 2, "b": 10, "c": 8}
    hidden = protect(values, 20, threshold=K, additive=True)
    # 20 - 10 - 8 would give a; with c hidden too, a is anything from 0 to 4.
    assert hidden == {"a": PRIMARY, "c": SECONDARY}
    assert_protected(values, 20, hidden)


def test_hidden_counts_that_together_are_too_small_to_spread_take_another_one():
    values = {"a": 1, "b": 2, "c": 12, "d": 15}
    assert len(possible_values(values, 30, {"a": PRIMARY, "b": PRIMARY}, additive=True)["a"]) < K
    hidden = protect(values, 30, threshold=K, additive=True)
    assert hidden["c"] == SECONDARY
    assert_protected(values, 30, hidden)


def test_a_secondary_count_cannot_be_narrowed_either():
    # c hidden beside a and b would be 5 or 6 (a + b is 0 or 1): d has to go as well.
    values = {"a": 1, "b": 0, "c": 5, "d": 30}
    hidden = protect(values, 36, threshold=K, additive=True)
    assert_protected(values, 36, hidden)


def test_a_table_that_cannot_be_protected_is_withheld():
    # Two rows of six: hiding both leaves 12 = x + y with x, y >= 5, only 5..7 each.
    assert protect({"a": 6, "b": 6, "c": 0}, 12, threshold=K, additive=True) is None


def test_kinds_which_do_not_add_up_are_protected_too():
    values = {"threat": 20, "online": 3, "verbal": 0, "doxing": 9}
    hidden = protect(values, 25, threshold=K, additive=False)
    assert hidden is not None
    assert_protected(values, 25, hidden, additive=False)


@settings(max_examples=300, deadline=None)
@given(
    counts=st.lists(st.integers(0, 14), min_size=2, max_size=5),
    additive=st.booleans(),
    extra=st.integers(0, 10),
)
def test_every_hidden_count_keeps_at_least_five_possible_values(counts, additive, extra):
    values = {f"r{index}": count for index, count in enumerate(counts)}
    # Kinds: a report can have several, so the total is at most their sum (and at least each).
    total = sum(counts) if additive else max(max(counts), sum(counts) - extra)
    if total < K:
        return  # such a year shows only its total, as "< 5"
    hidden = protect(values, total, threshold=K, additive=additive)
    if hidden is None:
        return  # withheld: nothing of the table is shown
    assert all(values[code] >= K for code in values if code not in hidden)
    assert_protected(values, total, hidden, additive=additive)


# --- The release of a year --------------------------------------------------------------------

AFTER = date(2026, 6, 1)


@pytest.fixture
def a_closed_year(db):
    """2025: many raadsleden, three wethouders, one Statenlid, kinds and channels uneven."""
    for day in range(1, 13):
        report(at(2025, 3, day), office_type=OfficeType.RAADSLID, kinds=("threat", "online"))
        report(
            at(2025, 4, day),
            office_type=OfficeType.RAADSLID,
            municipality="GM0363",
            kinds=("verbal",),
            channel="meeting",
            police_report="aangifte",
        )
    for day in (2, 3, 4):
        report(
            at(2025, 5, day), office_type=OfficeType.WETHOUDER, kinds=("doxing",), channel="home"
        )
    report(at(2025, 6, 1), office_type=OfficeType.STATENLID, kinds=("intimidation",))
    aggregate.refresh()


def test_a_release_shows_no_count_under_the_threshold_not_even_zero(a_closed_year):
    release = actions.shared_release_publish(year=2025, today=AFTER)
    for key, rows in release.figures["tables"].items():
        for code, value, reason in rows or []:
            assert (value is None) == (reason is not None), (key, code)
            assert value is None or value >= K, (key, code, value)


def test_every_table_of_a_release_passes_the_brute_force_check(a_closed_year):
    total, counts = shared.true_counts(2025)
    release = actions.shared_release_publish(year=2025, today=AFTER)
    assert release.figures["total"] == [total, None]
    checked = 0
    for key, rows in release.figures["tables"].items():
        if rows is None:
            continue
        hidden = {code: reason for code, _value, reason in rows if reason}
        values = counts[key]
        if sum(1 for reason in hidden.values() if reason == SECONDARY) > 3:
            continue  # too many to enumerate here; test_attack.py solves those
        assert_protected(values, total, hidden, additive=key != "kind")
        checked += 1
    assert checked >= 4


def test_a_year_is_not_released_before_it_ended_and_its_delay_passed(a_closed_year, settings):
    settings.MONITOR_SHARED_DELAY_DAYS = 60
    with pytest.raises(actions.ReleaseNotDue):
        actions.shared_release_publish(year=2025, today=date(2025, 12, 31))
    with pytest.raises(actions.ReleaseNotDue):
        actions.shared_release_publish(year=2025, today=date(2026, 3, 1))
    assert actions.shared_releases_publish_due(today=date(2026, 3, 1)) == []
    assert actions.shared_releases_publish_due(today=date(2026, 3, 2)) == [2025]
    assert shared.shared_years() == [2025]


def test_a_released_year_never_changes_whatever_happens_to_the_reports(a_closed_year):
    before = actions.shared_release_publish(year=2025, today=AFTER).figures
    late = report(at(2025, 7, 1), office_type=OfficeType.CDK, kinds=("physical",))
    late.police_report = "aangifte"
    late.save(update_fields=["police_report"])
    report(at(2025, 8, 1) - timedelta(days=1), office_type=OfficeType.GEDEPUTEERDE)
    aggregate.refresh()
    actions.shared_releases_publish_due(today=AFTER)
    assert SharedRelease.objects.get(year=2025).figures == before
    assert actions.shared_release_publish(year=2025, today=AFTER).figures == before


def test_a_tiny_year_shows_only_that_it_is_small(db):
    report(at(2025, 3, 1), office_type=OfficeType.RAADSLID)
    aggregate.refresh()
    figures = actions.shared_release_publish(year=2025, today=AFTER).figures
    assert figures["total"] == [None, PRIMARY]
    assert all(rows is None for rows in figures["tables"].values())
