"""Reading an uploaded file into one raw table per register, or refusing it with a message (in
the current language, i18n.current()).

An .xlsx workbook is read with python-calamine (values as Excel last saved them). What calamine
does not give is read from the file's XML with an XML parser (sheet_xml.py), only where it can
matter: which cells carry a percentage format (for pct columns: 0.45 in a 0% cell means 45),
which hold a formula without a saved value (a file written by a program that does not compute
formulas) and which an Excel error (#DEEL/0!). A `.csv` file with `;` and decimal commas is
accepted for one register, named by the file or recognised by its headers.

Per sheet: the header row is found within the first HEADER_SEARCH_ROWS rows (title rows above it
are common), headers are matched with registers.header_key, merged cells below the header are
filled with their value, hidden register sheets are read (with a warning). Values are not parsed
here: see cells.py and validation.py.

A workbook is in Dutch or in French (data_access.register_terms): its sheet names and headers say
which. One that mixes the two (a Dutch sheet next to a French one, a French header on a Dutch
sheet) is refused as a whole; the language found goes with every table, so its values are read
in that language.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import python_calamine

from data_access import register_terms as terms, sheet_xml
from data_access.cells import is_blank
from data_access.registers import BY_NAME, REGISTERS, Register, header_key
from i18n import LANGUAGES, N_, NP_, _, current, translations

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # an xlsx is a zip: its content, unpacked, is limited too
HEADER_SEARCH_ROWS = 10
# Sheets of the template that are not registers: never worth a warning.
EXPLANATION_SHEET = NP_("sheet", "Uitleg")
LISTS_SHEET = NP_("sheet", "Lijsten")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS_XLSX = N_("open het in Excel en bewaar het als Excel-werkmap (.xlsx)")


def _template_sheets() -> set[str]:
    return {header_key(translations(lang).pgettext("sheet", name))
            for name in (EXPLANATION_SHEET, LISTS_SHEET) for lang in LANGUAGES}


def _save_as() -> str:
    return _(_SAVE_AS_XLSX)

Progress = Callable[[str, float], None]


class FileRefused(Exception):
    """The file as a whole cannot be read; str(exc) is the message, without the file name."""


def located(file_name: str, message: str, sheet: str | None = None, row: int | None = None,
            column: str | None = None) -> str:
    """One error line: 'file: Sheet, rij 6, kolom kanaal: message' ('ligne', 'colonne' in French)."""
    place = ", ".join(
        part
        for part in (sheet, _("rij {row}").format(row=row) if row is not None else None,
                     _("kolom {column}").format(column=column) if column else None)
        if part
    )
    return f"{file_name}: {place}: {message}" if place else f"{file_name}: {message}"


@dataclass
class SheetTable:
    """The raw data rows of one register sheet, one object array per register column present."""

    register: Register
    sheet: str  # the sheet's name in the file (the register's sheet name for a CSV file)
    header_row: int  # Excel row number of the header
    rows: np.ndarray  # Excel row number of each data row
    columns: dict[str, np.ndarray]  # register column name -> raw values
    letters: dict[str, str]  # register column name -> column letter
    percent: dict[str, np.ndarray] = field(default_factory=dict)  # pct column -> cells with % format
    cell_errors: dict[str, np.ndarray] = field(default_factory=dict)  # column -> message per cell or None
    lang: str | None = None  # the workbook's language ("nl", "fr"; None: nothing says which)


@dataclass
class WorkbookContent:
    tables: list[SheetTable]
    errors: list[str]
    warnings: list[str]
    lang: str | None = None
    # language -> the first sheet name or header written only in it, e.g. "blad 'Plaintes'"
    evidence: dict[str, str] = field(default_factory=dict)

    def saw(self, lang: str | None, where: str) -> None:
        if lang is not None:
            self.evidence.setdefault(lang, where)

    def settle_language(self) -> None:
        """Sets `lang` for the content and its tables; raises FileRefused for a mixed workbook."""
        if len(self.evidence) > 1:
            nl, fr = self.evidence["nl"], self.evidence["fr"]
            raise FileRefused(_(
                "de werkmap mengt Nederlands en Frans ({nl} is Nederlands, {fr} is Frans); gebruik één taal "
                "voor alle bladen, kolomkoppen en waarden, bv. het Nederlandse of het Franse sjabloon"
            ).format(nl=nl, fr=fr))
        self.lang = next(iter(self.evidence), None)
        for table in self.tables:
            table.lang = self.lang


# ---------------------------------------------------------------------------------------------
# The bytes


def read_source(source, file_name: str | None = None) -> tuple[bytes, str]:
    """The file's bytes and the name messages use. `source`: a path, bytes or a binary file
    object. Raises FileRefused for a missing or too large file."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), file_name or _("bestand")
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = file_name or path.name
        if not path.is_file():
            raise FileRefused(_("het bestand bestaat niet of kan niet geopend worden"))
        _check_size(path.stat().st_size)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FileRefused(_("het bestand bestaat niet of kan niet geopend worden")) from exc
    else:
        name = file_name or Path(str(getattr(source, "name", _("bestand")))).name
        if getattr(source, "seekable", lambda: False)():
            position = source.tell()
            _check_size(source.seek(0, io.SEEK_END) - position)
            source.seek(position)
        data = source.read(MAX_FILE_BYTES + 1)
    _check_size(len(data))
    return data, name


def _check_size(size: int, limit: int | None = None, unpacked: bool = False) -> None:
    limit = MAX_FILE_BYTES if limit is None else limit
    if size > limit:
        mb = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        what = _("uitgepakt ") if unpacked else ""
        raise FileRefused(_(
            "het bestand is te groot ({what}{mb} MB; maximum {limit} MB). "
            "Verwijder overbodige bladen of kolommen, of splits het op."
        ).format(what=what, mb=mb, limit=limit // 1024 // 1024))


def read_workbook(data: bytes, file_name: str, progress: Progress | None = None) -> WorkbookContent:
    """Every register sheet of the file as raw tables. Raises FileRefused when the file as a
    whole is not readable (not an xlsx, corrupt, password, .xls, empty)."""
    if not data:
        raise FileRefused(_("het bestand is leeg"))
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FileRefused(_(
                "het bestand is beveiligd met een wachtwoord. Verwijder het wachtwoord in Excel "
                "(Bestand > Info > Werkmap beveiligen) en bewaar het opnieuw."
            ))
        raise FileRefused(_("dit is een oud Excel-bestand (.xls); {save_as}").format(save_as=_save_as()))
    if data.startswith(b"PK"):
        return _read_xlsx(data, file_name, progress)
    if Path(file_name).suffix.lower() in (".csv", ".txt"):
        return _read_csv(data, file_name)
    raise FileRefused(_not_xlsx())


def _not_xlsx() -> str:
    return _("dit is geen Excel-werkmap (.xlsx); {save_as} of kies het juiste bestand").format(save_as=_save_as())


# ---------------------------------------------------------------------------------------------
# xlsx


def _read_xlsx(data: bytes, file_name: str, progress: Progress | None) -> WorkbookContent:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRefused(_("het bestand is beschadigd of onvolledig en kan niet gelezen worden; {save_as}")
                          .format(save_as=_save_as())) from exc
    _check_size(sum(i.file_size for i in archive.infolist()), MAX_UNPACKED_BYTES, unpacked=True)
    if "xl/workbook.bin" in names:
        raise FileRefused(_("dit is een binaire Excel-werkmap (.xlsb); {save_as}").format(save_as=_save_as()))
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise FileRefused(_("dit is een OpenDocument-rekenblad (.ods); {save_as}").format(save_as=_save_as()))
        raise FileRefused(_not_xlsx())
    try:
        workbook = python_calamine.CalamineWorkbook.from_object(io.BytesIO(data))
        book_xml = sheet_xml.read_workbook_xml(archive)
    except python_calamine.PasswordError as exc:
        raise FileRefused(_("het bestand is beveiligd met een wachtwoord; verwijder het wachtwoord in Excel")) from exc
    except Exception as exc:
        raise FileRefused(_("het bestand is beschadigd en kan niet gelezen worden; {save_as}")
                          .format(save_as=_save_as())) from exc

    content = WorkbookContent([], [], [])
    sheets = [m for m in workbook.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
    seen: dict[str, str] = {}
    for number, meta in enumerate(sheets):
        form = terms.sheet_forms().get(header_key(meta.name))
        hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
        if form is None:
            if not hidden and header_key(meta.name) not in _template_sheets():
                content.warnings.append(located(
                    file_name, _("blad '{sheet}' is geen register en werd overgeslagen").format(sheet=meta.name)))
            continue
        register = BY_NAME[form.canonical]
        if register.name in seen:
            content.errors.append(located(file_name, _(
                "de bladen '{first}' en '{second}' horen allebei bij register {register}; houd er één over"
            ).format(first=seen[register.name], second=meta.name, register=terms.sheet_name(register))))
            continue
        seen[register.name] = meta.name
        content.saw(form.lang, _("blad '{sheet}'").format(sheet=meta.name))
        if progress:
            progress(_("Blad {sheet} lezen").format(sheet=meta.name), number / max(len(sheets), 1))
        damaged = _("blad '{sheet}' is beschadigd en kan niet gelezen worden; {save_as}").format(
            sheet=meta.name, save_as=_save_as())
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            grid = _grid(sheet.to_python(skip_empty_area=False))
            merged = sheet.merged_cell_ranges or []
        except Exception as exc:
            raise FileRefused(damaged) from exc
        if hidden:
            content.warnings.append(located(file_name, _("dit blad is verborgen; het werd toch ingelezen"), meta.name))
        table = _table(grid, register, meta.name, file_name, content, merged)
        if table is not None:
            xml_path = book_xml.sheets.get(meta.name)
            if xml_path not in names:  # calamine found it, so the workbook's own parts are off
                raise FileRefused(damaged)
            try:
                _mark_cells(table, archive.read(xml_path), book_xml)
            except (sheet_xml.SheetXmlError, zipfile.BadZipFile, OSError, EOFError) as exc:
                raise FileRefused(damaged) from exc
            content.tables.append(table)
    if not seen:
        expected = ", ".join(terms.sheet_name(r) for r in REGISTERS)
        raise FileRefused(_("geen enkel blad heeft de naam van een register (verwacht: {expected})").format(
            expected=expected))
    content.settle_language()
    return content


def _grid(rows: list[list]) -> np.ndarray:
    width = max((len(r) for r in rows), default=0)
    grid = np.full((len(rows), width), "", dtype=object)
    if rows and all(len(r) == width for r in rows):
        grid[:, :] = rows
    else:
        for i, row in enumerate(rows):
            grid[i, : len(row)] = row
    return grid


# Excel stores its error values in English; a Dutch or French Excel shows them like this.
_LOCAL_ERRORS = {
    "nl": {"#DIV/0!": "#DEEL/0!", "#N/A": "#N/B", "#VALUE!": "#WAARDE!", "#REF!": "#VERW!",
           "#NAME?": "#NAAM?", "#NUM!": "#GETAL!", "#NULL!": "#LEEG!"},
    "fr": {"#VALUE!": "#VALEUR!", "#NAME?": "#NOM?", "#NUM!": "#NOMBRE!", "#NULL!": "#NUL!"},
}
FORMULA_WITHOUT_VALUE = N_(
    "formule zonder opgeslagen waarde; open het bestand in Excel en bewaar het opnieuw "
    "(of vervang de formule door de waarde)"
)
FORMULA_NOT_CALCULATED = N_(
    "formule waarvan de opgeslagen waarde (0) wellicht nooit berekend werd: het programma dat het "
    "bestand maakte, liet het rekenen aan Excel over; open het bestand in Excel en bewaar het opnieuw "
    "(of vervang de formule door de waarde)"
)


def _cell_message(kind: str, code: str) -> str:
    if kind == sheet_xml.EXCEL_ERROR:
        local = _LOCAL_ERRORS[current()].get(code, code)
        return _("de cel bevat een Excel-fout ({code})").format(code=local)
    return _(FORMULA_WITHOUT_VALUE if kind == sheet_xml.NO_SAVED_VALUE else FORMULA_NOT_CALCULATED)


def _mark_cells(table: SheetTable, xml: bytes, book: sheet_xml.WorkbookXml) -> None:
    """Fills table.percent (pct columns) and table.cell_errors (a formula without saved value,
    an Excel error such as #DEEL/0!) from the sheet's XML, when the sheet can have any."""
    if not len(table.rows):
        return
    by_index = {column_index(letter): name for name, letter in table.letters.items()}
    pct_columns = {column_index(table.letters[c.name]) for c in table.register.columns
                   if c.type == "pct" and c.name in table.letters}
    percent = bool(pct_columns and book.percent_styles)
    if not sheet_xml.needs_scan(xml, percent=percent):
        return
    first_row = int(table.rows[0])
    facts = sheet_xml.scan_sheet(
        xml, rows=(first_row, int(table.rows[-1])), columns=by_index, percent_columns=pct_columns,
        percent_styles=book.percent_styles, recalculate_on_load=book.recalculate_on_load,
    )
    for row, column, kind, code in facts.problems:
        if by_index[column] not in table.cell_errors:
            table.cell_errors[by_index[column]] = np.full(len(table.rows), None, dtype=object)
        table.cell_errors[by_index[column]][row - first_row] = _cell_message(kind, code)
    if facts.percent:
        rows, columns = np.array(facts.percent, dtype=np.int64).T
        for column in np.unique(columns):
            marked = np.zeros(len(table.rows), dtype=bool)
            marked[rows[columns == column] - first_row] = True
            table.percent[by_index[int(column)]] = marked


# ---------------------------------------------------------------------------------------------
# csv


def _read_csv(data: bytes, file_name: str) -> WorkbookContent:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode-tekst": UTF-16 with tabs
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise FileRefused(_("dit is geen Excel-werkmap (.xlsx) en geen CSV-bestand; {save_as}").format(
            save_as=_save_as()))
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first.count) if first else ";"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    grid = _grid(rows)
    content = WorkbookContent([], [], [])
    form = terms.sheet_forms().get(header_key(Path(file_name).stem))
    register = BY_NAME[form.canonical] if form else _register_by_headers(grid)
    if register is None:
        raise FileRefused(_(
            "uit dit CSV-bestand blijkt niet welk register het bevat: geef het de naam van het register "
            "(bv. {example}.csv) of gebruik de kolomkoppen van het sjabloon"
        ).format(example=terms.sheet_name(REGISTERS[0])))
    if form is not None:
        content.saw(form.lang, _("bestandsnaam '{name}'").format(name=file_name))
    table = _table(grid, register, terms.sheet_name(register, form.lang if form else None), file_name, content, [])
    if table is not None:
        content.tables.append(table)
    content.settle_language()
    return content


def _register_by_headers(grid: np.ndarray) -> Register | None:
    scores = sorted(((_header_row(grid, r)[1], r.name) for r in REGISTERS), reverse=True)
    if not scores or scores[0][0] < 2 or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return next(r for r in REGISTERS if r.name == scores[0][1])


# ---------------------------------------------------------------------------------------------
# One sheet


def _header_keys(row) -> list[str]:
    return ["" if is_blank(v) else header_key(v) for v in row]


def _header_row(grid: np.ndarray, register: Register) -> tuple[int, int]:
    """(index, number of register headers) of the row within the first rows that holds the
    most headers of the register."""
    known = set(terms.header_forms(register.name))
    best, best_score = -1, 0
    for i in range(min(HEADER_SEARCH_ROWS, len(grid))):
        score = len(known & set(_header_keys(grid[i])))
        if score > best_score:
            best, best_score = i, score
    return best, best_score


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


column_index = sheet_xml.column_index  # 'A' -> 0, 'AB' -> 27: the inverse of column_letter


def _table(grid: np.ndarray, register: Register, sheet: str, file_name: str, content: WorkbookContent,
           merged) -> SheetTable | None:
    if all(is_blank(v) for v in grid.ravel()):
        content.warnings.append(located(file_name, _("dit blad is leeg en werd overgeslagen"), sheet))
        return None
    header, score = _header_row(grid, register)
    if score == 0:
        expected = ", ".join(terms.header(c) for c in register.columns[:4])
        content.errors.append(located(
            file_name,
            _("geen kopregel gevonden in de eerste {rows} rijen (verwacht kolommen zoals {expected}, …)").format(
                rows=HEADER_SEARCH_ROWS, expected=expected),
            sheet,
        ))
        return None
    by_key = terms.header_forms(register.name)
    positions: dict[str, list[int]] = {}
    for j, key in enumerate(_header_keys(grid[header])):
        form = by_key.get(key)
        if form is not None:
            positions.setdefault(form.canonical, []).append(j)
            content.saw(form.lang, _("kolom '{header}' op blad '{sheet}'").format(header=grid[header, j], sheet=sheet))
        elif key:
            content.warnings.append(located(
                file_name, _("kolom '{header}' ({letter}) is onbekend en werd genegeerd").format(
                    header=grid[header, j], letter=column_letter(j)),
                sheet, header + 1,
            ))
        elif any(not is_blank(v) for v in grid[header + 1 :, j]):
            content.warnings.append(located(
                file_name, _("kolom {letter} heeft geen kop; de waarden eronder werden genegeerd").format(
                    letter=column_letter(j)),
                sheet, header + 1,
            ))
    failed = False
    for column in register.columns:
        found = positions.get(column.name, [])
        if len(found) > 1:
            letters = _(" en ").join(column_letter(j) for j in found)
            content.errors.append(located(
                file_name, _("kolom '{header}' komt meer dan eens voor (kolommen {letters}); houd er één over").format(
                    header=terms.header(column), letters=letters),
                sheet, header + 1,
            ))
            failed = True
        elif not found and column.required:
            content.errors.append(located(
                file_name, _("verplichte kolom '{header}' ontbreekt").format(header=terms.header(column)),
                sheet, header + 1))
            failed = True
    if failed:
        return None

    for (r0, c0), (r1, c1) in merged:  # a merged block below the header: every cell holds its value
        if r0 > header:
            grid[r0 : r1 + 1, c0 : c1 + 1] = grid[r0, c0]
    data = grid[header + 1 :]
    return SheetTable(
        register=register,
        sheet=sheet,
        header_row=header + 1,
        rows=np.arange(header + 2, header + 2 + len(data)),
        columns={name: data[:, found[0]] for name, found in positions.items()},
        letters={name: column_letter(found[0]) for name, found in positions.items()},
    )
