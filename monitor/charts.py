"""Charts as SVG drawn on the server: no chart library, no script, nothing from another host.

Each chart is a picture of a table that is shown beside it; the SVG carries a title and a short
description for screen readers, and uses presentation attributes only (the CSP forbids inline
styles). Hidden (suppressed) cells are drawn as a hatched stub with their label.
"""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

INK = "#1b1f24"
BRAND = "#1f4e6b"
MUTED = "#4a5561"
GRID = "#c9d1d9"
LIGHT = "#e6eef3"

# Where each province sits in a schematic grid of the Netherlands (column, row).
PROVINCE_GRID = {
    "PV21": (1, 0),  # Fryslân
    "PV20": (2, 0),  # Groningen
    "PV27": (0, 1),  # Noord-Holland
    "PV24": (1, 1),  # Flevoland
    "PV22": (2, 1),  # Drenthe
    "PV28": (0, 2),  # Zuid-Holland
    "PV26": (1, 2),  # Utrecht
    "PV23": (2, 2),  # Overijssel
    "PV29": (0, 3),  # Zeeland
    "PV30": (1, 3),  # Noord-Brabant
    "PV25": (2, 3),  # Gelderland
    "PV31": (2, 4),  # Limburg
}


def _svg(width, height, title, description, body, chart_id):
    return format_html(
        '<svg class="monitor-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="13">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def bar_chart(table, chart_id):
    """Horizontal bars, one per row of the table."""
    rows = table.rows
    label_width, bar_space, row_height = 280, 290, 28
    width, height = label_width + bar_space + 70, max(row_height * len(rows) + 10, 40)
    largest = max([row.cell.value or 0 for row in rows] + [1])
    parts = []
    for index, row in enumerate(rows):
        y = 5 + index * row_height
        # About 7 px a character: longer labels are cut here and stand in full in the table.
        label = row.label if len(row.label) <= 36 else row.label[:34].rstrip() + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                label_width - 8,
                y + 18,
                INK,
                label,
            )
        )
        if row.cell.hidden:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="12" height="20" fill="none" stroke="{}" '
                    'stroke-dasharray="3 2"/><text x="{}" y="{}" fill="{}">{}</text>',
                    label_width,
                    y + 3,
                    MUTED,
                    label_width + 18,
                    y + 18,
                    MUTED,
                    row.cell.display,
                )
            )
            continue
        bar = round(bar_space * (row.cell.value or 0) / largest)
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="20" fill="{}"/>'
                '<text x="{}" y="{}" fill="{}">{}</text>',
                label_width,
                y + 3,
                bar,
                BRAND,
                label_width + bar + 6,
                y + 18,
                INK,
                row.cell.display,
            )
        )
    body = format_html_join("", "{}", ((part,) for part in parts))
    return _svg(width, height, table.title, _describe(table), body, chart_id)


def line_chart(table, chart_id):
    """A line through the counts per period; hidden periods break the line."""
    rows = table.rows
    width, height, left, bottom, top = 640, 260, 48, 40, 16
    plot_w, plot_h = width - left - 16, height - top - bottom
    largest = max([row.cell.value or 0 for row in rows] + [1])
    step = plot_w / max(len(rows) - 1, 1)
    parts = []
    for fraction in (0, 0.5, 1):  # grid lines with their values
        y = top + plot_h * (1 - fraction)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                left,
                width - 16,
                y,
                y,
                GRID,
                left - 6,
                y + 4,
                MUTED,
                round(largest * fraction),
            )
        )
    segments, current = [], []
    label_every = max(1, len(rows) // 12)
    for index, row in enumerate(rows):
        x = left + index * step
        if index % label_every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                    x,
                    height - bottom + 18,
                    MUTED,
                    row.label.split(" ")[0],
                )
            )
        if row.cell.hidden or row.cell.value is None:
            if current:
                segments.append(current)
            current = []
            continue
        y = top + plot_h * (1 - row.cell.value / largest)
        current.append((x, y))
        parts.append(
            format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', _n(x), _n(y), BRAND)
        )
    if current:
        segments.append(current)
    for segment in segments:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
        parts.insert(
            0,
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
                points,
                BRAND,
            ),
        )
    body = format_html_join("", "{}", ((part,) for part in parts))
    return _svg(width, height, table.title, _describe(table), body, chart_id)


def province_grid(table, chart_id):
    """A tile per province in its rough place on the map, shaded by its count."""
    tile_w, tile_h, gap = 150, 64, 6
    cells = {row.code: row for row in table.rows}
    largest = max([row.cell.value or 0 for row in table.rows] + [1])
    parts = []
    for code, (column, row_index) in PROVINCE_GRID.items():
        row = cells.get(code)
        if row is None:
            continue
        x, y = column * (tile_w + gap), row_index * (tile_h + gap)
        shade = 0 if row.cell.hidden else (row.cell.value or 0) / largest
        dark = shade > 0.55
        fill = _mix(LIGHT, BRAND, shade)
        ink = "#ffffff" if dark else INK
        name = row.label if len(row.label) <= 16 else row.label[:15] + "…"
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="{}"/>'
                '<text x="{}" y="{}" fill="{}">{}</text>'
                '<text x="{}" y="{}" fill="{}" font-size="18" font-weight="bold">{}</text>',
                x,
                y,
                tile_w,
                tile_h,
                fill,
                GRID,
                x + 10,
                y + 22,
                ink,
                name,
                x + 10,
                y + 50,
                ink,
                row.cell.display,
            )
        )
    width, height = 3 * (tile_w + gap), 5 * (tile_h + gap)
    body = format_html_join("", "{}", ((part,) for part in parts))
    return _svg(width, height, table.title, _describe(table), body, chart_id)


def _n(number):
    return f"{number:.1f}"


def _mix(start, end, fraction):
    a = [int(start[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(end[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * fraction):02x}" for x, y in zip(a, b, strict=True))


def _describe(table):
    shown = [row for row in table.rows if not row.cell.hidden and row.cell.value]
    if not shown:
        return _("Geen meldingen in deze selectie. De tabel ernaast geeft de cijfers.")
    top = max(shown, key=lambda row: row.cell.value)
    return _("Hoogste waarde: %(label)s (%(value)s). De tabel ernaast geeft alle cijfers.") % {
        "label": top.label,
        "value": top.cell.display,
    }


def chart_for(table, chart_id):
    if table.chart == "line":
        return line_chart(table, chart_id)
    if table.chart == "provinces":
        return province_grid(table, chart_id)
    return bar_chart(table, chart_id)
