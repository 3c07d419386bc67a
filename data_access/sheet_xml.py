"""What an .xlsx file's XML says about its cells that python-calamine does not give: which cells
carry a percentage format, which hold a formula without a saved value (or with the 0 that a
program which calculates no formulas saves instead), and which hold an Excel error.

Everything is read with a real XML parser (expat, the parser under xml.etree), so the meaning
does not depend on how a program happened to write it: elements are recognised by their local
name whatever their prefix or namespace (transitional or strict OOXML, and as calamine does, so
that both see the same cells), attributes by name (any order, either quote, character
references), a cell's position by its r="B7" reference or, where the writer left it out (the
spec allows that), by its order: the next column of its row, the row after the previous one. A
sheet is read event by event (scan_sheet): no tree is built.

Reading a large sheet's XML this way costs more than calamine's whole read of it (about 2 s of
CPU for 100,000 rows of 11 columns: one Python call per element), so it is only done when the
answer can matter (needs_scan): a sheet without any formula element, error-typed cell or
percentage column has nothing to find. That test looks at the raw bytes, but only to
skip; it errs towards scanning and never decides what a cell means.

A part with a document type declaration is refused (SheetXmlError): OOXML forbids DTDs, and an
entity declared in one would make the parser see cells that calamine does not.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.parsers import expat

WORKBOOK_PART = "xl/workbook.xml"
_BUILT_IN_PERCENT_FORMATS = {9, 10}  # 0% and 0.00%


class SheetXmlError(ValueError):
    """A part of the workbook is no well-formed XML (or has a DTD); its cells cannot be trusted."""


def _local(name: str) -> str:
    """The local name of an ElementTree tag or attribute ('{ns}c' -> 'c') or of an expat name
    with namespace_separator=" " ('ns c' -> 'c')."""
    return name.rpartition("}")[2].rpartition(" ")[2]


# ---------------------------------------------------------------------------------------------
# Small parts: workbook, relationships, styles


class _NoDtd(ElementTree.TreeBuilder):
    def doctype(self, name, pubid, system):
        raise SheetXmlError("document type declaration")


def _tree(data: bytes) -> ElementTree.Element:
    parser = ElementTree.XMLParser(target=_NoDtd())
    try:
        parser.feed(data)
        return parser.close()
    except ElementTree.ParseError as exc:
        raise SheetXmlError(str(exc)) from exc


def _iter(root: ElementTree.Element, local: str):
    return (element for element in root.iter() if _local(element.tag) == local)


@dataclass
class WorkbookXml:
    sheets: dict[str, str]  # sheet name -> path of its part in the zip
    percent_styles: frozenset[int] = frozenset()  # indices of the cell formats that show a percentage
    # The writer asks to recalculate every formula on load (calcPr fullCalcOnLoad). Programs
    # that calculate no formulas do, and save 0 as every formula's value (XlsxWriter,
    # libxlsxwriter, PHPExcel); some that do calculate them set it too, so only a 0 is suspect.
    recalculate_on_load: bool = False


def read_workbook_xml(archive: zipfile.ZipFile) -> WorkbookXml:
    """The sheets' parts, the percentage styles and the calculation flag. Raises SheetXmlError
    for a part that is no well-formed XML, KeyError when the workbook part is missing."""
    book = _tree(archive.read(WORKBOOK_PART))
    targets = _relationships(archive, WORKBOOK_PART)
    sheets = {}
    for sheet in _iter(book, "sheet"):
        # r:id, whatever the prefix: the one attribute "id" in a namespace
        rel_id = next((value for key, value in sheet.attrib.items() if key.startswith("{") and _local(key) == "id"), None)
        target = targets.get(rel_id) if rel_id is not None else None
        if target is not None and sheet.get("name") is not None:
            sheets[sheet.get("name")] = target[1]
    recalculate = any(_true(calc.get("fullCalcOnLoad")) for calc in _iter(book, "calcPr"))
    styles_part = next((path for kind, path in targets.values() if kind == "styles"), "xl/styles.xml")
    try:
        styles = _tree(archive.read(styles_part))
    except KeyError:
        return WorkbookXml(sheets, frozenset(), recalculate)
    return WorkbookXml(sheets, percent_styles(styles), recalculate)


def _true(value: str | None) -> bool:
    return value is not None and value.strip() in ("1", "true")


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (kind, e.g. 'worksheet' or 'styles'; path of the target part)."""
    folder, name = posixpath.split(part)
    try:
        rels = _tree(archive.read(posixpath.join(folder, "_rels", name + ".rels")))
    except KeyError:
        return {}
    out = {}
    for rel in _iter(rels, "Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return out


# Parts of a number format that are shown as written, not interpreted: "text", \x, _x (space as
# wide as x), *x (x repeated), [Red]/[>=100]/[$-813] (colour, condition, locale).
_LITERAL_IN_FORMAT = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def is_percent_format(code: str) -> bool:
    return "%" in _LITERAL_IN_FORMAT.sub("", code)


def percent_styles(styles: ElementTree.Element) -> frozenset[int]:
    """Indices of the cell formats (cellXfs, a cell's s="...") whose number format multiplies
    by 100 and shows a %."""
    percent = set(_BUILT_IN_PERCENT_FORMATS)
    for fmt in _iter(styles, "numFmt"):
        number = _int(fmt.get("numFmtId"))
        if number is None:
            continue
        if is_percent_format(fmt.get("formatCode", "")):
            percent.add(number)
        else:
            percent.discard(number)  # a file may redefine a built-in format
    for cell_xfs in _iter(styles, "cellXfs"):
        xfs = [child for child in cell_xfs if _local(child.tag) == "xf"]
        return frozenset(i for i, xf in enumerate(xfs) if _int(xf.get("numFmtId", "0")) in percent)
    return frozenset()


def _int(text: str | None) -> int | None:
    try:
        return int(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------------------------------------
# A sheet

# The test that lets a sheet go unscanned. Only bytes without which there is nothing to find
# are looked for, so a match is at worst a scan too many:
# - a formula is an element named f, with or without prefix: "<f" or ":f", then a space, / or >;
# - an error value needs t="e" (written = "e", ='e' or with a character reference, &#101;) and
#   a value that calamine accepts: #DIV/0!, #N/A, ... or again a reference: a "#" either way;
# - an entity could hide both, and needs a document type declaration before the root element;
# - those byte patterns hold for UTF-8 and the like, not for UTF-16, which is always scanned.
_F_THEN_END_OF_NAME = re.compile(rb"f[\s/>]")
_VALUE_E_OR_REFERENCE = re.compile(rb"""=\s*["'][e&]""")
_FIRST_ELEMENT = re.compile(rb"<[^?!]")


def needs_scan(xml: bytes, *, percent: bool) -> bool:
    """Can scan_sheet find anything in this sheet? `percent`: percentage formats matter (the
    table has a pct column and the workbook a percentage style). False only when the bytes
    show that the sheet has no formula, no error value and no DTD: about 0.05 s for the XML of
    100,000 rows, where scanning it takes seconds."""
    if percent or xml[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in xml[:4]:
        return True
    first = _FIRST_ELEMENT.search(xml)
    if b"<!DOCTYPE" in xml[: first.start() if first else len(xml)]:
        return True
    if b"#" in xml and _VALUE_E_OR_REFERENCE.search(xml):
        return True
    return any(m.start() and xml[m.start() - 1] in b"<:" for m in _F_THEN_END_OF_NAME.finditer(xml))


# What scan_sheet reports for a cell.
NO_SAVED_VALUE = "no saved value"  # a formula whose saved value is missing or empty
NOT_CALCULATED = "not calculated"  # a formula saved as 0 in a workbook to be recalculated on load
EXCEL_ERROR = "excel error"  # an error value such as #DIV/0! (its code is given too)


@dataclass
class SheetFacts:
    percent: list[tuple[int, int]] = field(default_factory=list)  # (row, column) of percentage-formatted cells
    problems: list[tuple[int, int, str, str]] = field(default_factory=list)  # (row, column, kind, error code)


def scan_sheet(xml: bytes, *, rows: tuple[int, int], columns: Collection[int],
               percent_columns: Collection[int] = (), percent_styles: Collection[int] = (),
               recalculate_on_load: bool = False) -> SheetFacts:
    """The facts about the cells in `rows` (first and last Excel row number, inclusive) and
    `columns` (0-based indices) of one sheet's XML: percentage formats (looked up only in
    `percent_columns`), formulas without saved value, Excel errors and, with
    `recalculate_on_load`, formulas saved as the number 0. Rows are numbered as in Excel,
    columns from 0: B7 is (7, 1). Raises SheetXmlError when the XML is not well-formed, has a
    DTD or a cell reference that is none.

    expat calls start() for every element; end() and the text handler are only switched on
    inside a cell whose value must be looked at (a formula, an error), so the common cell
    costs one call per element."""
    first_row, last_row = rows
    wanted = frozenset(columns)
    pct_columns = frozenset(percent_columns) if percent_styles else frozenset()
    pct_styles = frozenset(str(s) for s in percent_styles)
    default_is_pct = "0" in pct_styles  # a cell without s has style 0
    facts = SheetFacts()
    kinds: dict[str, int] = {}  # expat's name ('namespace local') -> _CELL, _ROW, ...
    column_index = _COLUMN_INDEX
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    row, row_digits = 0, ""  # the current row: number, and as written in the cell references
    column = -1  # the current (or last) cell's column
    # The current cell, when it is a wanted one: its type (t), whether it has a formula, and the
    # text of its saved value (<v>), which is only read for a formula or an error.
    wanted_cell, cell_type, formula, value = False, None, False, None
    text: list[str] = []

    def start(name, attrs):
        nonlocal row, row_digits, column, wanted_cell, cell_type, formula, value
        kind = kinds.get(name)
        if kind is None:
            kind = kinds[name] = _KINDS.get(_local(name), _OTHER)
        if kind == _CELL:
            ref = attrs.get("r")
            if ref:
                digits = ref.lstrip(_LETTERS)
                if digits != row_digits:
                    row, row_digits = _row_number(digits), digits
                letters = ref[: len(ref) - len(digits)]
                found = column_index.get(letters)
                column = found if found is not None else _column_index(letters)
            else:
                column += 1
            wanted_cell = column in wanted and first_row <= row <= last_row
            if wanted_cell:
                if column in pct_columns:
                    style = attrs.get("s")
                    if (style in pct_styles) if style else default_is_pct:
                        facts.percent.append((row, column))
                cell_type, formula, value = attrs.get("t"), False, None
                if cell_type == "e":
                    parser.EndElementHandler = end
        elif kind == _ROW:
            wanted_cell = False
            number = attrs.get("r")
            if number:
                row, row_digits = _row_number(number), number
            else:
                row, row_digits = row + 1, ""
            column = -1
        elif wanted_cell:
            if kind == _VALUE:
                if formula or cell_type == "e":
                    value = ""
                    text.clear()
                    parser.CharacterDataHandler = text.append
            elif kind == _FORMULA:
                formula = True
                parser.EndElementHandler = end
            elif kind == _OTHER:  # no cell holds this element: the cell has ended (it had no end())
                wanted_cell = False

    def end(name):
        nonlocal wanted_cell, value
        kind = kinds[name]
        if kind == _VALUE:
            parser.CharacterDataHandler = None
            value = "".join(text)
        elif kind == _CELL:
            parser.EndElementHandler = None
            _judge(facts, row, column, cell_type, formula, value, recalculate_on_load)
            wanted_cell = False

    def doctype(*_):
        raise SheetXmlError("document type declaration")

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    try:
        parser.Parse(xml, True)  # expat reads it piece by piece, calling the handlers above
    except expat.ExpatError as exc:
        raise SheetXmlError(str(exc)) from exc
    return facts


def _judge(facts: SheetFacts, row: int, column: int, type_: str | None, formula: bool, value: str | None,
           recalculate_on_load: bool) -> None:
    if type_ == "e" and value and value.strip():
        facts.problems.append((row, column, EXCEL_ERROR, value.strip()))
    elif formula and (value is None or (not value.strip() and type_ != "str")):  # a text formula may give ""
        facts.problems.append((row, column, NO_SAVED_VALUE, ""))
    elif formula and recalculate_on_load and type_ in (None, "n") and _is_zero(value):
        facts.problems.append((row, column, NOT_CALCULATED, ""))


def _is_zero(text: str | None) -> bool:
    try:
        return text is not None and float(text) == 0
    except ValueError:
        return False


# What an element is to the scan, by its local name: a cell, a row, a cell's value or formula,
# something else that a cell can hold (inline text and its formatting), or anything else.
_CELL, _ROW, _VALUE, _FORMULA, _IN_CELL, _OTHER = range(6)
_KINDS = {"c": _CELL, "row": _ROW, "v": _VALUE, "f": _FORMULA} | dict.fromkeys(
    ("is", "t", "r", "rPr", "rPh", "phoneticPr", "rFont", "charset", "family", "b", "i", "strike", "outline",
     "shadow", "condense", "extend", "color", "sz", "u", "vertAlign", "scheme"), _IN_CELL)

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_COLUMN_INDEX: dict[str, int] = {}


def column_index(letters: str) -> int:
    """'A' -> 0, 'AB' -> 27 (upper-case letters)."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _column_index(letters: str) -> int:
    """column_index, checked and cached: a sheet has few columns and many cells."""
    index = _COLUMN_INDEX.get(letters)
    if index is None:
        if not 1 <= len(letters) <= 3:
            raise SheetXmlError(f"column letters {letters!r}")
        index = _COLUMN_INDEX[letters] = column_index(letters.upper())
    return index


def _row_number(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise SheetXmlError(f"row number {text!r}")
    return int(text)
