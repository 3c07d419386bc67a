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
import functools
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from i18n import N_, NP_, _, pgettext

FMT_COUNT = "#,##0"  # Dutch #.##0
FMT_DECIMAL = "#,##0.0"  # Dutch #.##0,0
FMT_PERCENT = "0.0%"  # Dutch 0,0%
FMT_DATE = "DD/MM/YYYY"
FMT_DATETIME = "DD/MM/YYYY HH:MM"
FMT_DELTA_COUNT = "+#,##0;-#,##0;0"
FMT_DELTA_DECIMAL = "+#,##0.0;-#,##0.0;0"
FMT_DELTA_POINTS = '+0.0" ppt";-0.0" ppt";0'  # a difference of two rates in percentage points (Dutch)


def delta_points_format() -> str:
    """FMT_DELTA_POINTS with the current language's abbreviation of percentage points."""
    unit = _("ppt")
    return f'+0.0" {unit}";-0.0" {unit}";0'


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLE_STYLE = "TableStyleMedium2"
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
TITLE_FONT = Font(bold=True, size=14, color="1F3864")
SUBTITLE_FONT = Font(bold=True, size=12, color="1F3864")
NOTE_FONT = Font(italic=True, size=9, color="595959")


def safe_text(value: str) -> str:
    """The text without characters an xlsx file cannot hold (control characters)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


MAX_TEXT = 32767  # the most characters a cell holds (openpyxl cuts there too)


def _excel_value(value, number_format: str | None) -> tuple[object, str, str | None, bool]:
    """(the value as the cell stores it, its openpyxl data type, its number format, quotePrefix)
    for `write_value`'s rules."""
    if type(value) is str:  # most values: tested first
        text = safe_text(value)[:MAX_TEXT]
        return text, "s", None, text.startswith(FORMULA_START)
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return None, "n", None, False
    if isinstance(value, bool):
        value = pgettext("value", "ja") if value else pgettext("value", "nee")
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, (int, float)):
        return value, "n", number_format, False
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None), "d", number_format or FMT_DATETIME, False
    if isinstance(value, dt.date):
        return value, "d", number_format or FMT_DATE, False
    return _excel_value(str(value), None)  # "s" also for "=...": never a formula


def write_value(ws: Worksheet, row: int, column: int, value, number_format: str | None = None, *,
                horizontal: str | None = None) -> Cell:
    """Writes one value: None (and NaN) as an empty cell, a bool as ja/nee (oui/non in French), a date as a date
    (DD/MM/YYYY, a datetime with the time), a number with `number_format`, everything else as
    text that Excel never evaluates. `horizontal` aligns the cell."""
    value, data_type, number_format, quote = _excel_value(value, number_format)
    cell = ws._cells.get((row, column))
    if cell is None:  # a new cell (nearly all of them): built directly, a national export writes a million
        cell = Cell(ws, row=row, column=column, style_array=_style_array(ws.parent, number_format, horizontal, quote))
        ws._add_cell(cell)
        cell._value, cell.data_type = value, data_type
        return cell
    cell.value = value
    cell.data_type = data_type  # openpyxl made a text starting with "=" a formula ("f")
    if number_format:
        cell.number_format = number_format
    if quote:
        cell.quotePrefix = True
    if horizontal:
        _align(cell, horizontal, _alignment_of(cell).vertical, _alignment_of(cell).wrap_text)
    return cell


def _style_array(workbook: Workbook, number_format: str | None, horizontal: str | None, quote: bool) -> StyleArray | None:
    """A new cell's style (number format, alignment, quotePrefix) as openpyxl's setters would
    store it (Cell() takes a copy), the indices in the workbook's lists looked up once per combination."""
    if not (number_format or horizontal or quote):
        return None
    known = workbook.__dict__.setdefault("_write_style_arrays", {})
    key = (number_format, horizontal, quote)
    if key not in known:
        style = StyleArray()
        if number_format:
            style.numFmtId = (BUILTIN_FORMATS_REVERSE[number_format] if number_format in BUILTIN_FORMATS_REVERSE
                              else workbook._number_formats.add(number_format) + BUILTIN_FORMATS_MAX_SIZE)
        if horizontal:
            style.alignmentId = workbook._alignments.add(_aligned(horizontal, None, None))
        style.quotePrefix = int(quote)
        known[key] = style
    return known[key]  # Cell() copies it: openpyxl's setters change a cell's array in place


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


def write_row(ws: Worksheet, row: int, values: Sequence, formats: Sequence[str | None] | None = None, *, column: int = 1,
              horizontal: Sequence[str | None] | None = None) -> None:
    """Writes `values` from (row, column) on; a `Fmt` value brings its own number format;
    `horizontal` aligns each column."""
    for i, value in enumerate(values):
        fmt = formats[i] if formats and i < len(formats) else None
        if isinstance(value, Fmt):
            fmt = value.number_format or fmt
            value = value.value
        write_value(ws, row, column + i, value, fmt, horizontal=horizontal[i] if horizontal else None)


def write_title(ws: Worksheet, row: int, text: str, *, font: Font = TITLE_FONT, column: int = 1) -> Cell:
    cell = write_value(ws, row, column, text)
    cell.font = font
    return cell


def link_to_sheet(cell: Cell, sheet: str) -> Cell:
    """Makes `cell` an internal link to cell A1 of `sheet` (no external relationship)."""

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
    """A table column: its header, the number format of its values, an optional fixed width;
    numeric=True right-aligns the column, so a text among the numbers ("<5", "verborgen")
    lines up with them."""

    header: str
    number_format: str | None = None
    width: float | None = None
    numeric: bool = False


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


EMPTY_TABLE_TEXT = N_("Geen gegevens")


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
    horizontal = ["right" if c.numeric else None for c in columns] if any(c.numeric for c in columns) else None
    row = top
    for values in rows:
        row += 1
        write_row(ws, row, list(values), formats, column=left, horizontal=horizontal)
    if row == top:
        row += 1
        write_value(ws, row, left, _(EMPTY_TABLE_TEXT))
    for i, c in enumerate(columns):
        if c.numeric:
            ws.cell(row=top, column=left + i).alignment = Alignment(horizontal="right", wrap_text=True, vertical="center")
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


def _display_width(cell: Cell) -> int:
    value = cell._value
    if type(value) is str:  # most cells: one line of text
        return len(value) if "\n" not in value else max(len(line) for line in value.splitlines())
    if value is None:
        return 0
    if isinstance(value, (dt.date, dt.datetime)):
        return 16 if isinstance(value, dt.datetime) else 10
    if isinstance(value, float):  # only a float needs its format (a style lookup per cell)
        return len(f"{value:,.1f}") + (2 if "%" in cell.number_format else 0)
    if isinstance(value, int):
        return len(f"{value:,}") + 1
    return max((len(line) for line in str(value).splitlines()), default=0)


def _table_bounds(ws: Worksheet) -> list[tuple[int, int, int, int]] | None:
    """(min_col, min_row, max_col, max_row) of every Excel table of the sheet; None without tables."""
    if not ws.tables:
        return None

    return [range_boundaries(table.ref) for table in ws.tables.values()]


def _inside(cell, bounds: list[tuple[int, int, int, int]] | None) -> bool:
    if bounds is None:
        return True
    column, row = cell.column, cell.row
    for c1, r1, c2, r2 in bounds:
        if c1 <= column <= c2 and r1 <= row <= r2:
            return True
    return False


ROW_POINTS = 15  # a default row


def fit_widths(ws: Worksheet, *, minimum: float = 8, maximum: float = 60) -> None:
    """Sets every column's width from its longest value (text lines, formatted numbers), within
    [minimum, maximum]. On a sheet with Excel tables only the tables' cells count (titles and
    notes may run over several columns); a width set before (a Col's width) stays when wider.
    Text longer than its column wraps, and its row gets the height of its lines (spreadsheet
    programs do not always grow a row by themselves when they open a file)."""
    bounds = _table_bounds(ws)
    # the cells that exist (ws.iter_rows would create every empty one of the sheet's rectangle:
    # at national scale a third of the export's time)
    cells = [c for c in ws._cells.values() if c._value is not None and _inside(c, bounds)]
    widths: dict[int, int] = {}
    for cell in cells:
        width = _display_width(cell)
        if width > widths.get(cell.column, 0):
            widths[cell.column] = width
    for column, width in widths.items():
        letter = get_column_letter(column)
        fixed = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0  # set before
        ws.column_dimensions[letter].width = max(fixed or 0, min(maximum, max(minimum, width + 3)))
    room = {column: max(1.0, (ws.column_dimensions[get_column_letter(column)].width or 8) - 1) for column in widths}
    lines: dict[int, int] = {}
    for cell in cells:
        value = cell._value
        if not isinstance(value, str) or (len(value) <= room[cell.column] and "\n" not in value):
            continue
        needed = sum(max(1, math.ceil(len(part) / room[cell.column])) for part in value.splitlines() or [""])
        if needed > 1:
            _align(cell, _alignment_of(cell).horizontal, "top", True)
            lines[cell.row] = max(lines.get(cell.row, 1), needed)
    if not lines:
        return
    by_row: dict[int, list] = {number: [] for number in lines}
    for (number, _column), cell in ws._cells.items():
        if number in by_row:
            by_row[number].append(cell)
    for number, count in lines.items():
        ws.row_dimensions[number].height = ROW_POINTS * count
        for cell in by_row[number]:  # the row's other cells line up with the top of the wrapped text
            a = _alignment_of(cell)
            if a.vertical != "top":
                _align(cell, a.horizontal, "top", a.wrap_text)


def _alignment_of(cell: Cell) -> Alignment:
    """cell.alignment, read from the workbook's list (the property builds a proxy per call)."""
    return cell.parent.parent._alignments[cell._style.alignmentId if cell._style else 0]


def _align(cell: Cell, horizontal: str | None, vertical: str | None, wrap_text: bool | None) -> None:
    """cell.alignment = _aligned(horizontal, vertical, wrap_text), without openpyxl hashing every
    attribute of the Alignment again for each cell to find its index in the workbook's list
    (that hash was ±60 % of fit_widths on a national export): the index is kept on the workbook,
    per combination."""
    workbook = cell.parent.parent
    known = workbook.__dict__.setdefault("_fit_alignment_ids", {})
    key = (horizontal, vertical, wrap_text)
    if key not in known:
        known[key] = workbook._alignments.add(_aligned(*key))  # what the `alignment` setter stores
    if not cell._style:  # as openpyxl's setter: a cell without a style array gets one
        cell._style = StyleArray()
    cell._style.alignmentId = known[key]


@functools.lru_cache(maxsize=64)
def _aligned(horizontal: str | None, vertical: str | None, wrap_text: bool | None) -> Alignment:
    """One Alignment per combination: a national export wraps text in ±100.000 rows, and
    building an openpyxl style object per cell took a third of its time."""
    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap_text)


# --- printing ---------------------------------------------------------------------------------

# Printable area of an A4 page with print_setup's margins, header and footer (cm).
PRINTABLE_CM = {"landscape": (27.2, 17.0), "portrait": (19.0, 26.0)}
DEFAULT_COLUMN_WIDTH = 8.43  # Excel's default, in characters


def _column_cm(width: float) -> float:
    """Excel column width (characters of the default font) to cm: 7 px per character plus 5 px."""
    return (width * 7 + 5) / 96 * 2.54


def _anchor(chart) -> tuple[int, int]:
    """(column, row), 1-based, of a chart's top-left corner."""
    if isinstance(chart.anchor, str):  # "E5" until the file is written
        letter, row = coordinate_from_string(chart.anchor)
        return column_index_from_string(letter), row
    return chart.anchor._from.col + 1, chart.anchor._from.row + 1


def _width(ws: Worksheet, column: int) -> float:
    """A column's width in characters; 0 when hidden."""
    letter = get_column_letter(column)
    if letter not in ws.column_dimensions:
        return DEFAULT_COLUMN_WIDTH
    dim = ws.column_dimensions[letter]
    return 0 if dim.hidden else dim.width or DEFAULT_COLUMN_WIDTH


def _overflow_end(ws: Worksheet, cell: Cell) -> int:
    """The last column a cell's text runs into (text flows over empty cells to its right)."""
    if not isinstance(cell._value, str) or _alignment_of(cell).wrap_text:
        return cell.column
    size = (cell.font.sz or 11) / 11 if cell.font is not None else 1
    need, column = len(cell.value) * size, cell.column
    while True:
        need -= _width(ws, column)
        right = ws._cells.get((cell.row, column + 1))  # (ws.cell would create it)
        if need <= 0 or (right is not None and right._value is not None):
            return column
        column += 1


def printed_range(ws: Worksheet) -> tuple[int, int]:
    """(last column, last row) of what is printed: the last visible cell with a value (and
    the columns its text runs into), or where a chart ends."""
    shown = functools.cache(lambda column: _width(ws, column) > 0)
    last_col = last_row = 1
    last_filled: dict[int, Cell] = {}  # per row its last visible cell with a value (existing cells only)
    for cell in ws._cells.values():
        if cell._value is not None and shown(cell.column):
            before = last_filled.get(cell.row)
            if before is None or cell.column > before.column:
                last_filled[cell.row] = cell
    for cell in last_filled.values():  # text flows right only up to the next filled cell: the row's last one reaches furthest
        last_row = max(last_row, cell.row)
        last_col = max(last_col, _overflow_end(ws, cell))
    for chart in ws._charts:
        column, row = _anchor(chart)
        right = chart.width
        while right > 0:
            right -= _column_cm(_width(ws, column)) if _width(ws, column) else 0
            column += 1
        last_col = max(last_col, column - 1)
        last_row = max(last_row, row + math.ceil(chart.height / (ROW_POINTS / 72 * 2.54)))
    return last_col, last_row


def print_scale(ws: Worksheet) -> float:
    """The scale "fit to one page wide" will use: the printable width over the printed width."""
    last_col, _ = printed_range(ws)
    used = sum(_column_cm(_width(ws, c)) for c in range(1, last_col + 1) if _width(ws, c))
    width_cm = PRINTABLE_CM[ws.page_setup.orientation or "portrait"][0]
    return min(1.0, width_cm / used) if used else 1.0


def keep_together(ws: Worksheet, blocks: Iterable[tuple[int, int]], *, repeated_rows: int = 0) -> list[int]:
    """Page breaks so that a block of rows (first, last) — a table with the chart beside it —
    does not start at the bottom of one page and end on the next, when it fits on one page.
    For a sheet printed fit to one page wide (print_setup): the scale follows from the column
    widths, the rows per page from that scale and the row heights; `repeated_rows` are the
    title rows printed on every page. Returns the rows after which a page break was put."""

    scale = print_scale(ws)
    height_cm = PRINTABLE_CM[ws.page_setup.orientation or "portrait"][1]

    def cm(row: int) -> float:
        points = ws.row_dimensions[row].height if row in ws.row_dimensions and ws.row_dimensions[row].height else ROW_POINTS
        return points / 72 * 2.54 * scale

    repeat_cm = sum(cm(r) for r in range(1, repeated_rows + 1))
    breaks: list[int] = []
    page_start, used = 1, 0.0
    row = 1
    for first, last in sorted(blocks):
        while row < first:  # rows between blocks flow
            used += cm(row)
            if used > height_cm:
                page_start, used = row, repeat_cm + cm(row)
            row += 1
        size = sum(cm(r) for r in range(first, last + 1))
        if used + size > height_cm and first > page_start and repeat_cm + size <= height_cm:
            ws.row_breaks.append(Break(id=first - 1))
            breaks.append(first - 1)
            page_start, used = first, repeat_cm
        for r in range(first, last + 1):
            used += cm(r)
            if used > height_cm:  # a block longer than a page flows over
                page_start, used = r, repeat_cm + cm(r)
        row = last + 1
    return breaks


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
    ws.oddFooter.center.text = _("Pagina &P van &N")
    ws.oddFooter.right.text = "&A"
    if title:
        ws.oddHeader.left.text = title.replace("&", "&&")
    if repeat_rows:
        ws.print_title_rows = repeat_rows


# --- charts -----------------------------------------------------------------------------------


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
