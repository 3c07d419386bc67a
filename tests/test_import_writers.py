"""Workbooks that the project did not write itself: saved by LibreOffice, written by XlsxWriter
and round-tripped through openpyxl, each with percentage formats and formulas. Every one must
import the same rows and values (a norm of 80 % stays 80), or be refused with the Dutch message
that names the cell.

LibreOffice runs headless in a temporary profile started by these tests (scripts/test installs
Debian's libreoffice-calc-nogui). Without it the LibreOffice tests are skipped, except in CI
(CI=true), where a missing LibreOffice is a failure.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
import xlsxwriter

from data_access.importer import import_workbook
from data_access.registers import BY_NAME
from data_access.workbook import FORMULA_NOT_CALCULATED, FORMULA_WITHOUT_VALUE
from tests.conftest import unavailable
from tests.workbooks import all_tables, clean_data, expected_rows, messy_workbook, save, sheet_rows, table_rows


def _data() -> dict[str, list[dict]]:
    """Every register, with a criteria norm of 80 % and action progress of 45 % and 100 %."""
    data = clean_data()
    data["evaluatiecriteria"][0]["norm"] = 80.0
    return data


def _rows(data: dict[str, list[dict]], name: str) -> list[tuple]:
    return sorted(tuple(r[n] for n in BY_NAME[name].column_names) for r in data.get(name, []))


def _import(engine, data: bytes, name: str = "t.xlsx"):
    return import_workbook(engine, data, file_name=name, user="t")


def _imports_as(engine, data: bytes, expected: dict) -> None:
    report = _import(engine, data)
    assert report.ok, report.errors
    rows = table_rows(engine)
    assert rows == expected
    if expected["evaluatiecriteria"]:
        assert [r[3] for r in rows["evaluatiecriteria"]] == [80.0]
        assert [r[8] for r in rows["actieplan"]] == [45.0, 100.0]


def _refused_with(engine, data: bytes, errors: list[str]) -> None:
    before = all_tables(engine)
    report = _import(engine, data)
    assert sorted(report.errors) == sorted(errors)
    assert all_tables(engine) == before


# Where the workbooks below hold a formula, and what it gives.
FORMULAS = {  # (register, record index, column): (formula, value)
    ("klachten", 1, "dienst"): ('=PROPER("verkeer")', "Verkeer"),
    ("indicatoren", 0, "waarde"): ("=241/2", 120.5),
    ("evaluatiecriteria", 0, "norm"): ("=0.4*2", 0.8),  # in a 0% cell: 80
}


def _cell(register: str, index: int, column: str) -> tuple[int, str]:
    """(Excel row, header) of a record's cell in the sheets below: header in row 1."""
    return index + 2, BY_NAME[register].column(column).header


def _located(register: str, index: int, column: str, message: str) -> str:
    row, header = _cell(register, index, column)
    return f"t.xlsx: {BY_NAME[register].sheet}, rij {row}, kolom {header}: {message}"


# --- XlsxWriter ------------------------------------------------------------------------------------


def _xlsxwriter_workbook(data: dict[str, list[dict]], *, formula_values: bool = True,
                         constant_memory: bool = False) -> bytes:
    """The registers as XlsxWriter writes them: dates as dates, percentages as the fraction in a
    0% or 0.0% cell, three values as formulas (FORMULAS), with their result or, without
    `formula_values`, XlsxWriter's own 0."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": constant_memory})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    percent = [wb.add_format({"num_format": "0.0%"}), wb.add_format({"num_format": "0%"})]
    for name, records in data.items():
        register = BY_NAME[name]
        ws = wb.add_worksheet(register.sheet)
        ws.write_row(0, 0, [c.header for c in register.columns])
        for i, record in enumerate(records):
            for j, column in enumerate(register.columns):
                value = record.get(column.name)
                formula = FORMULAS.get((name, i, column.name))
                fmt = None
                if column.type == "pct" and value is not None:
                    value, fmt = value / 100, percent[i % 2]
                elif column.type == "date" and value is not None:
                    value, fmt = dt.datetime.combine(value, dt.time()), date
                elif column.type == "bool":
                    value = "ja" if value else "nee"
                if formula:
                    text, result = formula
                    if column.type == "pct":
                        fmt = percent[1]
                    if formula_values:
                        ws.write_formula(i + 1, j, text, fmt, result)
                    else:
                        ws.write_formula(i + 1, j, text, fmt)
                elif value is not None:
                    ws.write(i + 1, j, value, fmt)
    wb.close()
    return out.getvalue()


@pytest.mark.parametrize("constant_memory", [False, True], ids=["shared strings", "constant memory, inline strings"])
def test_xlsxwriter_with_percentages_and_formulas(engine, constant_memory):
    data = _data()
    data["klachten"][1]["dienst"] = "Verkeer"  # what the formula gives
    workbook = _xlsxwriter_workbook(data, constant_memory=constant_memory)
    _imports_as(engine, workbook, {name: _rows(data, name) for name in expected_rows()})


def test_xlsxwriter_formulas_without_result_are_refused(engine):
    """XlsxWriter calculates no formula: it saves 0 and asks Excel to recalculate on load. That 0
    is no value to import (the norm would be 0 %, the service "0")."""
    workbook = _xlsxwriter_workbook(_data(), formula_values=False)
    _refused_with(engine, workbook, [_located(*place, FORMULA_NOT_CALCULATED) for place in FORMULAS])


def test_xlsxwriter_error_values_are_named(engine):
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out)
    ws = wb.add_worksheet("Indicatoren")
    ws.write_row(0, 0, ["indicator", "periode", "waarde", "bron"])
    ws.write_row(1, 0, ["personeelsbestand (VTE)", "2025"])
    ws.write_formula(1, 2, "=1/0", None, "#DIV/0!")
    ws.write_row(2, 0, ["deelnemers dilemmatraining", "2025-03"])
    ws.write_formula(2, 2, "=NA()", None, "#N/A")
    wb.close()
    _refused_with(engine, out.getvalue(), [
        "t.xlsx: Indicatoren, rij 2, kolom waarde: de cel bevat een Excel-fout (#DEEL/0!)",
        "t.xlsx: Indicatoren, rij 3, kolom waarde: de cel bevat een Excel-fout (#N/B)",
    ])


# --- openpyxl, reading and saving someone else's workbook -------------------------------------------


def _openpyxl_round_trip(data: bytes, *, data_only: bool) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_openpyxl_keeps_values_when_it_reads_them(engine):
    data = _data()
    data["klachten"][1]["dienst"] = "Verkeer"
    workbook = _openpyxl_round_trip(_xlsxwriter_workbook(data), data_only=True)  # formulas become values
    _imports_as(engine, workbook, {name: _rows(data, name) for name in expected_rows()})


def test_openpyxl_drops_the_values_of_the_formulas_it_keeps(engine):
    workbook = _openpyxl_round_trip(_xlsxwriter_workbook(_data()), data_only=False)
    _refused_with(engine, workbook, [_located(*place, FORMULA_WITHOUT_VALUE) for place in FORMULAS])


# --- LibreOffice -------------------------------------------------------------------------------------


def _openpyxl_with_formulas() -> bytes:
    """Klachten and Indicatoren with formulas that no one calculated yet (openpyxl saves none):
    E3 =E2 (a service), C2 =241/2 (120.5), and two that give an Excel error."""
    klachten = sheet_rows("klachten", clean_data()["klachten"])
    klachten[2][4] = "=E2"  # KL-2025-0002 gets the service of KL-2025-0001
    indicatoren = sheet_rows("indicatoren", clean_data()["indicatoren"])
    indicatoren[1][2] = "=241/2"
    return save({"Klachten": klachten, "Indicatoren": indicatoren})


def _openpyxl_with_errors() -> bytes:
    klachten = sheet_rows("klachten", clean_data()["klachten"])
    klachten[2][4], klachten[3][8] = "=1/0", "=NA()"
    return save({"Klachten": klachten})


def _openpyxl_norms() -> bytes:
    data = _data()
    sheets = {BY_NAME[name].sheet: sheet_rows(name, rows) for name, rows in data.items()}
    sheets["Evaluatiecriteria"][1][3] = 0.8
    sheets["Actieplan"][1][8], sheets["Actieplan"][2][8] = 0.45, 1
    return save(sheets, formats={"Evaluatiecriteria": {"D2": "0%"}, "Actieplan": {"I2": "0.0%", "I3": "0%"}})


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory) -> dict[str, bytes]:
    """Each workbook opened and saved as .xlsx by LibreOffice (one headless soffice run, in a
    profile of its own so that it neither meets nor waits for another LibreOffice)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        unavailable("LibreOffice (soffice) is not installed; scripts/test installs libreoffice-calc-nogui")
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = {"norms": _openpyxl_norms(), "messy": messy_workbook(), "formulas": _openpyxl_with_formulas(),
               "errors": _openpyxl_with_errors(), "xlsxwriter": _xlsxwriter_workbook(_data())}
    (folder / "in").mkdir()
    for name, content in sources.items():
        (folder / "in" / f"{name}.xlsx").write_bytes(content)
    command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", "xlsx", "--outdir", str(folder / "out"),
               *(str(folder / "in" / f"{name}.xlsx") for name in sources)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    saved = {name: folder / "out" / f"{name}.xlsx" for name in sources}
    missing = [name for name, path in saved.items() if not path.is_file()]
    assert result.returncode == 0 and not missing, (result.returncode, missing, result.stdout, result.stderr)
    for name, path in saved.items():
        assert path.read_bytes() != sources[name]
        assert b'appName="Calc"' in _part(path.read_bytes(), "xl/workbook.xml"), "not written by LibreOffice"
    return {name: path.read_bytes() for name, path in saved.items()}


def _part(workbook: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        return z.read(name)


def test_libreoffice_keeps_percentage_norms(engine, saved_by_libreoffice):
    data = _data()
    _imports_as(engine, saved_by_libreoffice["norms"], {name: _rows(data, name) for name in expected_rows()})


def test_libreoffice_messy_workbook(engine, saved_by_libreoffice):
    """Title rows, merged cells, headers in other case, 45% as text and 1 in a 0% cell."""
    report = _import(engine, saved_by_libreoffice["messy"])
    assert report.ok, report.errors
    assert table_rows(engine) == expected_rows()


def test_libreoffice_calculates_the_formulas_it_saves(engine, saved_by_libreoffice):
    assert b"<f" in _part(saved_by_libreoffice["formulas"], "xl/worksheets/sheet1.xml")  # still formulas
    data = clean_data()
    data["klachten"][1]["dienst"] = data["klachten"][0]["dienst"]  # =E2
    _imports_as(engine, saved_by_libreoffice["formulas"],
                {name: _rows(data, name) if name in ("klachten", "indicatoren") else [] for name in expected_rows()})


def test_libreoffice_error_values_are_named(engine, saved_by_libreoffice):
    _refused_with(engine, saved_by_libreoffice["errors"], [
        "t.xlsx: Klachten, rij 3, kolom dienst: de cel bevat een Excel-fout (#DEEL/0!)",
        "t.xlsx: Klachten, rij 4, kolom gevolg: de cel bevat een Excel-fout (#N/B)",
    ])


def test_libreoffice_saves_xlsxwriter_results(engine, saved_by_libreoffice):
    data = _data()
    data["klachten"][1]["dienst"] = "Verkeer"
    _imports_as(engine, saved_by_libreoffice["xlsxwriter"], {name: _rows(data, name) for name in expected_rows()})


def test_openpyxl_reads_what_libreoffice_calculated(engine, saved_by_libreoffice):
    data = clean_data()
    data["klachten"][1]["dienst"] = data["klachten"][0]["dienst"]
    workbook = _openpyxl_round_trip(saved_by_libreoffice["formulas"], data_only=True)
    _imports_as(engine, workbook,
                {name: _rows(data, name) if name in ("klachten", "indicatoren") else [] for name in expected_rows()})
