"""The shared monitor's figures: what a release holds, and the tables built from a release.

A release covers one calendar year that ended at least MONITOR_SHARED_DELAY_DAYS ago, is
computed once (`actions.shared_release_publish`) and never changes after. It holds the year's
total and one-way tables only, each protected on its own by `suppression.protect` (why that is
enough: the module docstring there, and docs/monitor.md).
"""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from subsidies.selectors import FUND_OUTCOMES, fund_counts
from training.models import Office
from training.selectors import REACH_ABSENT, REACH_ATTENDED, reach_counts

from . import dimensions as dims
from .models import MonthlyFigure, SharedRelease
from .selectors import Cell, Row, Table, _shares, province_names
from .suppression import PRIMARY, protect

OFFICE = "office"
PROVINCE = "province"
TREND = "trend"
# The security measures fund: applications sent in during the year by outcome. Its own total
# (applications, not reports), protected on its own like every other one-way table.
FUND = "fund"
# Training reach: sign-ups with a place for sessions of the year, in two groups that share no
# sign-up (attended; had a place but not recorded as present), each with its own total and two
# one-way tables (office, province), protected on that total like every other one-way table.
REACH_GROUPS = (REACH_ATTENDED, REACH_ABSENT)
REACH_DIMENSIONS = (OFFICE, PROVINCE)
QUARTERS = ("K1", "K2", "K3", "K4")
# The tables of a release, in the order of the page. Kinds do not add up (a report can have
# several); every other table splits the total.
TABLE_KEYS = (TREND, dims.KIND, dims.CHANNEL, dims.POLICE, dims.SIZE, OFFICE, PROVINCE)


def release_due_on(year: int) -> date:
    """The first day on which `year` may be shared."""
    return date(year + 1, 1, 1) + timedelta(days=settings.MONITOR_SHARED_DELAY_DAYS)


def years_due(today: date | None = None) -> list[int]:
    """Closed years with reports whose delay has passed and that have no release yet."""
    today = today or timezone.localdate()
    with_reports = {
        month.year
        for month in MonthlyFigure.objects.filter(dimension=dims.ALL, incidents__gt=0)
        .values_list("month", flat=True)
        .distinct()
        .order_by()
    }
    released = set(SharedRelease.objects.values_list("year", flat=True))
    return sorted(year for year in with_reports - released if release_due_on(year) <= today)


def _row_codes(key):
    if key == TREND:
        return list(QUARTERS)
    if key == PROVINCE:
        return [*province_names(), dims.UNKNOWN]
    return [code for code, _name in dims.choices_for(key)]


def true_counts(year: int) -> tuple[int, dict[str, dict[str, int]]]:
    """The year's total and the true count of every row of every shared table. Two queries."""
    start, end = date(year, 1, 1), date(year, 12, 1)
    counts = {key: dict.fromkeys(_row_codes(key), 0) for key in TABLE_KEYS}
    total = 0
    for row in (
        MonthlyFigure.objects.filter(dimension=dims.ALL, month__gte=start, month__lte=end)
        .values("month", "office_type", "province_code")
        .annotate(n=Sum("incidents"))
        .order_by()
    ):
        n = row["n"]
        total += n
        counts[TREND][QUARTERS[(row["month"].month - 1) // 3]] += n
        for key, code in ((OFFICE, row["office_type"]), (PROVINCE, row["province_code"])):
            counts[key][code] = counts[key].get(code, 0) + n
    for row in (
        MonthlyFigure.objects.filter(
            dimension__in=dims.STORED_DIMENSIONS, month__gte=start, month__lte=end
        )
        .values("dimension", "value")
        .annotate(n=Sum("incidents"))
        .order_by()
    ):
        table = counts[row["dimension"]]
        table[row["value"]] = table.get(row["value"], 0) + row["n"]
    return total, counts


def release_figures(year: int) -> dict:
    """What a release of `year` stores: only the figures that may be shown.

    {"threshold": k, "total": [value or None, reason or None],
     "tables": {key: [[code, value or None, reason or None], ...] or None (withheld)}}"""
    threshold = settings.MONITOR_SUPPRESSION_THRESHOLD
    total, counts = true_counts(year)
    fund = fund_figures(year, threshold)
    if total < threshold:  # a year this small is one "< 5" and nothing else
        return {
            "threshold": threshold,
            "total": [None, PRIMARY],
            "tables": dict.fromkeys(TABLE_KEYS),
            "fund": fund,
            "reach": reach_figures(year, threshold),
        }
    tables = {}
    for key in TABLE_KEYS:
        values = counts[key]
        hidden = protect(values, total, threshold=threshold, additive=key != dims.KIND)
        tables[key] = (
            None
            if hidden is None
            else [
                [code, None if code in hidden else value, hidden.get(code)]
                for code, value in values.items()
            ]
        )
    return {
        "threshold": threshold,
        "total": [total, None],
        "tables": tables,
        "fund": fund,
        "reach": reach_figures(year, threshold),
    }


def fund_figures(year: int, threshold: int) -> dict:
    """The fund's table of a release: {"total": [value or None, reason or None], "rows":
    [[code, value or None, reason or None], ...] or None (withheld)}. A year with fewer
    applications than the threshold shows "< k" and no rows."""
    counts = fund_counts(year)
    total = sum(counts.values())
    if total < threshold:
        return {"total": [None, PRIMARY], "rows": None}
    return {"total": [total, None], "rows": _protected_rows(counts, total, threshold)}


def _protected_rows(counts: dict[str, int], total: int, threshold: int) -> list | None:
    """The rows of one additive one-way table as a release stores them, or None (withheld)."""
    hidden = protect(counts, total, threshold=threshold, additive=True)
    if hidden is None:
        return None
    return [
        [code, None if code in hidden else value, hidden.get(code)]
        for code, value in counts.items()
    ]


def _reach_codes(dimension):
    if dimension == OFFICE:
        return [*Office.values, dims.UNKNOWN]
    return [*province_names(), dims.UNKNOWN]


def reach_figures(year: int, threshold: int) -> dict:
    """The training reach of a release: per group (attended, absent) {"total": [value or None,
    reason or None], "tables": {"office"|"province": rows or None (withheld)}}. A group with
    fewer sign-ups than the threshold shows "< k" and no rows."""
    counts = reach_counts(year)
    figures = {}
    for group in REACH_GROUPS:
        by = counts[group]
        total = sum(by[OFFICE].values())
        if total < threshold:
            figures[group] = {"total": [None, PRIMARY], "tables": dict.fromkeys(REACH_DIMENSIONS)}
            continue
        tables = {}
        for dimension in REACH_DIMENSIONS:
            codes = _reach_codes(dimension)
            values = dict.fromkeys(codes, 0)
            for code, n in by[dimension].items():  # a code no longer known counts as unknown
                values[code if code in values else dims.UNKNOWN] += n
            tables[dimension] = _protected_rows(values, total, threshold)
        figures[group] = {"total": [total, None], "tables": tables}
    return figures


REACH_TITLES = {
    (REACH_ATTENDED, OFFICE): _("Aanwezig bij een training, naar functie"),
    (REACH_ATTENDED, PROVINCE): _("Aanwezig bij een training, naar provincie"),
    (REACH_ABSENT, OFFICE): _("Aangemeld voor een training, niet aanwezig, naar functie"),
    (REACH_ABSENT, PROVINCE): _("Aangemeld voor een training, niet aanwezig, naar provincie"),
}


def _reach_tables(stored, threshold):
    labels = {
        OFFICE: {
            **{code: str(label) for code, label in Office.choices},
            dims.UNKNOWN: str(_("Onbekend")),
        },
        PROVINCE: {**province_names(), dims.UNKNOWN: str(_("Onbekend of landelijk"))},
    }
    tables = []
    for group in REACH_GROUPS:
        figures = stored[group]
        total = Cell(*figures["total"], threshold=threshold)
        for dimension in REACH_DIMENSIONS:
            rows_stored = figures["tables"].get(dimension)
            rows = [
                Row(
                    code,
                    labels[dimension].get(code, code),
                    Cell(value, reason, threshold=threshold),
                )
                for code, value, reason in rows_stored or []
            ]
            tables.append(
                Table(
                    f"training-{group}-{dimension}",
                    REACH_TITLES[(group, dimension)],
                    dims.TITLES["office"] if dimension == OFFICE else dims.TITLES["province"],
                    _shares(rows, total.value),
                    total=total,
                    chart="provinces" if dimension == PROVINCE else "bar",
                    withheld=rows_stored is None,
                )
            )
    return tables


def _fund_table(stored, threshold):
    total = Cell(*stored["total"], threshold=threshold)
    labels = {code: str(label) for code, label in FUND_OUTCOMES}
    rows = [
        Row(code, labels.get(code, code), Cell(value, reason, threshold=threshold))
        for code, value, reason in stored["rows"] or []
    ]
    return Table(
        FUND,
        _("Aanvragen bij het Fonds beveiligingsmaatregelen"),
        _("Besluit"),
        _shares(rows, total.value),
        total=total,
        withheld=stored["rows"] is None,
    )


# --- Reading a release ------------------------------------------------------------------------


def shared_years() -> list[int]:
    return list(SharedRelease.objects.order_by("-year").values_list("year", flat=True))


TITLES = {
    TREND: _("Meldingen per kwartaal"),
    dims.KIND: dims.TITLES[dims.KIND],
    dims.CHANNEL: dims.TITLES[dims.CHANNEL],
    dims.POLICE: dims.TITLES[dims.POLICE],
    dims.SIZE: dims.TITLES[dims.SIZE],
    OFFICE: dims.TITLES["office"],
    PROVINCE: dims.TITLES["province"],
}


def _labels(key, year):
    if key == TREND:
        return {code: f"{code} {year}" for code in QUARTERS}
    if key == PROVINCE:
        return {**province_names(), dims.UNKNOWN: str(_("Onbekend of landelijk"))}
    return {code: str(name) for code, name in dims.choices_for(key)}


def shared_dashboard(year: int) -> dict | None:
    """The tables of the shared monitor for one released year, or None. Two queries."""
    release = SharedRelease.objects.filter(year=year).first()
    if release is None:
        return None
    figures = release.figures
    threshold = figures["threshold"]
    total = Cell(*figures["total"], threshold=threshold)
    tables = []
    for key in TABLE_KEYS:
        stored = figures["tables"].get(key)
        labels = _labels(key, year) if stored is not None else {}
        rows = [
            Row(code, labels.get(code, code), Cell(value, reason, threshold=threshold))
            for code, value, reason in stored or []
        ]
        adds_up = key != dims.KIND
        tables.append(
            Table(
                key,
                TITLES[key],
                dims.TITLES["quarter"] if key == TREND else TITLES[key],
                _shares(rows, total.value) if adds_up else rows,
                total=total,
                adds_up=adds_up,
                chart="line" if key == TREND else "provinces" if key == PROVINCE else "bar",
                withheld=stored is None,
                note=_(
                    "Een melding kan over meer soorten gaan; de aantallen tellen daarom op "
                    "tot meer dan het totaal."
                )
                if key == dims.KIND
                else "",
            )
        )
    police = defaultdict(lambda: None, {row.code: row.cell for row in tables[3].rows})
    if figures.get("fund") is not None:  # releases made before the fund was counted have none
        tables.append(_fund_table(figures["fund"], threshold))
    if figures.get("reach") is not None:  # nor reach before the training catalogue
        tables.extend(_reach_tables(figures["reach"], threshold))
    aangifte = police["aangifte"]
    share = (
        aangifte.value / total.value
        if aangifte is not None and aangifte.value is not None and total.value
        else None
    )
    return {
        "total": total,
        "aangifte_share": share,
        "tables": tables,
        "year": year,
        "threshold": threshold,
        "released_at": release.released_at,
    }
