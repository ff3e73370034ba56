"""The annual report of the monitor: the shared release of one year, as a PDF (the same figures
as the shared page, nothing more)."""

from django.conf import settings
from django.utils import timezone, translation

from weerbaar.pdf import render_pdf

from . import charts


def render_annual_report(year, data):
    with translation.override("nl"):
        tables = data["tables"]
        for index, table in enumerate(tables):
            table.svg = charts.chart_for(table, f"pdf-{table.key}-{index}")
        return render_pdf(
            "monitor/pdf/annual_report.html",
            {
                "year": year,
                "data": data,
                "tables": tables,
                "threshold": data.get("threshold", settings.MONITOR_SUPPRESSION_THRESHOLD),
                "made_on": timezone.localdate(),
            },
            pdf_variant="pdf/ua-1",
        )
