"""Files as they arrive (issue 8, item 1): each case is read as a user would expect or refused
with a precise Dutch message, and a refused file writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access import workbook
from data_access.importer import import_workbook
from data_access.registers import REGISTERS
from data_access.schema import REGISTER_TABLES
from tests.workbooks import (
    all_tables,
    clean_data,
    clean_workbook,
    expected_rows,
    one_sheet,
    save,
    sheet_rows,
    table_rows,
)

FIXTURES = Path(__file__).parent / "fixtures"
SAVE_AS = "open het in Excel en bewaar het als Excel-werkmap (.xlsx)"


def _refused(engine, source, name: str, message: str) -> None:
    before = all_tables(engine)
    report = import_workbook(engine, source, file_name=name, user="t")
    assert report.errors == [f"{name}: {message}"]
    assert not report.applied
    assert all_tables(engine) == before


def _klachten(engine) -> dict[str, tuple]:
    table = REGISTER_TABLES["klachten"]
    with engine.connect() as conn:
        return {r.dossiernummer: r for r in conn.execute(sa.select(table))}


# --- files that are no (readable) xlsx --------------------------------------------------------


def test_not_an_xlsx(engine):
    _refused(engine, b"%PDF-1.7 not a workbook", "verslag.xlsx",
             f"dit is geen Excel-werkmap (.xlsx); {SAVE_AS} of kies het juiste bestand")


def test_a_zip_that_is_no_workbook(engine):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    _refused(engine, buffer.getvalue(), "brief.xlsx",
             f"dit is geen Excel-werkmap (.xlsx); {SAVE_AS} of kies het juiste bestand")


def test_an_opendocument_spreadsheet(engine):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    _refused(engine, buffer.getvalue(), "registers.ods", f"dit is een OpenDocument-rekenblad (.ods); {SAVE_AS}")


def test_truncated_file(engine):
    data = clean_workbook()
    _refused(engine, data[: len(data) // 2], "half.xlsx",
             f"het bestand is beschadigd of onvolledig en kan niet gelezen worden; {SAVE_AS}")


def test_corrupt_sheet_inside_a_valid_zip(engine):
    data = _rewrite(clean_workbook(), "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    report = import_workbook(engine, data, file_name="kapot.xlsx", user="t")
    assert report.errors and all("beschadigd" in e and e.startswith("kapot.xlsx: ") for e in report.errors)
    assert table_rows(engine) == {r.name: [] for r in REGISTERS}


def test_password_protected_workbook(engine):
    _refused(engine, FIXTURES / "wachtwoord.xlsx", "wachtwoord.xlsx",
             "het bestand is beveiligd met een wachtwoord. Verwijder het wachtwoord in Excel "
             "(Bestand > Info > Werkmap beveiligen) en bewaar het opnieuw.")


def test_old_xls_file(engine):
    _refused(engine, FIXTURES / "oud.xls", "oud.xls", f"dit is een oud Excel-bestand (.xls); {SAVE_AS}")


def test_missing_file(engine, tmp_path):
    report = import_workbook(engine, tmp_path / "weg.xlsx", user="t")
    assert report.errors == ["weg.xlsx: het bestand bestaat niet of kan niet geopend worden"]


def test_empty_file(engine):
    _refused(engine, b"", "leeg.xlsx", "het bestand is leeg")


def test_too_large_file(engine, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 1024 * 1024)
    big = b"PK" + b"\0" * (1024 * 1024 + 200_000)
    message = ("het bestand is te groot (1,2 MB; maximum 1 MB). "
               "Verwijder overbodige bladen of kolommen, of splits het op.")
    _refused(engine, big, "groot.xlsx", message)
    (tmp_path / "groot.xlsx").write_bytes(big)
    _refused(engine, tmp_path / "groot.xlsx", "groot.xlsx", message)
    _refused(engine, io.BytesIO(big), "groot.xlsx", message)


# --- workbooks that hold no data --------------------------------------------------------------


def test_empty_workbook(engine):
    expected = ", ".join(r.sheet for r in REGISTERS)
    _refused(engine, save({"Blad1": []}), "leeg.xlsx", f"geen enkel blad heeft de naam van een register (verwacht: {expected})")


def test_register_sheets_without_rows(engine):
    report = import_workbook(engine, save({"Klachten": sheet_rows("klachten", []), "Meldingen": []}),
                             file_name="leeg.xlsx", user="t")
    assert report.errors == ["leeg.xlsx: het bestand bevat geen ingevulde rijen; er is niets om in te lezen"]
    assert report.warnings == ["leeg.xlsx: Meldingen: dit blad is leeg en werd overgeslagen"]


# --- sheet layout -----------------------------------------------------------------------------


def test_header_below_title_rows_is_found(engine):
    rows = [["Registers PZ Voorbeeld"], ["Stand op 1/4/2025"], [], *sheet_rows("klachten", clean_data()["klachten"])]
    report = import_workbook(engine, save({"Klachten": rows}), file_name="t.xlsx", user="t")
    assert report.ok, report.errors
    assert table_rows(engine)["klachten"] == expected_rows()["klachten"]
    # row numbers in messages stay Excel's own
    rows[5][2] = "fax"
    report = import_workbook(engine, save({"Klachten": rows}), file_name="t.xlsx", user="t")
    assert report.errors[0].startswith("t.xlsx: Klachten, rij 6, kolom kanaal: 'fax' is geen geldige waarde")


def test_header_too_far_down_is_refused(engine):
    rows = [["titel"]] * 10 + sheet_rows("klachten", clean_data()["klachten"])
    _refused(engine, save({"Klachten": rows}), "t.xlsx",
             "Klachten: geen kopregel gevonden in de eerste 10 rijen (verwacht kolommen zoals dossiernummer, "
             "datum ontvangst, kanaal, categorie, …)")


def test_merged_cells_below_the_header_hold_their_value_in_every_cell(engine):
    data = clean_data()["klachten"]
    data[1]["dienst"] = data[2]["dienst"] = "Wijkwerking"
    rows = sheet_rows("klachten", data)
    rows[3][4] = None  # E4 is covered by the merged block E3:E4, as Excel stores it
    report = import_workbook(engine, save({"Klachten": rows}, merged={"Klachten": ["E3:E4"]}), file_name="t.xlsx", user="t")
    assert report.ok, report.errors
    stored = _klachten(engine)
    assert stored["KL-2025-0002"].dienst == stored["KL-2025-0003"].dienst == "Wijkwerking"


def test_hidden_sheets(engine):
    data = clean_data()
    sheets = {"Klachten": sheet_rows("klachten", data["klachten"]),
              "Indicatoren": sheet_rows("indicatoren", data["indicatoren"]),
              "Hulplijsten": [["burger"], ["AIG"]]}
    report = import_workbook(engine, save(sheets, hidden=("Indicatoren", "Hulplijsten")), file_name="t.xlsx", user="t")
    assert report.ok, report.errors
    # a hidden register sheet is read, with a warning; a hidden helper sheet is ignored silently
    assert report.warnings == ["t.xlsx: Indicatoren: dit blad is verborgen; het werd toch ingelezen"]
    assert table_rows(engine)["indicatoren"] == expected_rows()["indicatoren"]


def test_unknown_sheet_and_column_are_warnings(engine):
    rows = sheet_rows("indicatoren", clean_data()["indicatoren"])
    rows[0].append("Notitie")
    rows[1].append("nakijken")
    report = import_workbook(engine, save({"Indicatoren": rows, "Grafiek": [["x"]]}), file_name="t.xlsx", user="t")
    assert report.ok
    assert report.warnings == [
        "t.xlsx: Indicatoren, rij 1: kolom 'Notitie' (E) is onbekend en werd genegeerd",
        "t.xlsx: blad 'Grafiek' is geen register en werd overgeslagen",
    ]


def test_empty_rows_are_skipped(engine):
    rows = sheet_rows("klachten", clean_data()["klachten"])
    rows = [rows[0], rows[1], [None] * 11, ["", "  ", None], rows[2], [], rows[3], [], []]
    report = import_workbook(engine, save({"Klachten": rows}), file_name="t.xlsx", user="t")
    assert report.ok, report.errors
    assert report.counts["klachten"]["added"] == 3


def test_duplicate_column_names(engine):
    rows = sheet_rows("klachten", clean_data()["klachten"])
    rows[0][10] = "Datum_Ontvangst"  # omschrijving's header replaced by a second datum ontvangst
    _refused(engine, save({"Klachten": rows}), "t.xlsx",
             "Klachten, rij 1: kolom 'datum ontvangst' komt meer dan eens voor (kolommen B en K); houd er één over")


def test_missing_required_column(engine):
    rows = [row[:2] + row[3:] for row in sheet_rows("klachten", clean_data()["klachten"])]
    _refused(engine, save({"Klachten": rows}), "t.xlsx", "Klachten, rij 1: verplichte kolom 'kanaal' ontbreekt")


def test_two_sheets_for_one_register(engine):
    rows = sheet_rows("functioneringsnotas", clean_data()["functioneringsnotas"])
    _refused(engine, save({"Functioneringsnota's": rows, "Functioneringsnotas": rows}), "t.xlsx",
             "de bladen 'Functioneringsnota's' en 'Functioneringsnotas' horen allebei bij register "
             "Functioneringsnota's; houd er één over")


def test_formula_without_saved_value(engine):
    rows = sheet_rows("klachten", clean_data()["klachten"])
    rows[2][4] = "=E2"  # openpyxl writes the formula, no computed value
    _refused(engine, save({"Klachten": rows}), "t.xlsx",
             "Klachten, rij 3, kolom dienst: formule zonder opgeslagen waarde; open het bestand in Excel en "
             "bewaar het opnieuw (of vervang de formule door de waarde)")


def test_formula_with_saved_value_is_read(engine):
    rows = sheet_rows("klachten", clean_data()["klachten"])
    rows[2][4] = "=E2"
    data = _rewrite(save({"Klachten": rows}), "xl/worksheets/sheet1.xml",
                    lambda xml: _swap(xml, b'<c r="E3"><f>E2</f><v /></c>', b'<c r="E3" t="str"><f>E2</f><v>Verkeer</v></c>'))
    report = import_workbook(engine, data, file_name="t.xlsx", user="t")
    assert report.ok, report.errors
    assert _klachten(engine)["KL-2025-0002"].dienst == "Verkeer"


def test_percentage_cells(engine):
    rows = sheet_rows("actieplan", clean_data()["actieplan"])
    rows[1][8] = 0.455  # shown as 45.5% in a 0.0% cell
    rows[2][8] = 1
    sheets = {"Actieplan": rows, "Evaluatiecriteria": sheet_rows("evaluatiecriteria", clean_data()["evaluatiecriteria"])}
    sheets["Evaluatiecriteria"][1][3] = 0.9  # a norm without percentage format stays 0.9
    report = import_workbook(engine, save(sheets, formats={"Actieplan": {"I2": "0.0%", "I3": "0%"}}),
                             file_name="t.xlsx", user="t")
    assert report.ok, report.errors
    assert [r[8] for r in table_rows(engine)["actieplan"]] == [45.5, 100.0]
    assert table_rows(engine)["evaluatiecriteria"][0][3] == 0.9


# --- csv --------------------------------------------------------------------------------------


def test_csv_with_semicolons_and_decimal_comma(engine):
    text = "indicator;periode;waarde;bron\npersoneelsbestand (VTE);2025;120,5;HR\ndeelnemers dilemmatraining;2025-03;14;\n"
    report = import_workbook(engine, text.encode("cp1252"), file_name="Indicatoren.csv", user="t")
    assert report.ok, report.errors
    assert table_rows(engine)["indicatoren"] == expected_rows()["indicatoren"]


def test_csv_recognised_by_its_headers_and_checked_like_a_sheet(engine):
    rows = sheet_rows("klachten", clean_data()["klachten"])
    lines = [";".join("" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else str(v) for v in r)
             for r in rows]
    data = ("\ufeff" + "\n".join(lines)).encode("utf-8")
    report = import_workbook(engine, data, file_name="export.csv", user="t")
    assert report.ok, report.errors
    assert table_rows(engine)["klachten"] == expected_rows()["klachten"]
    bad = data.replace(b";burger;", b";brief;")
    report = import_workbook(engine, bad, file_name="export.csv", user="t")
    assert report.errors[0].startswith("export.csv: Klachten, rij 2, kolom kanaal: 'brief' is geen geldige waarde")


def test_csv_of_no_register_is_refused(engine):
    _refused(engine, b"naam;adres\nJan;Markt 1\n", "adressen.csv",
             "uit dit CSV-bestand blijkt niet welk register het bevat: geef het de naam van het register "
             "(bv. Klachten.csv) of gebruik de kolomkoppen van het sjabloon")


# ---------------------------------------------------------------------------------------------


def _swap(xml: bytes, old: bytes, new: bytes) -> bytes:
    """The sheet's XML with cell `old` written as `new`. openpyxl writes a formula's empty value as
    <v /> through xml.etree and as <v></v> through lxml: both read as the first."""
    xml = xml.replace(b"<v></v>", b"<v />")
    assert old in xml, old
    return xml.replace(old, new)


def _rewrite(data: bytes, member: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            dst.writestr(item, change(content) if item.filename == member else content)
    return out.getvalue()


@pytest.mark.parametrize("name", ["t.xlsx", "t.XLSX"])
def test_upload_page_bytes_use_the_given_name(engine, name):
    report = import_workbook(engine, one_sheet("indicatoren", clean_data()["indicatoren"]), file_name=name, user="t")
    assert report.ok and report.file_name == name


def test_values_under_a_column_without_header_are_a_warning(engine):
    rows = sheet_rows("indicatoren", clean_data()["indicatoren"])
    rows[0] += [None, None]
    rows[1] += [None, "zie nota"]
    report = import_workbook(engine, save({"Indicatoren": rows}), file_name="t.xlsx", user="t")
    assert report.ok
    assert report.warnings == ["t.xlsx: Indicatoren, rij 1: kolom F heeft geen kop; de waarden eronder werden genegeerd"]


def test_damaged_xml_inside_a_workbook_never_crashes(engine):
    """40 workbooks with bytes changed, cut or inserted in their XML parts (fixed seed): each
    is read or refused with a Dutch message; none reaches the 'unforeseen failure' net."""
    import random

    rng = random.Random(3)
    with zipfile.ZipFile(io.BytesIO(clean_workbook())) as z:
        members = {n: z.read(n) for n in z.namelist()}
    for _ in range(40):
        parts = dict(members)
        name = rng.choice(sorted(n for n in parts if n.endswith(".xml")))
        data = bytearray(parts[name])
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(data))
            roll = rng.random()
            if roll < 0.4:
                data[at] = rng.randrange(256)
            elif roll < 0.7:
                del data[at : at + rng.randint(1, 30)]
            else:
                data[at:at] = rng.choice([b"<", b">", b'"', b'<c r="A1">', b"</row>"])
        parts[name] = bytes(data)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for member, content in parts.items():
                z.writestr(member, content)
        report = import_workbook(engine, out.getvalue(), file_name="f.xlsx", user="t", dry_run=True)
        assert all(e.startswith("f.xlsx: ") and "onverwachts" not in e for e in report.errors), report.errors


def test_excel_error_values_are_named(engine):
    rows = sheet_rows("klachten", clean_data()["klachten"])
    rows[2][4], rows[3][8] = "=1/0", "=NB()"
    data = _rewrite(save({"Klachten": rows}), "xl/worksheets/sheet1.xml", lambda xml: _swap(
        _swap(xml, b'<c r="E3"><f>1/0</f><v /></c>', b'<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
        b'<c r="I4"><f>NB()</f><v /></c>', b'<c r="I4" t="e"><v>#N/A</v></c>'))
    before = all_tables(engine)
    report = import_workbook(engine, data, file_name="t.xlsx", user="t")
    assert report.errors == [  # in an optional column too: the value is not silently lost
        "t.xlsx: Klachten, rij 3, kolom dienst: de cel bevat een Excel-fout (#DEEL/0!)",
        "t.xlsx: Klachten, rij 4, kolom gevolg: de cel bevat een Excel-fout (#N/B)",
    ]
    assert all_tables(engine) == before


def test_unicode_text_export_with_tabs(engine):
    text = "indicator\tperiode\twaarde\tbron\r\npersoneelsbestand (VTE)\t2025\t120,5\tHR\r\n" \
           "deelnemers dilemmatraining\t2025-03\t14\t\r\n"
    report = import_workbook(engine, text.encode("utf-16"), file_name="Indicatoren.txt", user="t")
    assert report.ok, report.errors
    assert table_rows(engine)["indicatoren"] == expected_rows()["indicatoren"]


def test_too_large_once_unpacked(engine, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (1024 * 1024 + 200_000))  # compresses to almost nothing
    _refused(engine, out.getvalue(), "bom.xlsx", "het bestand is te groot (uitgepakt 1,2 MB; maximum 1 MB). "
             "Verwijder overbodige bladen of kolommen, of splits het op.")
