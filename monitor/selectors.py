"""The monitor's figures for BZK staff, and the table shapes both monitors draw.

The staff dashboard reads the summary table (MonthlyFigure) in a fixed handful of grouped
queries, whatever the number of reports. The shared monitor's figures are in shared.py.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from government.models import BodyKind, GovernmentBody
from incidents.models import Incident
from incidents.workflow import OPEN_STATES

from . import dimensions as dims
from .aggregate import province_code_of
from .models import MonthlyFigure
from .suppression import PRIMARY

MONTH_NAMES = [
    _("jan"), _("feb"), _("mrt"), _("apr"), _("mei"), _("jun"),
    _("jul"), _("aug"), _("sep"), _("okt"), _("nov"), _("dec"),
]  # fmt: skip


def threshold():
    return settings.MONITOR_SUPPRESSION_THRESHOLD


@dataclass
class Cell:
    value: int | None
    hidden: str | None = None
    threshold: int | None = None  # a shared release keeps the threshold it was made with

    @property
    def display(self):
        if self.hidden == PRIMARY:
            return f"< {self.threshold or threshold()}"
        if self.hidden:
            return "×"
        return formats.number_format(self.value, force_grouping=True)


@dataclass
class Row:
    code: str
    label: str
    cell: Cell
    share: float | None = None  # of the table's total, when the table adds up

    @property
    def share_display(self):
        return "–" if self.share is None else f"{self.share:.0%}".replace(".", ",")


@dataclass
class Table:
    key: str
    title: str
    column: str
    rows: list
    total: Cell | None = None
    adds_up: bool = True
    chart: str = "bar"
    note: str = ""
    extra_columns: list = field(default_factory=list)  # (heading, [values per row])
    withheld: bool = False  # a shared table that cannot be shown safely at all

    @property
    def has_hidden(self):
        return any(row.cell.hidden for row in self.rows)


def province_names():
    return dict(
        GovernmentBody.objects.filter(kind=BodyKind.PROVINCE)
        .order_by("name")
        .values_list("code", "name")
    )


def _month_label(month):
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def _quarter(month):
    return date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)


def _quarter_label(quarter):
    return f"K{(quarter.month - 1) // 3 + 1} {quarter.year}"


def _shares(rows, total):
    if total:
        for row in rows:
            if row.cell.value is not None:
                row.share = row.cell.value / total
    return rows


# --- Staff ------------------------------------------------------------------------------------


@dataclass
class StaffFilters:
    start: date
    end: date  # first day of the last month included
    office_type: str | None = None
    province_code: str | None = None
    per_quarter: bool = False

    @classmethod
    def default(cls):
        today = timezone.localdate()
        end = date(today.year, today.month, 1)
        start = date(end.year - 1, end.month, 1)
        return cls(start=start, end=end)


def _staff_figures(filters, dimension):
    qs = MonthlyFigure.objects.filter(month__gte=filters.start, month__lte=filters.end)
    qs = (
        qs.filter(dimension__in=dimension)
        if isinstance(dimension, list | tuple)
        else qs.filter(dimension=dimension)
    )
    if filters.office_type is not None:
        qs = qs.filter(office_type=filters.office_type)
    if filters.province_code is not None:
        qs = qs.filter(province_code=filters.province_code)
    return qs.order_by()


def _periods(filters):
    month, periods = filters.start, []
    while month <= filters.end:
        period = _quarter(month) if filters.per_quarter else month
        if not periods or periods[-1] != period:
            periods.append(period)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return periods


def staff_dashboard(filters):
    """Every table of the staff dashboard, unsuppressed. Six queries."""
    by_period = _sums_by_period(filters)
    periods = _periods(filters)
    label = _quarter_label if filters.per_quarter else _month_label
    total = sum(values["n"] for values in by_period.values())
    timing = _timing_table(periods, by_period, label)
    breakdowns = _breakdown_counts(filters)
    tables = [
        _trend_table(filters, periods, by_period, label, total),
        *_breakdown_tables(breakdowns, total),
        _office_table(filters, total),
        _province_table(filters, total),
    ]
    aangifte = breakdowns[dims.POLICE].get("aangifte", 0)
    return {
        "total": total,
        "aangifte_share": aangifte / total if total else None,
        "tables": tables,
        "timing": timing,
        "open_by_age": open_cases_by_age(filters),
    }


_PERIOD_SUMS = ("n", "responded", "in_time", "response", "closed", "close")


def _sums_by_period(filters):
    """Per month or quarter: reports, responses (in time, seconds) and closures. One query."""
    by_period = defaultdict(lambda: defaultdict(int))
    for row in (
        _staff_figures(filters, dims.ALL)
        .values("month")
        .annotate(
            n=Sum("incidents"),
            responded=Sum("responded"),
            in_time=Sum("responded_in_time"),
            response=Sum("response_seconds"),
            closed=Sum("closed"),
            close=Sum("close_seconds"),
        )
    ):
        period = _quarter(row["month"]) if filters.per_quarter else row["month"]
        for name in _PERIOD_SUMS:
            by_period[period][name] += row[name] or 0
    return by_period


def _trend_table(filters, periods, by_period, label, total):
    return Table(
        "trend",
        _("Meldingen per kwartaal") if filters.per_quarter else _("Meldingen per maand"),
        dims.TITLES["quarter" if filters.per_quarter else "month"],
        _shares([Row(p.isoformat(), label(p), Cell(by_period[p]["n"])) for p in periods], total),
        total=Cell(total),
        chart="line",
    )


def _breakdown_counts(filters):
    """{dimension: {value: reports}} for every stored dimension. One query."""
    breakdowns = defaultdict(dict)
    for row in (
        _staff_figures(filters, dims.STORED_DIMENSIONS)
        .values("dimension", "value")
        .annotate(n=Sum("incidents"))
    ):
        breakdowns[row["dimension"]][row["value"]] = row["n"]
    return breakdowns


def _choice_rows(choices, counts):
    """A row per choice; 'unknown' only when it was counted."""
    return [
        Row(code, str(name), Cell(counts.get(code, 0)))
        for code, name in choices
        if code != dims.UNKNOWN or counts.get(code)
    ]


def _breakdown_tables(breakdowns, total):
    return [
        Table(
            dimension,
            dims.TITLES[dimension],
            dims.TITLES[dimension],
            _shares(_choice_rows(dims.choices_for(dimension), breakdowns[dimension]), total),
            total=Cell(total),
            adds_up=dimension in dims.ADDITIVE,
            note=_(
                "Een melding kan over meer soorten gaan; de aantallen tellen daarom op "
                "tot meer dan het totaal."
            )
            if dimension == dims.KIND
            else "",
        )
        for dimension in dims.STORED_DIMENSIONS
    ]


def _office_table(filters, total):
    """Reports by the reporter's office. One query."""
    offices = dict(
        _staff_figures(filters, dims.ALL).values_list("office_type").annotate(n=Sum("incidents"))
    )
    rows = _choice_rows(dims.choices_for("office"), offices)
    title = dims.TITLES["office"]
    return Table("office", title, title, _shares(rows, total), total=Cell(total))


def _province_table(filters, total):
    """Reports by province, every province named, then the ones without. Two queries."""
    provinces = dict(
        _staff_figures(filters, dims.ALL).values_list("province_code").annotate(n=Sum("incidents"))
    )
    names = province_names()
    rows = [Row(code, name, Cell(provinces.get(code, 0))) for code, name in names.items()]
    if provinces.get(""):
        rows.append(Row("", str(_("Onbekend of landelijk")), Cell(provinces[""])))
    title = dims.TITLES["province"]
    return Table(
        "province", title, title, _shares(rows, total), total=Cell(total), chart="provinces"
    )


def _timing_table(periods, by_period, label):
    rows = []
    for period in periods:
        values = by_period[period]
        responded, closed = values["responded"], values["closed"]
        rows.append(
            {
                "code": period.isoformat(),
                "label": label(period),
                "sent": values["n"],
                "responded": responded,
                "in_time_share": values["in_time"] / responded if responded else None,
                "response_hours": values["response"] / responded / 3600 if responded else None,
                "closed": closed,
                "close_days": values["close"] / closed / 86400 if closed else None,
            }
        )
    return rows


AGE_BANDS = [
    ("0-7", _("tot een week"), 0, 7),
    ("8-30", _("1 week tot 1 maand"), 7, 30),
    ("31-90", _("1 tot 3 maanden"), 30, 90),
    ("91+", _("langer dan 3 maanden"), 90, None),
]


def open_cases_cache_key(office, province):
    return f"monitor:open-by-age:{office or '-'}:{province if province is not None else '-'}"


def open_cases_by_age(filters=None):
    """Open cases now, by how long ago they were sent: the one figure read live from the
    incidents (one query over the open cases), kept in the cache for
    MONITOR_LIVE_CACHE_SECONDS so a busy dashboard does not count them on every request."""
    office = filters.office_type if filters is not None else None
    province = filters.province_code if filters is not None else None
    seconds = settings.MONITOR_LIVE_CACHE_SECONDS
    key = open_cases_cache_key(office, province)
    counts = cache.get(key) if seconds else None
    if counts is None:
        counts = _count_open_cases_by_age(office, province)
        if seconds:
            cache.set(key, counts, seconds)
    rows = [Row(code, str(label), Cell(counts[code])) for code, label, _low, _high in AGE_BANDS]
    return Table(
        "open",
        _("Open meldingen naar leeftijd"),
        _("Open sinds"),
        rows,
        total=Cell(sum(row.cell.value for row in rows)),
    )


def _count_open_cases_by_age(office, province):
    now = timezone.now()
    qs = Incident.objects.filter(status__in=OPEN_STATES)
    if office is not None:
        qs = qs.filter(reporter_office_type=office)
    if province is not None:
        qs = qs.annotate(province=province_code_of()).filter(province=province)
    return qs.aggregate(
        **{
            code: Count(
                "pk",
                filter=Q(submitted_at__lte=now - timedelta(days=low))
                & (Q(submitted_at__gt=now - timedelta(days=high)) if high else Q()),
            )
            for code, _label, low, high in AGE_BANDS
        }
    )
