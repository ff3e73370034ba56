"""The monitor: the staff dashboard, the shared (suppressed) version, CSV and the annual report."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import charts, selectors, shared
from .forms import FIRST_YEAR, LAST_YEAR, SharedFilterForm, StaffFilterForm
from .pdf import render_annual_report
from .permissions import may_see_shared


def _with_charts(tables):
    for index, table in enumerate(tables):
        table.svg = charts.chart_for(table, f"grafiek-{table.key}-{index}")
    return tables


def _csv_response(table, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel reads UTF-8 with a byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerows(table_rows(table))
    return response


def table_rows(table):
    """The table as the page shows it: heading, one line per row, the total."""
    heading = [str(table.column), _("Aantal")] + ([_("Aandeel")] if table.adds_up else [])
    rows = [heading]
    for row in table.rows:
        line = [row.label, row.cell.display]
        if table.adds_up:
            line.append(row.share_display)
        rows.append(line)
    if table.total is not None and table.adds_up:
        rows.append([_("Totaal"), table.total.display, "100%" if table.total.value else "–"])
    return rows


def _find_table(tables, key):
    for table in tables:
        if table.key == key:
            return table
    raise Http404


@login_required
def dashboard(request):
    """BZK staff: every figure, unsuppressed, with filters."""
    if not request.user.is_triage_staff:
        raise Http404
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data["filters"] if form.is_valid() else selectors.StaffFilters.default()
    data = selectors.staff_dashboard(filters)
    if request.GET.get("csv"):
        key = request.GET["csv"]
        tables = [*data["tables"], data["open_by_age"]]
        return _csv_response(_find_table(tables, key), f"monitor-{key}.csv")
    return render(
        request,
        "monitor/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "data": data,
            "tables": _with_charts(data["tables"]),
            "open_by_age": _with_charts([data["open_by_age"]])[0],
            "query": request.GET.urlencode(),
        },
    )


def _shared(request):
    if not may_see_shared(request.user):
        raise Http404
    years = shared.shared_years()
    form = SharedFilterForm(request.GET or None, years=years)
    year = years[0] if years else None
    if request.GET and form.is_valid():
        year = form.cleaned_data["year"]
    data = shared.shared_dashboard(year) if year is not None else None
    return form, years, year, data


def _shown_tables(data):
    return [table for table in data["tables"] if not table.withheld] if data else []


def shared_view(request):
    """The shared monitor: one closed year, one-way tables, small numbers protected."""
    form, years, year, data = _shared(request)
    if data and request.GET.get("csv"):
        key = request.GET["csv"]
        return _csv_response(_find_table(_shown_tables(data), key), f"monitor-{year}-{key}.csv")
    tables = _with_charts(_shown_tables(data))
    return render(
        request,
        "monitor/shared.html",
        {
            "form": form,
            "years": years,
            "year": year,
            "data": data,
            "tables": tables,
            "withheld": [table for table in data["tables"] if table.withheld] if data else [],
            "threshold": data["threshold"] if data else selectors.threshold(),
            "query": request.GET.urlencode(),
        },
    )


def annual_report(request, year):
    """The annual report of one year: the shared figures, as a PDF."""
    if not may_see_shared(request.user) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    data = shared.shared_dashboard(year)
    if data is None:
        raise Http404
    withheld = [table for table in data["tables"] if table.withheld]
    pdf = render_annual_report(year, {**data, "tables": _shown_tables(data), "withheld": withheld})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="monitor-weerbaar-bestuur-{year}.pdf"'
    return response
