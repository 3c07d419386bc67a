"""The registers in French (issue 17): the French template, a French workbook imported to the
same rows and figures as the Dutch one, a workbook mixing the two languages refused, and import
messages in French."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from data_access import register_terms as terms
from data_access.db import connect
from data_access.importer import import_workbook
from data_access.registers import BY_NAME, FTE_INDICATOR, REGISTERS, header_key
from data_access.template import write_template
from i18n import language
from kpis.engine import compute_report
from sample_data.generate import build_sample
from tests.workbooks import all_tables, clean_data, save, sheet_rows, table_rows

ROOT = Path(__file__).resolve().parent.parent


def template(lang: str) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    with language(lang):
        write_template(buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def fill(wb: openpyxl.Workbook, data: dict[str, list[dict]], lang: str) -> None:
    """Types `data` (canonical values) into a template as someone working in `lang` would:
    list values and oui/non in that language, dates and percentages as Excel cells."""
    for register in REGISTERS:
        ws = wb[terms.sheet_name(register, lang)]
        for i, record in enumerate(data[register.name], start=2):
            for j, column in enumerate(register.columns, start=1):
                value, cell = record[column.name], ws.cell(row=i, column=j)
                if column.type == "bool":
                    value = terms.value("ja" if value else "nee", lang)
                elif column.type == "enum" and value is not None:
                    value = terms.value(value, lang)
                elif column.name == "indicator" and value is not None:
                    value = terms.indicator(value, lang)
                elif column.type == "pct" and value is not None:
                    value, cell.number_format = value / 100, "0%"
                elif column.type == "date" and value is not None:
                    cell.number_format = "DD/MM/YYYY"
                cell.value = value


def filled(lang: str, data: dict[str, list[dict]]) -> bytes:
    wb = template(lang)
    fill(wb, data, lang)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- the words -----------------------------------------------------------------------------------


def test_every_register_word_has_one_french_form_that_reads_back():
    for register in REGISTERS:
        forms = terms.header_forms(register.name)
        for column in register.columns:
            french = terms.header(column, "fr")
            assert forms[header_key(french)].canonical == column.name, (register.name, french)
            assert forms[header_key(column.header)].canonical == column.name
            if column.values:
                values = terms.value_forms(column.values)
                assert len({header_key(v) for v in terms.values(column, "fr")}) == len(column.values), column.name
                for canonical in column.values:
                    assert values[header_key(terms.value(canonical, "fr"))].canonical == canonical
    sheets = terms.sheet_forms()
    assert {sheets[header_key(terms.sheet_name(r, "fr"))].canonical for r in REGISTERS} == set(BY_NAME)
    assert len({terms.sheet_name(r, "fr") for r in REGISTERS}) == len(REGISTERS)
    assert all(len(terms.sheet_name(r, "fr")) <= 31 for r in REGISTERS)  # Excel's limit


def test_the_legal_terms_are_those_of_the_belgian_texts():
    sanctions = BY_NAME["tuchtdossiers"].column("sanctie").values
    assert [terms.value(v, "fr") for v in sanctions[1:8]] == [
        "avertissement", "blâme", "retenue de traitement", "suspension par mesure disciplinaire",
        "rétrogradation dans l'échelle de traitement", "démission d'office", "révocation",
    ]
    assert terms.header(BY_NAME["tuchtdossiers"].column("ordemaatregel"), "fr") == "mesure d'ordre"
    assert terms.header(BY_NAME["meldingen"].column("datum_ontvangstbevestiging"), "fr") == "date de l'accusé de réception"
    assert terms.header(BY_NAME["meldingen"].column("datum_terugkoppeling"), "fr") == "date du retour d'information"
    assert terms.sheet_name(BY_NAME["meldingen"], "fr") == "Signalements"
    assert terms.sheet_name(BY_NAME["functioneringsnotas"], "fr") == "Notes de fonctionnement"


# --- the template --------------------------------------------------------------------------------


def test_french_template_has_the_dutch_one_s_sheets_columns_and_lists_in_french():
    nl, fr = template("nl"), template("fr")
    assert fr.sheetnames == ["Explication", *(terms.sheet_name(r, "fr") for r in REGISTERS), "Listes"]
    assert fr.sheetnames[1:4] == ["Plaintes", "Notes de fonctionnement", "Dossiers disciplinaires"]
    assert fr["Listes"].sheet_state == "hidden"
    for register in REGISTERS:
        ws_nl, ws_fr = nl[register.sheet], fr[terms.sheet_name(register, "fr")]
        assert [c.value for c in ws_fr[1]] == [terms.header(c, "fr") for c in register.columns]
        assert ws_fr.freeze_panes == ws_nl.freeze_panes == "A2"
        rules_nl = [(v.type, str(v.sqref)) for v in ws_nl.data_validations.dataValidation]
        rules_fr = {str(v.sqref): v for v in ws_fr.data_validations.dataValidation}
        assert [(v.type, str(v.sqref)) for v in rules_fr.values()] == rules_nl
        for j, column in enumerate(register.columns, start=1):
            letter = openpyxl.utils.get_column_letter(j)
            if column.type in ("enum", "bool"):
                sheet, cells = rules_fr[f"{letter}2:{letter}1048576"].formula1.split("!")
                listed = [c.value for (c,) in fr[sheet.strip("'")][cells.replace("$", "")]]
                assert listed == list(terms.values(column, "fr")), column.name
            assert ws_fr.column_dimensions[letter].number_format == ws_nl.column_dimensions[letter].number_format
    meldingen = fr["Signalements"]
    anoniem = [c.value for c in meldingen[1]].index("anonyme") + 1
    sheet, cells = {str(v.sqref): v for v in meldingen.data_validations.dataValidation}[
        f"{openpyxl.utils.get_column_letter(anoniem)}2:{openpyxl.utils.get_column_letter(anoniem)}1048576"
    ].formula1.split("!")
    assert [c.value for (c,) in fr[sheet][cells.replace("$", "")]] == ["oui", "non"]


def test_french_explanation_explains_every_column_in_french():
    ws = template("fr")["Explication"]
    assert ws["A1"].value == "Modèle des registres de la politique d'intégrité"
    assert [c.value for c in ws[4]] == ["Feuille", "Colonne", "Type", "Obligatoire", "Valeurs admises", "Règle",
                                        "Donnée à caractère personnel"]
    rows = {(r[0], r[1]): r for r in ws.iter_rows(min_row=5, values_only=True)}
    assert len(rows) == sum(len(r.columns) for r in REGISTERS)
    assert rows[("Plaintes", "canal")][2:5] == ("liste de choix", "oui",
                                                "citoyen, Comité P, AIG, parquet, commune, interne, autre")
    assert rows[("Plaintes", "numéro de dossier")][3] == "oui (clé)"
    assert rows[("Plaintes", "date de clôture")][3] == "si statut est clôturé"
    assert rows[("Dossiers disciplinaires", "sanction")][3] == "si phase est décidé ou clôturé"
    assert rows[("Plaintes", "membre du personnel")][6] == "oui"
    assert rows[("Plan d'action", "avancement")][5] == "Pourcentage (0 à 100) ; 100 si l'action est terminée."


def test_dutch_template_is_unchanged_by_the_french_one():
    """The Dutch template written after a French one (same process, cached catalogs) is Dutch."""
    template("fr")
    nl = template("nl")
    assert nl.sheetnames[0] == "Uitleg" and nl.sheetnames[-1] == "Lijsten"
    assert [c.value for c in nl["Klachten"][1]][:3] == ["dossiernummer", "datum ontvangst", "kanaal"]


# --- importing ----------------------------------------------------------------------------------


def _engine(tmp_path: Path, name: str):
    return connect(f"sqlite:///{tmp_path / name}")


def test_french_and_dutch_templates_with_the_same_rows_give_the_same_rows_and_figures(tmp_path):
    today = dt.date(2025, 9, 30)
    data = build_sample(today)
    assert any(r["indicator"] == FTE_INDICATOR for r in data["indicatoren"])
    engines = {lang: _engine(tmp_path, f"{lang}.sqlite") for lang in ("nl", "fr")}
    try:
        for lang, engine in engines.items():
            report = import_workbook(engine, filled(lang, data), file_name=f"{lang}.xlsx", user="t", lang=lang)
            assert report.ok, report.errors[:5]
            assert report.warnings == []
        rows = {lang: table_rows(engine) for lang, engine in engines.items()}
        assert rows["fr"] == rows["nl"]
        assert sum(len(v) for v in rows["nl"].values()) >= sum(len(v) for v in data.values()) > 300  # every sample row
        assert FTE_INDICATOR in {r[0] for r in rows["fr"]["indicatoren"]}  # 'effectif (ETP)' in the workbook
        for year, as_of in ((2024, None), (2025, today)):
            figures = {lang: compute_report(engine, year, as_of).to_json_dict() for lang, engine in engines.items()}
            assert figures["fr"] == figures["nl"]
        assert figures["nl"]["kpis"]["complaints_per_100_fte"] is not None  # the FTE indicator was found
    finally:
        for engine in engines.values():
            engine.dispose()


def test_a_french_csv_of_one_register_is_read_in_french(engine):
    data = clean_data()["klachten"]
    lines = [";".join(terms.header(c, "fr") for c in BY_NAME["klachten"].columns)]
    for record in data:
        cells = []
        for c in BY_NAME["klachten"].columns:
            v = record[c.name]
            cells.append("" if v is None else terms.value(v, "fr") if c.type == "enum" else
                         v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else str(v))
        lines.append(";".join(cells))
    report = import_workbook(engine, "\n".join(lines).encode("utf-8"), file_name="Plaintes.csv", user="t")
    assert report.ok, report.errors
    assert table_rows(engine)["klachten"] == sorted(
        tuple(r[c] for c in BY_NAME["klachten"].column_names) for r in data)


def _dutch_sheets() -> dict[str, list[list]]:
    data = clean_data()
    return {r.sheet: sheet_rows(r.name, data[r.name]) for r in REGISTERS}


def test_a_workbook_mixing_dutch_and_french_sheets_is_refused(engine, tmp_path):
    sheets = _dutch_sheets()
    sheets["Plaintes"] = sheets.pop("Klachten")
    path = save(sheets, tmp_path / "gemengd.xlsx")
    before = all_tables(engine)
    report = import_workbook(engine, path, user="t")
    assert not report.applied and len(report.errors) == 1
    assert report.errors[0].startswith("gemengd.xlsx: de werkmap mengt Nederlands en Frans (")
    assert "blad 'Functioneringsnota's' is Nederlands, blad 'Plaintes' is Frans" in report.errors[0]
    assert all_tables(engine) == before
    french = import_workbook(engine, path, user="t", lang="fr")
    assert french.errors[0].startswith("gemengd.xlsx: le classeur mélange le néerlandais et le français (")
    assert "feuille 'Plaintes' est en français" in french.errors[0]


def test_french_headers_on_a_dutch_sheet_are_refused(engine, tmp_path):
    sheets = _dutch_sheets()
    sheets["Klachten"][0][2] = "canal"  # kanaal
    report = import_workbook(engine, save(sheets, tmp_path / "kop.xlsx"), user="t")
    assert report.errors == ["kop.xlsx: de werkmap mengt Nederlands en Frans (blad 'Klachten' is Nederlands, "
                             "kolom 'canal' op blad 'Klachten' is Frans); gebruik één taal voor alle bladen, "
                             "kolomkoppen en waarden, bv. het Nederlandse of het Franse sjabloon"]


def test_a_dutch_value_in_a_french_workbook_names_its_cell_and_the_french_word(engine):
    data = clean_data()
    data["klachten"][1]["kanaal"] = "burger"  # typed in Dutch; the rest is French
    wb = template("fr")
    fill(wb, data, "fr")
    wb["Plaintes"]["C3"] = "burger"
    wb["Signalements"]["D2"] = "ja"
    out = io.BytesIO()
    wb.save(out)
    nl = import_workbook(engine, out.getvalue(), file_name="fr.xlsx", user="t")
    assert nl.errors == [
        "fr.xlsx: Plaintes, rij 3, kolom kanaal: 'burger' is Nederlands, maar deze werkmap is in het Frans: "
        "gebruik 'citoyen'",
        "fr.xlsx: Signalements, rij 2, kolom anoniem: 'ja' is Nederlands, maar deze werkmap is in het Frans: "
        "gebruik 'oui'",
    ]
    fr = import_workbook(engine, out.getvalue(), file_name="fr.xlsx", user="t", lang="fr")
    assert fr.errors[0] == ("fr.xlsx: Plaintes, ligne 3, colonne canal: 'burger' est en néerlandais, mais ce "
                            "classeur est en français : utilisez 'citoyen'")
    assert table_rows(engine)["klachten"] == []


def test_import_messages_in_french(engine, tmp_path):
    data = clean_data()
    data["klachten"][0]["datum_afsluiting"] = None  # status afgesloten: required
    wb = template("fr")
    fill(wb, data, "fr")
    wb["Plaintes"]["B2"] = "31/02/2025"
    path = tmp_path / "erreurs.xlsx"
    wb.save(path)
    report = import_workbook(engine, path, user="t", lang="fr")
    assert report.errors == [
        "erreurs.xlsx: Plaintes, ligne 2, colonne date de réception: '31/02/2025' n'est pas une date valide "
        "(utilisez jj/mm/aaaa)",
        "erreurs.xlsx: Plaintes, ligne 2, colonne date de clôture: obligatoire si statut est clôturé",
    ]
    assert report.summary() == ["2 erreur(s) trouvée(s) ; rien n'a été enregistré."]


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "data_access", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_template_and_import_commands_in_french(tmp_path, sqlite_url):
    out = tmp_path / "modele.xlsx"
    done = run("template", "--lang", "fr", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Modèle écrit : {out}"
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["Explication", "Plaintes"]
    done = run("import", str(out), "--lang", "fr", "--database-url", sqlite_url, "--user", "t")
    assert done.returncode == 1
    assert done.stderr.strip() == ("modele.xlsx: le fichier ne contient aucune ligne complétée ; il n'y a rien "
                                   "à importer\n0 erreur(s) trouvée(s) ; rien n'a été enregistré.").replace(
        "0 erreur", "1 erreur")
    assert run("template", "--lang", "de", str(out)).returncode == 2
