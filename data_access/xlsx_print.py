"""Printing an xlsx sheet on A4 (openpyxl, no streamlit): landscape, fit to the page width,
page numbers and a title in the header (`print_setup`); what is printed (`printed_range`: the last
filled cell, text running into empty cells, charts) and at what scale; page breaks that keep a
table with its chart on one page (`keep_together`)."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from data_access.xlsx_writer import ROW_POINTS, alignment_of
from i18n import _

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
    if not isinstance(cell._value, str) or alignment_of(cell).wrap_text:
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


