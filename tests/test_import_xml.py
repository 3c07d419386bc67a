"""A workbook is read by what its XML means, not by how it is written (issue: criteria norms of
80 % imported as 0,8 % when a writer put s="3" before r="B2"). The project's own workbooks are
rewritten inside the zip as other writers could write them, and each rewrite must import the
same rows and values, or be refused with the same Dutch messages."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.etree import ElementTree

import pytest
from hypothesis import assume, given, settings, strategies as st

from data_access import sheet_xml
from data_access.importer import import_workbook
from data_access.registers import BY_NAME
from tests import xml_rewrite as X
from tests.workbooks import (
    all_tables,
    clean_data,
    expected_rows,
    messy_workbook,
    one_sheet,
    save,
    sheet_rows,
    table_rows,
)

C, F, V, ROW = (f"{{{X.MAIN}}}{name}" for name in ("c", "f", "v", "row"))
PACKAGE_NS = {"http://schemas.openxmlformats.org/package/2006/relationships": "pr",
              "http://schemas.openxmlformats.org/package/2006/content-types": "ct"}


def _sheets(change):
    return lambda name, content: change(X.parse(content)) if X.is_sheet(name) else content


def _sheets_and_styles(change):
    return lambda name, content: (change(X.parse(content)) if X.is_sheet(name) or name == "xl/styles.xml"
                                  else content)


def _every_part(change):
    return lambda name, content: change(X.parse(content)) if name.endswith((".xml", ".rels")) else content


VARIANTS = {
    "as the project writes it": lambda name, content: content,
    "attributes reversed (r last)": _sheets(lambda root: X.write(root, order=X.reversed_order)),
    "attributes by name": _sheets(lambda root: X.write(root, order=X.by_name)),
    **{f"attributes shuffled, seed {seed}": _sheets(lambda root, seed=seed: X.write(root, order=X.shuffled(seed)))
       for seed in (1, 2, 3)},
    "prefix x: in the sheets": _sheets(lambda root: X.write(root, prefixes={X.MAIN: "x"})),
    "prefixes in every part": _every_part(lambda root: X.write(root, prefixes={X.MAIN: "x", **PACKAGE_NS})),
    "single quotes everywhere": _every_part(lambda root: X.write(root, quote="'")),
    "indented": _every_part(lambda root: X.write(root, indent=True)),
    "no r where the order says it": _sheets(lambda root: X.write(X.drop_references(root))),
    "no r at all, empty cells for gaps": _sheets(lambda root: X.write(X.drop_references(root, fill_gaps=True))),
    "strict OOXML namespaces": lambda name, content: X.to_strict(content),
    # Not OOXML any more, but calamine reads these cells all the same, so the checks must too.
    "no namespace in sheets and styles": _sheets_and_styles(lambda root: X.write(X.move_namespace(root, None))),
    "an unknown namespace in sheets and styles": _sheets_and_styles(
        lambda root: X.write(X.move_namespace(root, "urn:example:cells"), prefixes={"urn:example:cells": "o"})),
    "all of it at once": _every_part(lambda root: X.write(
        X.drop_references(root, fill_gaps=True), order=X.shuffled(7), prefixes={X.MAIN: "s", **PACKAGE_NS},
        quote="'", indent=True)),
}


def _import(engine, data: bytes, name: str = "t.xlsx"):
    return import_workbook(engine, data, file_name=name, user="t")


# --- percentages --------------------------------------------------------------------------------


def _norms_workbook() -> tuple[bytes, dict]:
    """Every register; the criteria norm 80 % and the action progress 45 % and 100 % as Excel keeps
    a percentage: the fraction in a percentage-formatted cell."""
    data = clean_data()
    data["evaluatiecriteria"][0]["norm"] = 80.0
    sheets = {BY_NAME[name].sheet: sheet_rows(name, rows) for name, rows in data.items()}
    sheets["Evaluatiecriteria"][1][3] = 0.8
    sheets["Actieplan"][1][8], sheets["Actieplan"][2][8] = 0.45, 1
    formats = {"Evaluatiecriteria": {"D2": "0%"}, "Actieplan": {"I2": "0.0%", "I3": "0%"}}
    return save(sheets, formats=formats), data


@pytest.mark.parametrize("variant", VARIANTS)
def test_percentage_norms_stay_80_whatever_the_xml_looks_like(engine, variant):
    original, data = _norms_workbook()
    report = _import(engine, X.rewrite_parts(original, VARIANTS[variant]))
    assert report.ok, report.errors
    assert report.warnings == []
    rows = table_rows(engine)
    assert [r[3] for r in rows["evaluatiecriteria"]] == [80.0]
    assert [r[8] for r in rows["actieplan"]] == [45.0, 100.0]
    expected = {
        register: sorted(tuple(r[n] for n in BY_NAME[register].column_names) for r in data.get(register, []))
        for register in rows
    }
    assert rows == expected


@pytest.mark.parametrize("variant", ["attributes reversed (r last)", "prefixes in every part", "all of it at once"])
def test_the_messy_workbook_imports_the_same_rows(engine, variant):
    """Title rows, a merged title, headers in other case, 45% as text and in a % cell."""
    report = _import(engine, X.rewrite_parts(messy_workbook(), VARIANTS[variant]))
    assert report.ok, report.errors
    assert table_rows(engine) == expected_rows()


def test_the_sample_workbook_imports_the_same_rows(tmp_path):
    from data_access.db import connect
    from sample_data.generate import build_sample
    from sample_data.workbook import write_workbook

    original = write_workbook(tmp_path / "voorbeeld.xlsx", build_sample(dt.date(2025, 6, 30), 2024)).read_bytes()
    results = []
    for number, variant in enumerate(["as the project writes it", "attributes shuffled, seed 2", "all of it at once"]):
        engine = connect(f"sqlite:///{tmp_path / f'{number}.sqlite'}")
        report = _import(engine, X.rewrite_parts(original, VARIANTS[variant]), "voorbeeld.xlsx")
        assert report.ok, (variant, report.errors)
        results.append(table_rows(engine))
        engine.dispose()
    assert sum(len(rows) for rows in results[0].values()) > 250  # about 60 case rows a year since 2021, plan, criteria, risks
    assert results[1] == results[0] and results[2] == results[0]


# --- formulas and errors --------------------------------------------------------------------------


def _set_cell(root: ElementTree.Element, ref: str, *, t: str | None = None, formula: dict | None = None,
              formula_text: str | None = None, value: str | None = None) -> None:
    """Replaces the content of cell `ref` (added when the writer left it out: an empty cell) as
    Excel would write it."""
    cell = next((c for c in root.iter(C) if c.get("r") == ref), None)
    if cell is None:
        number, letters = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), ref.rstrip("0123456789")
        row = next(r for r in root.iter(ROW) if r.get("r") == str(number))
        at = sum(1 for c in row if (len(c.get("r")) - len(str(number)), c.get("r")) < (len(letters), ref))
        cell = ElementTree.Element(C)
        row.insert(at, cell)
    style = cell.get("s")
    cell.clear()
    cell.set("r", ref)
    if style:
        cell.set("s", style)
    if t:
        cell.set("t", t)
    if formula is not None:
        f = ElementTree.SubElement(cell, F, formula)
        f.text = formula_text
    if value is not None:
        ElementTree.SubElement(cell, V).text = value


def _with_formulas(root: ElementTree.Element) -> bytes:
    """Klachten (rows 2-4): E2 a text formula with its saved value, E3-E4 a shared formula (E3
    the master) without saved value, H4 an Excel error without formula, I3 a formula whose
    result is an error, K2 a formula giving an empty text."""
    _set_cell(root, "E2", t="str", formula={}, formula_text='"Verkeer"', value="Verkeer")
    _set_cell(root, "E3", formula={"t": "shared", "ref": "E3:E4", "si": "0"}, formula_text="E2", value="")
    _set_cell(root, "E4", formula={"t": "shared", "si": "0"})
    _set_cell(root, "H4", t="e", value="#N/A")
    _set_cell(root, "I3", t="e", formula={}, formula_text="1/0", value="#DIV/0!")
    _set_cell(root, "K2", t="str", formula={}, formula_text='""', value="")
    return X.write(root)


FORMULA_ERRORS = [
    "t.xlsx: Klachten, rij 3, kolom dienst: formule zonder opgeslagen waarde; open het bestand in Excel en "
    "bewaar het opnieuw (of vervang de formule door de waarde)",
    "t.xlsx: Klachten, rij 3, kolom gevolg: de cel bevat een Excel-fout (#DEEL/0!)",
    "t.xlsx: Klachten, rij 4, kolom dienst: formule zonder opgeslagen waarde; open het bestand in Excel en "
    "bewaar het opnieuw (of vervang de formule door de waarde)",
    "t.xlsx: Klachten, rij 4, kolom beoordeling: de cel bevat een Excel-fout (#N/B)",
]


def _formulas_workbook() -> bytes:
    rows = sheet_rows("klachten", clean_data()["klachten"])
    return X.rewrite_parts(save({"Klachten": rows}), _sheets(_with_formulas))


@pytest.mark.parametrize("variant", VARIANTS)
def test_formulas_and_errors_get_the_same_messages_whatever_the_xml_looks_like(engine, variant):
    before = all_tables(engine)
    report = _import(engine, X.rewrite_parts(_formulas_workbook(), VARIANTS[variant]))
    assert sorted(report.errors) == sorted(FORMULA_ERRORS)
    assert not report.applied and all_tables(engine) == before


def test_formulas_with_saved_values_are_read(engine):
    rows = sheet_rows("klachten", clean_data()["klachten"])

    def formulas(root):
        _set_cell(root, "E2", t="str", formula={}, formula_text='"Interventie"', value="Interventie")
        _set_cell(root, "E3", t="str", formula={"t": "shared", "ref": "E3:E4", "si": "0"}, formula_text="E2",
                  value="Verkeer")
        _set_cell(root, "E4", t="str", formula={"t": "shared", "si": "0"}, value="Onthaal")
        return X.write(root, order=X.reversed_order, prefixes={X.MAIN: "x"})

    data = X.rewrite_parts(save({"Klachten": rows}), _sheets(formulas))
    report = _import(engine, data)
    assert report.ok, report.errors
    assert table_rows(engine)["klachten"] == expected_rows()["klachten"]


def test_a_formula_saved_as_0_in_a_workbook_to_recalculate_on_load_is_refused(tmp_path):
    """A program that calculates no formulas saves 0 as their value and asks Excel to recalculate
    every formula on load (<calcPr fullCalcOnLoad="1"/>, as openpyxl and XlsxWriter write it).
    Such a 0 is refused; the same 0 in a workbook that was calculated is a value like any other."""
    from data_access.db import connect
    from data_access.workbook import FORMULA_NOT_CALCULATED

    def formula(root):
        _set_cell(root, "C2", formula={}, formula_text="241/2-120.5", value="0")  # waarde
        _set_cell(root, "C3", t="str", formula={}, formula_text='"14"', value="14")
        return X.write(root, order=X.reversed_order)

    def calculated(name, content):
        if name != "xl/workbook.xml":
            return content
        root = X.parse(content)
        for calc in root.iter(f"{{{X.MAIN}}}calcPr"):
            del calc.attrib["fullCalcOnLoad"]
        return X.write(root)

    to_recalculate = X.rewrite_parts(one_sheet("indicatoren", clean_data()["indicatoren"]), _sheets(formula))
    assert b'fullCalcOnLoad="1"' in zipfile.ZipFile(io.BytesIO(to_recalculate)).read("xl/workbook.xml")
    engine = connect(f"sqlite:///{tmp_path / 'a.sqlite'}")
    report = _import(engine, to_recalculate)
    assert report.errors == [f"t.xlsx: Indicatoren, rij 2, kolom waarde: {FORMULA_NOT_CALCULATED}"]
    engine.dispose()

    engine = connect(f"sqlite:///{tmp_path / 'b.sqlite'}")
    report = _import(engine, X.rewrite_parts(to_recalculate, calculated))
    assert report.ok, report.errors
    assert {r[0]: r[2] for r in table_rows(engine)["indicatoren"]} == {"personeelsbestand (VTE)": 0.0,
                                                                       "deelnemers dilemmatraining": 14.0}
    engine.dispose()


def test_a_sheet_with_a_document_type_declaration_is_refused(engine):
    """An entity declared in a DTD could put a cell in the XML that calamine does not see; OOXML
    forbids DTDs, so such a sheet is refused like any damaged one."""
    def with_dtd(name, content):
        if not X.is_sheet(name):
            return content
        return b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "e">]>' + content.split(b"?>", 1)[-1]

    original, _ = _norms_workbook()
    before = all_tables(engine)
    report = _import(engine, X.rewrite_parts(original, with_dtd))
    assert report.errors == ["t.xlsx: blad 'Klachten' is beschadigd en kan niet gelezen worden; open het in Excel "
                             "en bewaar het als Excel-werkmap (.xlsx)"]
    assert all_tables(engine) == before


# --- the scanner itself ---------------------------------------------------------------------------


def _sheet(cells: str, *, root: str = "worksheet", ns: str = f'xmlns="{X.MAIN}"') -> bytes:
    return f'<?xml version="1.0"?><{root} {ns}><sheetData>{cells}</sheetData></{root}>'.encode()


def test_character_references_in_attributes_are_what_they_stand_for():
    xml = _sheet('<row r="2"><c r="&#65;2" s="&#49;"><v>0.8</v></c>'
                 '<c t="&#x65;" r="B2"><v>&#35;N/A</v></c></row>')
    facts = sheet_xml.scan_sheet(xml, rows=(2, 2), columns=[0, 1], percent_columns=[0], percent_styles={1})
    assert facts.percent == [(2, 0)]
    assert facts.problems == [(2, 1, sheet_xml.EXCEL_ERROR, "#N/A")]
    assert sheet_xml.needs_scan(xml, percent=False)


def test_a_cell_without_style_has_style_0():
    xml = _sheet('<row><c><v>0.8</v></c><c s="0"><v>0.5</v></c><c s="1"><v>0.5</v></c></row>')
    facts = sheet_xml.scan_sheet(xml, rows=(1, 1), columns=[0, 1, 2], percent_columns=[0, 1, 2], percent_styles={0})
    assert facts.percent == [(1, 0), (1, 1)]


def test_positions_without_r_follow_the_order():
    xml = _sheet('<row><c/><c t="e"><v>#REF!</v></c></row>'  # B1
                 '<row r="5"><c r="C5"/><c t="e"><v>#REF!</v></c></row>'  # D5
                 '<row><c t="e"><v>#NUM!</v></c></row>')  # A6
    facts = sheet_xml.scan_sheet(xml, rows=(1, 9), columns=range(5))
    assert [(r, c) for r, c, *_ in facts.problems] == [(1, 1), (5, 3), (6, 0)]


def test_only_the_wanted_rows_and_columns_are_reported():
    xml = _sheet("".join(f'<row r="{r}">' + "".join(f'<c r="{col}{r}"><f>1</f></c>' for col in "ABC") + "</row>"
                         for r in range(1, 5)))
    facts = sheet_xml.scan_sheet(xml, rows=(2, 3), columns=[1])
    assert facts.problems == [(2, 1, sheet_xml.NO_SAVED_VALUE, ""), (3, 1, sheet_xml.NO_SAVED_VALUE, "")]


def test_cells_are_found_by_local_name_as_calamine_finds_them():
    xml = _sheet('<row r="1"><c r="A1"><v>1</v></c><o:c xmlns:o="urn:other" r="B1"><o:f>1</o:f></o:c></row>')
    assert sheet_xml.scan_sheet(xml, rows=(1, 1), columns=[0, 1]).problems == [(1, 1, sheet_xml.NO_SAVED_VALUE, "")]


def test_formulas_after_the_cells_are_no_cell_formulas():
    """Excel keeps the list of a data validation in <xm:f> elements after the sheet data."""
    xml = _sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace(b"</worksheet>", (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        b'<x14:dataValidation type="list"><x14:formula1><xm:f>Lijsten!$A$2:$A$9</xm:f></x14:formula1>'
        b"<xm:sqref>A1:A9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>"))
    assert sheet_xml.needs_scan(xml, percent=False)
    assert sheet_xml.scan_sheet(xml, rows=(1, 9), columns=[0]).problems == []


@pytest.mark.parametrize("xml", [
    b"<worksheet><sheetData><row><c></row></sheetData></worksheet>",
    _sheet('<row r="x1"><c><v>1</v></c></row>'),
    _sheet('<row><c r="A-1"><v>1</v></c></row>'),
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY f "<f>1</f>">]>' + _sheet("<row><c>&f;</c></row>")[21:],
])
def test_damaged_xml_is_an_error(xml):
    with pytest.raises(sheet_xml.SheetXmlError):
        sheet_xml.scan_sheet(xml, rows=(1, 9), columns=range(3))


@pytest.mark.parametrize("code, percent", [
    ("0%", True), ("0.0%", True), ("#,##0.00%;[Red]-#,##0.00%", True), ('0.0" %"', False), ("0\\%", False),
    ('"groei: "0%', True), ("[$%-813]0.00", False), ("0_%", False), ("General", False), ("dd/mm/yyyy", False),
])
def test_percent_formats(code, percent):
    assert sheet_xml.is_percent_format(code) is percent


def test_percent_styles_follow_the_number_formats():
    styles = ElementTree.fromstring(f"""<styleSheet xmlns="{X.MAIN}"><numFmts>
        <numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode='0.0" pct"'/>
        <numFmt numFmtId="10" formatCode="0.00"/></numFmts>
        <cellStyleXfs><xf numFmtId="9"/></cellStyleXfs>
        <cellXfs><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/>
        </cellXfs></styleSheet>""")
    assert sheet_xml.percent_styles(styles) == {1, 2}  # 10 is redefined as no percentage


def test_a_plain_sheet_is_not_scanned():
    """The skip that keeps a large import fast: a sheet of values has nothing to scan for."""
    original, _ = _norms_workbook()
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        klachten = z.read("xl/worksheets/sheet1.xml")
    assert b"<c " in klachten and not sheet_xml.needs_scan(klachten, percent=False)
    assert sheet_xml.needs_scan(klachten, percent=True)


# Cells as different writers could write them: any attribute order and quotes, any prefix for
# the main namespace, with or without r, text with "#", "f " and "e" in it.
_CELL = st.fixed_dictionaries({
    "type": st.sampled_from([None, "n", "e", "str", "s", "inlineStr"]),
    "formula": st.sampled_from([None, "<P:f>A1</P:f>", '<P:f t="shared" si="0"/>', "<P:f\n>1</P:f>"]),
    "value": st.sampled_from([None, "", "0.5", "#N/A", "&#35;REF!", "of f", " #DIV/0! "]),
    "style": st.sampled_from([None, "0", "1"]),
    "with_r": st.booleans(),
})


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(_CELL, min_size=1, max_size=6), prefix=st.sampled_from(["", "x", "main"]),
       quote=st.sampled_from(['"', "'"]), reverse=st.booleans())
def test_whatever_the_scan_would_find_is_never_skipped(cells, prefix, quote, reverse):
    """needs_scan(...) is False only for a sheet in which scan_sheet finds nothing."""
    # An error value is one of Excel's codes, all with a "#": calamine refuses a file with another.
    assume(not any(c["type"] == "e" and c["value"] and "#" not in c["value"] for c in cells))
    p = f"{prefix}:" if prefix else ""
    out = []
    for j, cell in enumerate(cells):
        attributes = [(k, v) for k, v in (("r", f"{chr(65 + j)}1" if cell["with_r"] else None),
                                          ("s", cell["style"]), ("t", cell["type"])) if v is not None]
        if reverse:
            attributes.reverse()
        head = "".join(f" {k}={quote}{v}{quote}" for k, v in attributes)
        inner = (cell["formula"] or "").replace("P:", p)
        if cell["value"] is not None:
            inner += f"<{p}v>{cell['value']}</{p}v>"
        out.append(f"<{p}c{head}>{inner}</{p}c>")
    declaration = f'xmlns:{prefix}="{X.MAIN}"' if prefix else f'xmlns="{X.MAIN}"'
    xml = (f"<{p}worksheet {declaration}><{p}sheetData><{p}row>{''.join(out)}</{p}row>"
           f"</{p}sheetData></{p}worksheet>").encode()
    facts = sheet_xml.scan_sheet(xml, rows=(1, 1), columns=range(len(cells)))
    if facts.problems:
        assert sheet_xml.needs_scan(xml, percent=False)
