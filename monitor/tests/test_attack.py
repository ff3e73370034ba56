"""The attack on the shared monitor, run as the shared audience would run it.

A partner harvests every shared view: every value of every filter the form offers, every table
on the page, the key figures and the percentages. The harvest becomes an integer program over
the counts of the underlying reports (per office type and province when the filters allow
splitting by them), with everything the published symbols mean: a number is exact, "< 5" is
1 to 4 when zeros are shown exactly (0 to 4 when they are not), "×" is at least 5, a share of
"12%" bounds the cell against its total. For every hidden figure scipy's MILP solver then finds
the smallest and the largest true value that fits everything that was published. A hidden
figure is protected when at least `threshold` values remain possible (what "< 5" itself says
when it covers 0 to 4): never pinned, never narrowed to fewer.

The same for two consecutive refreshes: both harvests are one program in which the second is
the first plus the new reports (counts only grow), and no figure of the new reports may be
forced above zero: the difference must not tell anyone what the new reports were.
"""

import csv
import io
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from itertools import product

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_array

from accounts.models import OfficeType
from accounts.tests import factories as people
from government.models import GovernmentBody
from incidents.models import Channel, Kind, PoliceReport
from monitor import dimensions as dims
from monitor.tasks import refresh_monitor

from .factories import report

pytestmark = pytest.mark.django_db

K = 5
BIG = 100_000

# --- What a partner can read ------------------------------------------------------------------


@dataclass
class Table:
    title: str
    rows: list = field(default_factory=list)  # (label, shown, share or None)
    total: str | None = None


@dataclass
class View:
    params: dict
    tables: list
    key_figures: dict  # label -> shown


class PageReader(HTMLParser):
    """The filter form's choices, the tables (by caption) and the key figures of a page."""

    def __init__(self):
        super().__init__()
        self.selects, self.tables, self.key_figures, self.csv_links = {}, [], {}, []
        self._select = self._table = self._cell = None
        self._caption = self._row = self._kpi_label = None
        self._in_foot = self._in_filters = False
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "monitor-filters" in (attrs.get("class") or ""):
            self._in_filters = True
        elif tag == "select" and self._in_filters:  # not the site's language switch
            self._select = attrs["name"]
            self.selects[self._select] = []
        elif tag == "a" and "csv=" in (attrs.get("href") or ""):
            self.csv_links.append(attrs["href"].split("csv=", 1)[1])
        elif tag == "option" and self._select:
            self.selects[self._select].append(attrs.get("value", ""))
        elif tag == "caption":
            self._caption = ""
        elif tag == "tfoot":
            self._in_foot = True
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif tag == "p" and "kpi" in (attrs.get("class") or "").split():
            self._cell = ""
            self._kpi_label = self._text.strip()
        elif tag == "p":
            self._text = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_filters = False
        elif tag == "select":
            self._select = None
        elif tag == "caption":
            self._table = Table(self._caption.strip().removesuffix(" in cijfers"))
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(re.sub(r"\s+", " ", self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            row, self._row = self._row, None
            if self._in_foot:
                self._table.total = row[1]
            elif len(row) >= 2 and row[1] != "Aantal":
                self._table.rows.append((row[0], row[1], row[2] if len(row) > 2 else None))
        elif tag == "tfoot":
            self._in_foot = False
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None
        elif tag == "p" and self._kpi_label is not None:
            self.key_figures[self._kpi_label] = self._cell.strip()
            self._kpi_label = self._cell = None

    def handle_data(self, data):
        if self._caption is not None:
            self._caption += data
        elif self._cell is not None:
            self._cell += data
        else:
            self._text += data


def read(client, params):
    response = client.get(reverse("monitor:shared"), params)
    assert response.status_code == 200
    reader = PageReader()
    reader.feed(response.text)
    return response.text, reader


def harvest(client):
    """Every view the shared form lets a partner ask for, with the figures it shows."""
    _page, first = read(client, {})
    choices = first.selects
    names = sorted(choices)
    views = []
    for values in product(*(choices[name] for name in names)):
        params = {name: value for name, value in zip(names, values, strict=True) if value}
        page, reader = read(client, params)
        if "data-error-summary" in page:  # the form refused this combination: nothing shown
            continue
        if "year" not in params and choices.get("year"):
            params["year"] = choices["year"][0]
        views.append(View(params, reader.tables, reader.key_figures))
        # The exports hold nothing the page does not: each CSV is one of the page's tables.
        shown = [
            [[c for c in row if c is not None] for row in table.rows] for table in reader.tables
        ]
        assert len(reader.csv_links) == len(reader.tables)
        for key in reader.csv_links:
            response = client.get(reverse("monitor:shared"), {**params, "csv": key})
            lines = list(
                csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
            )
            assert [line for line in lines[1:] if line[0] != "Totaal"] in shown, key
    return choices, views


# --- What the published numbers mean ----------------------------------------------------------

OFFICE_TITLE, PROVINCE_TITLE, KIND_TITLE = (
    str(dims.TITLES["office"]),
    str(dims.TITLES["province"]),
    str(dims.TITLES[dims.KIND]),
)


def number(shown):
    return int(shown.replace(".", "")) if re.fullmatch(r"[\d.]+", shown) else None


def share(shown):
    match = re.fullmatch(r"(\d+)%", shown or "")
    return int(match.group(1)) if match else None


class Program:
    """Integer variables (counts), linear constraints, and min/max of a linear expression."""

    def __init__(self):
        self.upper = []
        self.rows = []  # (coefficients {var: coef}, low, high)

    def variable(self, upper=BIG):
        self.upper.append(upper)
        return len(self.upper) - 1

    def add(self, coefficients, low, high):
        self.rows.append((dict(coefficients), low, high))

    def equal(self, expression, value):
        self.add(expression, value, value)

    def _matrix(self):
        matrix = lil_array((len(self.rows), len(self.upper)))
        low, high = np.empty(len(self.rows)), np.empty(len(self.rows))
        for index, (coefficients, lo, hi) in enumerate(self.rows):
            for var, coef in coefficients.items():
                matrix[index, var] = coef
            low[index], high[index] = lo, hi
        return LinearConstraint(matrix.tocsr(), low, high)

    def satisfied_by(self, values):
        return all(
            lo - 1e-9 <= sum(coef * values[var] for var, coef in co.items()) <= hi + 1e-9
            for co, lo, hi in self.rows
        )

    def range_of(self, expression):
        constraints = self._matrix()
        bounds = Bounds(np.zeros(len(self.upper)), np.array(self.upper, dtype=float))
        integrality = np.ones(len(self.upper))
        ends = []
        for sign in (1, -1):
            objective = np.zeros(len(self.upper))
            for var, coef in expression.items():
                objective[var] = sign * coef
            result = milp(
                objective, integrality=integrality, bounds=bounds, constraints=constraints
            )
            assert result.status == 0, result.message
            ends.append(round(sign * result.fun))
        return ends[0], ends[1]


def add(expression, other, factor=1):
    result = defaultdict(int, expression)
    for var, coef in other.items():
        result[var] += factor * coef
    return dict(result)


class Attack:
    """The harvest of one or more refreshes as one integer program, per year."""

    def __init__(self, choices):
        self.offices = [code for code, _name in dims.choices_for("office")]
        self.split_office = "office_type" in choices
        self.split_province = "province" in choices
        self.program = Program()
        self.cells = {}  # (snapshot, year, group, table, row) -> expression
        self.hidden = {}  # (snapshot, year, scope, table, row) -> expression
        self.published = []  # (snapshot, year, scope, table, row, expression)
        self.fresh = set()  # the variables that count the reports new in a later snapshot

    def groups(self, province_codes):
        offices = self.offices if self.split_office else [None]
        provinces = province_codes if self.split_province else [None]
        return list(product(offices, provinces))

    def base(self, snapshot, year, group, table, row):
        """A count of reports of one group in one row of one table; a later snapshot is the
        earlier one plus new reports."""
        key = (snapshot, year, group, table, row)
        if key not in self.cells:
            fresh = {self.program.variable(): 1}
            if snapshot > 0:
                self.fresh |= set(fresh)
            self.cells[key] = (
                fresh if snapshot == 0 else add(self.base(snapshot - 1, *key[1:]), fresh)
            )
        return self.cells[key]

    def load(self, snapshot, views, province_names):
        """Every figure of every view of one refresh, as constraints."""
        names = {name: code for code, name in province_names.items()}
        province_codes = [*province_names, ""]
        office_of = {str(label): code for code, label in dims.choices_for("office")}
        zeros_shown = any(
            row[1] == "0" for view in views for table in view.tables for row in table.rows
        )
        small = (1 if zeros_shown else 0, K - 1)
        structure = set()
        for view in views:
            year = int(view.params.get("year"))
            office = view.params.get("office_type")
            province = view.params.get("province")
            groups = [
                g
                for g in self.groups(province_codes)
                if (office is None or g[0] in (office, None))
                and (province is None or g[1] in (province, None))
            ]
            if (office and not self.split_office) or (province and not self.split_province):
                raise AssertionError("a filter the form does not offer")
            total = {}
            for group in groups:
                total = add(total, self.base(snapshot, year, group, "n", ""))
            scope = (office, province)
            for table in view.tables:
                if table.title == OFFICE_TITLE and self.split_office:
                    cells = {
                        label: self._sum(
                            snapshot, year, [g for g in groups if g[0] == office_of[label]], "n"
                        )
                        for label, _shown, _share in table.rows
                    }
                elif table.title == PROVINCE_TITLE and self.split_province:
                    cells = {
                        label: self._sum(
                            snapshot,
                            year,
                            [g for g in groups if g[1] == names.get(label, "")],
                            "n",
                        )
                        for label, _shown, _share in table.rows
                    }
                else:
                    cells = {
                        label: self._sum(snapshot, year, groups, (table.title, label))
                        for label, _shown, _share in table.rows
                    }
                    structure.add((year, table.title, tuple(cells)))
                shown_counts = [number(shown) for _label, shown, _share in table.rows]
                smallest_shown = min((n for n in shown_counts if n is not None), default=BIG)
                for label, shown, row_share in table.rows:
                    if shown == "×":  # docs/monitor.md: secondaries are picked smallest first
                        self.program.add(cells[label], 0, smallest_shown)
                    self._publish(
                        snapshot, year, scope, table.title, label, cells[label], shown, small
                    )
                    percent = share(row_share)
                    if percent is not None:
                        self._share(cells[label], total, percent)
                if table.total is not None:
                    self._publish(snapshot, year, scope, "total", "", total, table.total, small)
            for label, shown in view.key_figures.items():
                if label.startswith("Meldingen"):
                    self._publish(snapshot, year, scope, "total", "", total, shown, small)
                elif share(shown) is not None:
                    police = next(t for t in view.tables if t.title == str(dims.TITLES["police"]))
                    label = str(PoliceReport.AANGIFTE.label)
                    self._share(
                        self._sum(snapshot, year, groups, (police.title, label)),
                        total,
                        share(shown),
                    )
        # Inside every group each table accounts for each report once (kinds: at least once).
        for year, title, labels in structure:
            for group in self.groups(province_codes):
                n = self.base(snapshot, year, group, "n", "")
                members = {}
                for label in labels:
                    cell = self.base(snapshot, year, group, (title, label), "")
                    members = add(members, cell)
                    if title == KIND_TITLE:
                        self.program.add(add(cell, n, -1), -BIG, 0)
                self.program.add(add(members, n, -1), 0, 0 if title != KIND_TITLE else BIG)

    def _sum(self, snapshot, year, groups, table):
        row = table[1] if isinstance(table, tuple) else ""
        name = table[0] if isinstance(table, tuple) else table
        expression = {}
        for group in groups:
            key = (name, row) if row else name
            expression = add(expression, self.base(snapshot, year, group, key, ""))
        return expression

    def _publish(self, snapshot, year, scope, table, label, expression, shown, small):
        value = number(shown)
        if value is not None:
            self.program.equal(expression, value)
        elif shown == f"< {K}":
            self.program.add(expression, *small)
        elif shown == "×":
            self.program.add(expression, K, BIG)
        else:
            raise AssertionError(f"unexpected figure {shown!r}")
        if value is None:
            self.hidden[(snapshot, year, scope, table, label)] = expression
        self.published.append((snapshot, year, scope, table, label, expression))

    def _share(self, cell, total, percent):
        # Rounded to a whole percent: (p - 0.5)% of the total <= cell <= (p + 0.5)%.
        self.program.add(
            add({v: 200 * c for v, c in cell.items()}, total, -(2 * percent + 1)), -BIG * 200, 0
        )
        self.program.add(
            add({v: 200 * c for v, c in cell.items()}, total, -(2 * percent - 1)), 0, BIG * 200
        )

    def new_reports(self, expression):
        """The part of a snapshot-1 figure that the new reports make up."""
        return {var: coef for var, coef in expression.items() if var in self.fresh}

    def weak_spots(self):
        """Hidden figures with fewer than K possible values: (key, low, high)."""
        weak = []
        for key, expression in self.hidden.items():
            low, high = self.program.range_of(expression)
            if high - low + 1 < K:
                weak.append((key, low, high))
        return weak


# --- A seeded year of reports -----------------------------------------------------------------

OFFICES = [
    (OfficeType.RAADSLID, 60),
    (OfficeType.WETHOUDER, 18),
    (OfficeType.BURGEMEESTER, 12),
    (OfficeType.STATENLID, 4),
    (OfficeType.GEDEPUTEERDE, 2),
    (OfficeType.CDK, 1),
]
CHANNELS = [(c, w) for c, w in zip(Channel.values, [30, 15, 35, 10, 6, 4], strict=True)]
POLICE = [(p, w) for p, w in zip(PoliceReport.values, [55, 10, 20, 15], strict=True)]
KINDS = [(k, w) for k, w in zip(Kind.values, [30, 35, 20, 3, 4, 25, 5, 4, 2, 2], strict=True)]


def pick(rng, weighted):
    return rng.choices([v for v, _w in weighted], [w for _v, w in weighted])[0]


def seeded_reports(rng, moments):
    """Reports spread unevenly over the provinces, offices, kinds and channels."""
    provinces = list(GovernmentBody.objects.provinces().order_by("code"))
    weights = [40, 25, 12, 8, 5, 3, 2, 2, 1, 1, 1, 1][: len(provinces)]
    towns = {}
    for province in provinces:
        towns[province.code] = list(
            GovernmentBody.objects.municipalities().filter(province=province).order_by("code")[:3]
        )
    for moment in moments:
        province = rng.choices(provinces, weights)[0]
        office = pick(rng, OFFICES)
        town = rng.choice(towns[province.code])
        on_province = office in (OfficeType.STATENLID, OfficeType.GEDEPUTEERDE, OfficeType.CDK)
        report(
            moment,
            office_type=office,
            body=province if on_province else town,
            municipality=town.code,
            kinds=tuple({pick(rng, KINDS) for _ in range(rng.choice([1, 1, 2, 3]))}),
            channel=pick(rng, CHANNELS),
            police_report=pick(rng, POLICE),
        )


@pytest.fixture
def two_years_of_reports(settings):
    """About 300 reports: last year in full and this year so far. Last year is released at
    once (no delay), whatever the date the test runs on."""
    settings.MONITOR_SHARED_DELAY_DAYS = 0
    rng = random.Random(13)
    for index, municipality in enumerate(GovernmentBody.objects.municipalities().order_by("code")):
        municipality.population = [8_000, 30_000, 70_000, 250_000][index % 4]
        municipality.save(update_fields=["population"])
    now = timezone.now()
    start = now.replace(year=now.year - 1, month=1, day=1, hour=12)
    span = (now - timedelta(days=1) - start).total_seconds()
    seeded_reports(rng, sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(300)))
    refresh_monitor()


def partner_client(client):
    client.force_login(people.partner())
    return client


def province_names():
    return dict(GovernmentBody.objects.provinces().order_by("name").values_list("code", "name"))


def test_the_published_snapshot_pins_no_hidden_figure(client, two_years_of_reports):
    choices, views = harvest(partner_client(client))
    assert views, "the shared monitor shows nothing to attack"
    attack = Attack(choices)
    attack.load(0, views, province_names())
    assert len(attack.hidden) >= 5, "too few hidden figures: the test would prove nothing"
    weak = attack.weak_spots()
    assert not weak, f"{len(weak)} of {len(attack.hidden)} hidden figures narrowed: {weak[:10]}"


def test_two_refreshes_tell_nothing_about_the_new_reports(client, two_years_of_reports):
    client = partner_client(client)
    choices, before = harvest(client)
    rng = random.Random(7)
    now = timezone.now()
    # Three new reports now, and one dated in the released year (a late correction): the
    # release of a closed year must not move.
    last_year = now.replace(year=now.year - 1, month=12, day=30)
    seeded_reports(rng, [now - timedelta(hours=hours) for hours in (1, 2, 3)] + [last_year])
    refresh_monitor()
    _choices, after = harvest(client)
    assert [(v.params, v.tables, v.key_figures) for v in after] == [
        (v.params, v.tables, v.key_figures) for v in before
    ], "a refresh changed a published figure"

    attack = Attack(choices)
    attack.load(0, before, province_names())
    attack.load(1, after, province_names())
    years_in_both = {int(v.params["year"]) for v in before} & {int(v.params["year"]) for v in after}
    revealed = []
    for snapshot, year, scope, table, label, expression in attack.published:
        if snapshot == 1 and year in years_in_both:
            low, _high = attack.program.range_of(attack.new_reports(expression))
            if low > 0:
                revealed.append((year, scope, table, label, low))
    assert not revealed, f"the new reports show in {len(revealed)} figures: {revealed[:10]}"
    weak = attack.weak_spots()
    assert not weak, f"{len(weak)} of {len(attack.hidden)} hidden figures narrowed: {weak[:10]}"
