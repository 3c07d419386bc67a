"""Writes register rows to an Excel workbook laid out as the registers are kept: one sheet per
register (Register.sheet), row 1 the Dutch headers (Column.header), real Excel dates shown as
dd/mm/jjjj, booleans as ja/nee."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from data_access.registers import REGISTERS, Register

DATE_FORMAT = "DD/MM/YYYY"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_workbook(path: str | Path, rows: dict[str, list[dict]]) -> Path:
    """Writes `rows` (register name -> rows keyed by column name) to `path`; every register gets
    its sheet, an empty register only its header row. Returns the path."""
    unknown = set(rows) - {r.name for r in REGISTERS}
    if unknown:
        raise ValueError(f"Onbekende registers: {', '.join(sorted(unknown))}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    for register in REGISTERS:
        _write_sheet(wb, register, rows.get(register.name, ()))
    # Written next to the target and then renamed: a reader never sees half a file, even when
    # two first runs write the same workbook at once.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".xlsx")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _write_sheet(wb: Workbook, register: Register, rows) -> None:
    ws = wb.create_sheet(register.sheet)
    for letter, column in zip(_letters(len(register.columns)), register.columns):
        ws.column_dimensions[letter].width = max(12, len(column.header) + 2)
    ws.append([c.header for c in register.columns])
    names = register.column_names
    for row in rows:
        ws.append([_cell(ws, row.get(name)) for name in names])


def _cell(ws, value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        # Text from a register is never a formula (CWE-1236).
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def _letters(n: int) -> list[str]:
    return [get_column_letter(i) for i in range(1, n + 1)]
