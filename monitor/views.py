"""The monitor: the staff dashboard, the shared (suppressed) version, CSV and the annual report."""

import csv

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import charts, selectors
from .forms import SharedFilterForm, StaffFilterForm
from .pdf import render_annual_report


def may_see_shared(user):
    if settings.MONITOR_SHARED_AUDIENCE == "public":
        return True
    return user.is_authenticated and (
        user.is_triage_staff or user.is_partner or user.is_support_team
    )


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
    years = selectors.shared_years()
    form = SharedFilterForm(request.GET or None, years=years)
    valid = form.is_valid() if request.GET else True
    cleaned = form.cleaned_data if request.GET and valid else {}
    year = cleaned.get("year") or (years[0] if years else None)
    data = None
    if year is not None:
        data = selectors.shared_dashboard(
            year,
            office_type=cleaned.get("office_type") or None,
            province_code=cleaned.get("province") or None,
        )
    return form, years, year, data


def shared(request):
    """The shared monitor: one year, at most one filter, small numbers suppressed."""
    form, years, year, data = _shared(request)
    if data and request.GET.get("csv"):
        key = request.GET["csv"]
        return _csv_response(_find_table(data["tables"], key), f"monitor-{year}-{key}.csv")
    return render(
        request,
        "monitor/shared.html",
        {
            "form": form,
            "years": years,
            "year": year,
            "data": data,
            "tables": _with_charts(data["tables"]) if data else [],
            "query": request.GET.urlencode(),
            "threshold": selectors.threshold(),
        },
    )


def annual_report(request, year):
    """The annual report of one year: the shared figures, as a PDF."""
    if not may_see_shared(request.user) or year not in selectors.shared_years():
        raise Http404
    data = selectors.shared_dashboard(year)
    pdf = render_annual_report(year, data)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="monitor-weerbaar-bestuur-{year}.pdf"'
    return response
