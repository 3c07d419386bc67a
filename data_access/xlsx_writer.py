"""Safe, generic helpers for writing xlsx files with openpyxl (no streamlit, no KPI knowledge).

- Text is always text: `write_value` stores every str with data_type "s" and, when it starts
  with = + - @, a tab or CR, with quotePrefix, so a register text such as "=HYPERLINK(...)" is
  never run as a formula (CWE-1236, ../shared/engineering-notes.md). Characters XML cannot hold
  are dropped instead of failing the whole file.
- Number formats are Excel format codes, which Excel stores in en-US notation and shows in the
  reader's locale: the Dutch `#.##0` is the code "#,##0", `0,0%` is "0.0%". A Belgian Excel or
  LibreOffice shows them with a thousands dot and a decimal comma. Dates use "DD/MM/YYYY".
- Blocks are written as Excel tables (`write_table`), with a bold header row, autofilter and
  banded rows; `freeze_below`, `fit_widths` and `print_setup` (landscape, fit to width, page
  numbers) finish a sheet; `bar_chart` / `line_chart` add native, editable charts.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

FMT_COUNT = "#,##0"  # Dutch #.##0
FMT_DECIMAL = "#,##0.0"  # Dutch #.##0,0
FMT_PERCENT = "0.0%"  # Dutch 0,0%
FMT_DATE = "DD/MM/YYYY"
FMT_DATETIME = "DD/MM/YYYY HH:MM"
FMT_DELTA_COUNT = "+#,##0;-#,##0;0"
FMT_DELTA_DECIMAL = "+#,##0.0;-#,##0.0;0"
FMT_DELTA_POINTS = '+0.0" ppt";-0.0" ppt";0'  # a difference of two rates in percentage points

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLE_STYLE = "TableStyleMedium2"
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
TITLE_FONT = Font(bold=True, size=14, color="1F3864")
SUBTITLE_FONT = Font(bold=True, size=12, color="1F3864")
NOTE_FONT = Font(italic=True, size=9, color="595959")


def safe_text(value: str) -> str:
    """The text without characters an xlsx file cannot hold (control characters)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def write_value(ws: Worksheet, row: int, column: int, value, number_format: str | None = None) -> Cell:
    """Writes one value: None (and NaN) as an empty cell, a bool as ja/nee, a date as a date
    (DD/MM/YYYY, a datetime with the time), a number with `number_format`, everything else as
    text that Excel never evaluates."""
    cell = ws.cell(row=row, column=column)
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        cell.value = None
        return cell
    if isinstance(value, bool):
        value = "ja" if value else "nee"
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, (int, float)):
        cell.value = value
        if number_format:
            cell.number_format = number_format
        return cell
    if isinstance(value, dt.datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = number_format or FMT_DATETIME
        return cell
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = number_format or FMT_DATE
        return cell
    text = safe_text(str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl made it "f" when it starts with "="
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


@dataclass(frozen=True)
class Fmt:
    """A value with its own number format, overriding the column's (e.g. one row a rate, the
    next a count)."""

    value: object
    number_format: str | None = None


def number_format_for(value) -> str:
    """A whole number as '#,##0', any other number with one decimal: for values of no fixed unit."""
    if isinstance(value, float) and not value.is_integer():
        return FMT_DECIMAL if round(value, 1) == round(value, 6) else "#,##0.00"
    return FMT_COUNT


def write_row(ws: Worksheet, row: int, values: Sequence, formats: Sequence[str | None] | None = None, *, column: int = 1) -> None:
    """Writes `values` from (row, column) on; a `Fmt` value brings its own number format."""
    for i, value in enumerate(values):
        fmt = formats[i] if formats and i < len(formats) else None
        if isinstance(value, Fmt):
            value, fmt = value.value, value.number_format or fmt
        write_value(ws, row, column + i, value, fmt)


def write_title(ws: Worksheet, row: int, text: str, *, font: Font = TITLE_FONT, column: int = 1) -> Cell:
    cell = write_value(ws, row, column, text)
    cell.font = font
    return cell


def link_to_sheet(cell: Cell, sheet: str) -> Cell:
    """Makes `cell` an internal link to cell A1 of `sheet` (no external relationship)."""
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(sheet)}!A1", display=str(cell.value))
    cell.font = Font(color="0563C1", underline="single")
    return cell


def write_note(ws: Worksheet, row: int, text: str, *, column: int = 1) -> Cell:
    cell = write_value(ws, row, column, text)
    cell.font = NOTE_FONT
    return cell


# --- tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    """A table column: its header, the number format of its values, an optional fixed width."""

    header: str
    number_format: str | None = None
    width: float | None = None


@dataclass(frozen=True)
class Block:
    """Where write_table put a table: header row, first and last data row, first and last column."""

    header_row: int
    first_row: int
    last_row: int
    first_col: int
    last_col: int

    def column_ref(self, ws: Worksheet, offset: int, *, with_header: bool = True) -> Reference:
        """The data cells (and the header) of the table's column `offset` (0 = first)."""
        col = self.first_col + offset
        return Reference(ws, min_col=col, max_col=col, min_row=self.header_row if with_header else self.first_row, max_row=self.last_row)

    @property
    def next_row(self) -> int:
        """The first row after the table, with one blank row in between."""
        return self.last_row + 2


EMPTY_TABLE_TEXT = "Geen gegevens"


def table_name(ws: Worksheet, base: str) -> str:
    """A workbook-unique Excel table name from `base` (letters, digits and _ only)."""
    stem = re.sub(r"[^A-Za-z0-9_]", "_", base).strip("_") or "Tabel"
    if not stem[0].isalpha():
        stem = "T_" + stem
    taken = {name.lower() for sheet in ws.parent.worksheets for name in sheet.tables}
    name, n = stem, 2
    while name.lower() in taken:
        name, n = f"{stem}_{n}", n + 1
    return name


def write_table(
    ws: Worksheet,
    top: int,
    columns: Sequence[Col],
    rows: Iterable[Sequence],
    *,
    name: str,
    left: int = 1,
    style: str = TABLE_STYLE,
) -> Block:
    """Writes a header row and `rows` at (top, left) as an Excel table called `name` (made
    unique). An empty table gets one row reading "Geen gegevens" (Excel wants a data row).
    Header texts must be unique within the table (Excel requires it)."""
    headers = [c.header for c in columns]
    if len(set(headers)) != len(headers):
        raise ValueError(f"Dubbele kolomnamen in tabel {name}: {headers}")
    write_row(ws, top, headers, column=left)
    for i in range(len(columns)):
        cell = ws.cell(row=top, column=left + i)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    formats = [c.number_format for c in columns]
    row = top
    for values in rows:
        row += 1
        write_row(ws, row, list(values), formats, column=left)
    if row == top:
        row += 1
        write_value(ws, row, left, EMPTY_TABLE_TEXT)
    ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + len(columns) - 1)}{row}"
    table = Table(displayName=table_name(ws, name), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    ws.add_table(table)
    for i, c in enumerate(columns):
        if c.width:
            ws.column_dimensions[get_column_letter(left + i)].width = c.width
    return Block(top, top + 1, row, left, left + len(columns) - 1)


# --- sheet finishing --------------------------------------------------------------------------


def freeze_below(ws: Worksheet, row: int) -> None:
    """Rows 1..row stay visible while scrolling."""
    ws.freeze_panes = f"A{row + 1}"


def _display_width(value, number_format: str) -> int:
    if value is None:
        return 0
    if isinstance(value, (dt.date, dt.datetime)):
        return 16 if isinstance(value, dt.datetime) else 10
    if isinstance(value, float):
        return len(f"{value:,.1f}") + (2 if "%" in number_format else 0)
    if isinstance(value, int):
        return len(f"{value:,}") + 1
    return max((len(line) for line in str(value).splitlines()), default=0)


def _table_cells(ws: Worksheet) -> set[tuple[int, int]] | None:
    """(row, column) of every cell inside an Excel table of the sheet; None without tables."""
    if not ws.tables:
        return None
    from openpyxl.utils.cell import range_boundaries

    cells = set()
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        cells.update((r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1))
    return cells


def fit_widths(ws: Worksheet, *, minimum: float = 8, maximum: float = 60) -> None:
    """Sets every column's width from its longest value (text lines, formatted numbers), within
    [minimum, maximum]. On a sheet with Excel tables only the tables' cells count (titles and
    notes may run over several columns); a width set by a Col stays when wider. Text longer
    than the maximum wraps."""
    inside = _table_cells(ws)
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or (inside is not None and (cell.row, cell.column) not in inside):
                continue
            width = _display_width(cell.value, cell.number_format)
            widths[cell.column] = max(widths.get(cell.column, 0), width)
            if width > maximum and isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in widths.items():
        letter = get_column_letter(column)
        fixed = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0  # set before
        ws.column_dimensions[letter].width = max(fixed or 0, min(maximum, max(minimum, width + 2)))


def print_setup(ws: Worksheet, *, title: str | None = None, repeat_rows: str | None = None, landscape: bool = True) -> None:
    """A4, landscape, fit to one page wide (as many pages high as needed), page numbers in the
    footer, `title` in the header, `repeat_rows` (e.g. "1:3") printed on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.oddFooter.center.text = "Pagina &P van &N"
    ws.oddFooter.right.text = "&A"
    if title:
        ws.oddHeader.left.text = title.replace("&", "&&")
    if repeat_rows:
        ws.print_title_rows = repeat_rows


# --- charts -----------------------------------------------------------------------------------


def _finish_chart(chart, *, title: str, y_title: str | None, width: float, height: float):
    chart.title = title
    chart.y_axis.title = y_title
    chart.y_axis.numFmt = FMT_COUNT
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.width, chart.height = width, height
    if chart.legend is not None:
        chart.legend.position = "b"
    chart.display_blanks = "gap"  # an empty (hidden) value is a gap, never a zero
    chart.visible_cells_only = False  # chart_columns may hand it hidden helper columns
    return chart


def chart_columns(ws: Worksheet, block: Block, offsets: Sequence[int], *, spare_column: int) -> list[Reference]:
    """References (header included) for a chart over the table columns `offsets`. Excel draws a
    text cell in a data range as 0, so a column holding text among its values (a suppressed
    "<5" or "x") is copied as numbers, text left empty, to a hidden column from `spare_column`
    on: the chart shows a gap there, never a made-up zero, and the text is not repeated."""
    refs = []
    for offset in offsets:
        col = block.first_col + offset
        cells = [ws.cell(row=r, column=col) for r in range(block.first_row, block.last_row + 1)]
        if not any(isinstance(c.value, str) for c in cells):
            refs.append(block.column_ref(ws, offset))
            continue
        write_value(ws, block.header_row, spare_column, ws.cell(row=block.header_row, column=col).value)
        for c in cells:
            number = c.value if isinstance(c.value, (int, float)) else None
            write_value(ws, c.row, spare_column, number, c.number_format)
        ws.column_dimensions[get_column_letter(spare_column)].hidden = True
        refs.append(Reference(ws, min_col=spare_column, max_col=spare_column, min_row=block.header_row, max_row=block.last_row))
        spare_column += 1
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
) -> BarChart:
    """A native bar chart of `data` (each Reference one column, header row included as the
    series name) over `categories`, placed at `anchor` (e.g. "F3"). One series: no legend."""
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    for ref in data:
        chart.add_data(ref, titles_from_data=True)
    chart.set_categories(categories)
    if len(data) == 1:
        chart.legend = None
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    _finish_chart(chart, title=title, y_title=y_title, width=width, height=height)
    ws.add_chart(chart, anchor)
    return chart


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
) -> LineChart:
    """A native line chart (one line per Reference, with markers) over `categories`."""
    chart = LineChart()
    for ref in data:
        chart.add_data(ref, titles_from_data=True)
    chart.set_categories(categories)
    for series in chart.series:
        series.marker.symbol = "circle"
        series.smooth = False
    _finish_chart(chart, title=title, y_title=y_title, width=width, height=height)
    ws.add_chart(chart, anchor)
    return chart


# --- the file ---------------------------------------------------------------------------------


def new_workbook() -> Workbook:
    """An empty workbook (its default sheet removed)."""
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def sheet_title(text: str) -> str:
    """A valid, at most 31-character sheet name (no []:*?/\\)."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31]


def to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
