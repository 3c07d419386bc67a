"""Safe, generic helpers for writing xlsx files with openpyxl (no streamlit, no KPI knowledge).

- Text is always text: `write_value` stores every str with data_type "s" and, when it starts
  with = + - @, a tab or CR, with quotePrefix, so a register text such as "=HYPERLINK(...)" is
  never run as a formula (CWE-1236, ../shared/engineering-notes.md). Characters XML cannot hold
  are dropped instead of failing the whole file.
- Number formats are Excel format codes, which Excel stores in en-US notation and shows in the
  reader's locale: the Dutch `#.##0` is the code "#,##0", `0,0%` is "0.0%". A Belgian Excel or
  LibreOffice shows them with a thousands dot and a decimal comma. Dates use "DD/MM/YYYY".
- Blocks are written as Excel tables (`write_table`), with a bold header row, autofilter and
  banded rows; `freeze_below` and `fit_widths` finish a sheet.
Printing on A4 is in data_access.xlsx_print (`print_setup`, `keep_together`), native charts in
data_access.xlsx_charts (`bar_chart`, `line_chart`).
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
from openpyxl.chart import Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from i18n import N_, _, pgettext

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
        current = alignment_of(cell)
        _align(cell, horizontal, current.vertical, current.wrap_text)
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
            style.alignmentId = _alignment_id(workbook, horizontal, None, None)
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


_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # where str.splitlines splits


def _display_width(cell: Cell) -> int:
    value = cell._value
    if type(value) is str:  # most cells: one line of text
        return len(value) if _LINE_BREAK.search(value) is None else max((len(line) for line in value.splitlines()), default=0)
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
        if not isinstance(value, str) or (len(value) <= room[cell.column] and _LINE_BREAK.search(value) is None):
            continue
        needed = sum(max(1, math.ceil(len(part) / room[cell.column])) for part in value.splitlines() or [""])
        if needed > 1:
            _align(cell, alignment_of(cell).horizontal, "top", True)
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
            a = alignment_of(cell)
            if a.vertical != "top":
                _align(cell, a.horizontal, "top", a.wrap_text)


def alignment_of(cell: Cell) -> Alignment:
    """cell.alignment, read from the workbook's list (the property builds a proxy per call)."""
    return cell.parent.parent._alignments[cell._style.alignmentId if cell._style else 0]


def _align(cell: Cell, horizontal: str | None, vertical: str | None, wrap_text: bool | None) -> None:
    """cell.alignment = _aligned(horizontal, vertical, wrap_text), without openpyxl hashing every
    attribute of the Alignment again for each cell to find its index in the workbook's list
    (that hash was ±60 % of fit_widths on a national export): the index is kept on the workbook,
    per combination."""
    if not cell._style:  # as openpyxl's setter: a cell without a style array gets one
        cell._style = StyleArray()
    cell._style.alignmentId = _alignment_id(cell.parent.parent, horizontal, vertical, wrap_text)


def _alignment_id(workbook: Workbook, horizontal: str | None, vertical: str | None, wrap_text: bool | None) -> int:
    """The index in the workbook's list of alignments of this combination (what the `alignment`
    setter stores), looked up once per workbook and combination."""
    known = workbook.__dict__.setdefault("_alignment_ids", {})
    key = (horizontal, vertical, wrap_text)
    if key not in known:
        known[key] = workbook._alignments.add(_aligned(*key))
    return known[key]


@functools.lru_cache(maxsize=64)
def _aligned(horizontal: str | None, vertical: str | None, wrap_text: bool | None) -> Alignment:
    """One Alignment per combination: a national export wraps text in ±100.000 rows, and
    building an openpyxl style object per cell took a third of its time."""
    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap_text)


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
