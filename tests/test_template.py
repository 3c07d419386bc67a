"""The template: its sheets, dropdowns, formats and explanation, and the round trip (fill it
with openpyxl, import it, the rows arrive)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl

from data_access.importer import import_workbook
from data_access.registers import REGISTERS
from data_access.template import write_template
from data_access.workbook import EXPLANATION_SHEET, LISTS_SHEET
from tests.workbooks import CLEAN, expected_rows, table_rows

ROOT = Path(__file__).resolve().parent.parent


def _template() -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_template(buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def _list_values(wb, formula: str) -> list[str]:
    sheet, cells = formula.split("!")
    return [c.value for (c,) in wb[sheet][cells.replace("$", "")]]


def test_one_sheet_per_register_with_headers_dropdowns_and_formats():
    wb = _template()
    assert wb.sheetnames == [EXPLANATION_SHEET, *(r.sheet for r in REGISTERS), LISTS_SHEET]
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    for register in REGISTERS:
        ws = wb[register.sheet]
        assert [c.value for c in ws[1]] == [c.header for c in register.columns]
        assert ws.freeze_panes == "A2"
        validations = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
        for j, column in enumerate(register.columns, start=1):
            letter = openpyxl.utils.get_column_letter(j)
            dim = ws.column_dimensions[letter]
            assert dim.width and dim.width >= 12
            if column.type in ("enum", "bool"):
                v = validations[f"{letter}2"]
                expected = list(column.values) if column.type == "enum" else ["ja", "nee"]
                assert v.type == "list" and _list_values(wb, v.formula1) == expected, column.name
                assert v.showErrorMessage
            elif column.type == "date":
                assert dim.number_format == "DD/MM/YYYY" and validations[f"{letter}2"].type == "date"
            elif column.type == "pct":
                assert dim.number_format == "0%"


def test_explanation_sheet_explains_every_column():
    ws = _template()[EXPLANATION_SHEET]
    rows = {(r[0], r[1]): r for r in ws.iter_rows(min_row=5, values_only=True)}
    assert len(rows) == sum(len(r.columns) for r in REGISTERS)
    kanaal = rows[("Klachten", "kanaal")]
    assert kanaal[2:5] == ("keuzelijst", "ja", "burger, Comité P, AIG, parket, gemeente, intern, andere")
    assert rows[("Klachten", "dossiernummer")][3] == "ja (sleutel)"
    assert rows[("Klachten", "datum afsluiting")][3] == "als status afgesloten is"
    assert rows[("Tuchtdossiers", "sanctie")][3] == "als fase beslist of afgesloten is"
    assert rows[("Meldingen", "anoniem")][4] == "ja of nee (ook j/n, x/leeg, 1/0); een lege cel is nee"
    assert rows[("Klachten", "medewerker")][6] == "ja"
    assert rows[("Actieplan", "voortgang")][5] == "Percentage (0 tot 100); 100 als de actie afgerond is."


def test_template_round_trip(engine, tmp_path):
    wb = _template()
    for register in REGISTERS:
        ws = wb[register.sheet]
        for i, record in enumerate(CLEAN[register.name], start=2):
            for j, column in enumerate(register.columns, start=1):
                value = record[column.name]
                cell = ws.cell(row=i, column=j)
                if column.type == "bool":
                    value = "ja" if value else None  # empty means nee
                elif column.type == "pct" and value is not None:
                    value, cell.number_format = value / 100, "0%"  # what Excel stores in a % column
                elif column.type == "date" and value is not None:
                    cell.number_format = "DD/MM/YYYY"
                cell.value = value
    path = tmp_path / "ingevuld.xlsx"
    wb.save(path)
    report = import_workbook(engine, path, user="t")
    assert report.ok, report.errors
    assert report.warnings == []  # Uitleg and the hidden lists are not registers, but no surprise
    assert table_rows(engine) == expected_rows()


def test_empty_template_imports_nothing_and_says_so(engine, tmp_path):
    write_template(tmp_path / "leeg.xlsx")
    report = import_workbook(engine, tmp_path / "leeg.xlsx", user="t")
    assert report.errors == ["leeg.xlsx: het bestand bevat geen ingevulde rijen; er is niets om in te lezen"]


def test_template_command(tmp_path):
    out = tmp_path / "sjabloon.xlsx"
    result = subprocess.run([sys.executable, "-m", "data_access", "template", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Sjabloon geschreven: {out}"
    assert openpyxl.load_workbook(out).sheetnames[1] == "Klachten"
