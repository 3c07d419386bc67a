"""Native, editable xlsx charts (openpyxl, no streamlit) over the tables `xlsx_writer.write_table`
wrote: bars and lines in the dashboard's colours, their data kept on a hidden chart-data sheet
where a table's own columns cannot serve."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.worksheet.worksheet import Worksheet

from data_access.xlsx_writer import FMT_COUNT, Block, write_value
from i18n import NP_, _, pgettext


def numeric_share(ws: Worksheet, block: Block, offsets: Sequence[int]) -> float:
    """The share of the table's data cells in columns `offsets` that hold a number (a chart
    over mostly hidden values shows little but gaps)."""
    cells = [ws.cell(row=r, column=block.first_col + o) for o in offsets for r in range(block.first_row, block.last_row + 1)]
    return sum(isinstance(c.value, (int, float)) for c in cells) / len(cells) if cells else 0.0


def color_series(chart, colors: Sequence[str | None]) -> None:
    """Fills (bars) or strokes (lines, with their markers) each series with its colour
    ("#1F5F9E" or "1F5F9E"); None keeps the default."""
    for series, color in zip(chart.series, colors):
        if not color:
            continue
        color = color.lstrip("#").upper()
        if isinstance(chart, LineChart):
            series.graphicalProperties.line.solidFill = color
            series.graphicalProperties.line.width = 28575  # 2.25 pt in EMU
            series.marker.graphicalProperties = GraphicalProperties(solidFill=color)
            series.marker.graphicalProperties.line.solidFill = color
        else:
            series.graphicalProperties.solidFill = color
            series.graphicalProperties.line.solidFill = color


def _add_series(chart, categories: Reference, data: Sequence[Reference]) -> None:
    """Each Reference one series (its header row the series name), over `categories`."""
    for ref in data:
        chart.add_data(ref, titles_from_data=True)
    chart.set_categories(categories)


def _place_chart(ws: Worksheet, anchor: str, chart, *, title: str, y_title: str | None, width: float, height: float,
                 colors: Sequence[str | None]):
    """The look every chart shares (titles, count axis, size, legend below, gaps for hidden
    values), the series' colours, and the chart placed on `ws` at `anchor`."""
    chart.title = title
    chart.y_axis.title = y_title
    chart.y_axis.numFmt = FMT_COUNT
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.width, chart.height = width, height
    if chart.legend is not None:
        chart.legend.position = "b"
    chart.display_blanks = "gap"  # an empty (hidden) value is a gap, never a zero
    chart.visible_cells_only = False  # chart_columns may hand it a hidden sheet's copies
    color_series(chart, colors)
    ws.add_chart(chart, anchor)
    return chart


CHART_DATA_SHEET = NP_("sheet", "Grafiekgegevens")


def chart_data_title() -> str:
    """The name of the hidden chart sheet in the current language."""
    return pgettext("sheet", CHART_DATA_SHEET)


def chart_data_sheet(wb: Workbook) -> Worksheet:
    """The workbook's hidden sheet of numeric copies for charts (made on first use)."""
    title = chart_data_title()
    if title in wb.sheetnames:
        return wb[title]
    sheet = wb.create_sheet(title)
    sheet.sheet_state = "hidden"
    write_value(sheet, 1, 1, _("Kopie van getoonde aantallen voor de grafieken; verborgen aantallen zijn leeg."))
    return sheet


def chart_columns(ws: Worksheet, block: Block, offsets: Sequence[int]) -> list[Reference]:
    """References (header included) for a chart over the table columns `offsets`. Excel draws a
    text cell in a data range as 0, so a column holding text among its values (a suppressed
    "<5" or "x") is copied as numbers, text left empty, to the next free column of the hidden
    sheet Grafiekgegevens: the chart shows a gap there, never a made-up zero, and the sheet
    itself prints only what it shows."""
    refs = []
    for offset in offsets:
        col = block.first_col + offset
        cells = [ws.cell(row=r, column=col) for r in range(block.first_row, block.last_row + 1)]
        if not any(isinstance(c.value, str) for c in cells):
            refs.append(block.column_ref(ws, offset))
            continue
        data = chart_data_sheet(ws.parent)
        target = data.max_column + 1
        write_value(data, 2, target, ws.cell(row=block.header_row, column=col).value)
        for i, c in enumerate(cells):
            number = c.value if isinstance(c.value, (int, float)) else None
            write_value(data, 3 + i, target, number, c.number_format)
        refs.append(Reference(data, min_col=target, max_col=target, min_row=2, max_row=2 + len(cells)))
    return refs


def bar_chart(
    ws: Worksheet,
    anchor: str,
    categories: Reference,
    data: Sequence[Reference],
    *,
    title: str,
    y_title: str | None = None,
    horizontal: bool = False,
    stacked: bool = False,
    width: float = 16,
    height: float = 7.5,
    colors: Sequence[str | None] = (),
) -> BarChart:
    """A native bar chart of `data` (each Reference one column, header row included as the
    series name) over `categories`, placed at `anchor` (e.g. "F3"). One series: no legend."""
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    _add_series(chart, categories, data)
    if len(data) == 1:
        chart.legend = None
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    return _place_chart(ws, anchor, chart, title=title, y_title=y_title, width=width, height=height, colors=colors)


def line_chart(
    ws: Worksheet,
    anchor: str,
    categories: Reference,
    data: Sequence[Reference],
    *,
    title: str,
    y_title: str | None = None,
    width: float = 16,
    height: float = 7.5,
    colors: Sequence[str | None] = (),
) -> LineChart:
    """A native line chart (one line per Reference, with markers) over `categories`."""
    chart = LineChart()
    _add_series(chart, categories, data)
    for series in chart.series:
        series.marker.symbol = "circle"
        series.smooth = False
    return _place_chart(ws, anchor, chart, title=title, y_title=y_title, width=width, height=height, colors=colors)


