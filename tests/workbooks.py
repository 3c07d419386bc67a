"""Test workbooks built with openpyxl: a small valid data set for every register, written clean
(real dates, numbers) or messy (other header spelling, title rows, text dates, enum case, 45%,
x/ja), plus helpers to read the database back for comparisons."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path

import openpyxl
import sqlalchemy as sa

from data_access.registers import BY_NAME, REGISTERS
from data_access.schema import REGISTER_TABLES

D = dt.date

# One valid data set, keyed by database column name; values as they are stored.
CLEAN: dict[str, list[dict]] = {
    "klachten": [
        dict(dossiernummer="KL-2025-0001", datum_ontvangst=D(2025, 1, 6), kanaal="burger", categorie="bejegening",
             dienst="Interventie", status="afgesloten", datum_afsluiting=D(2025, 2, 10), beoordeling="ongegrond",
             gevolg="geen", medewerker="Medewerker 0012", omschrijving="Onvriendelijk aan het onthaal"),
        dict(dossiernummer="KL-2025-0002", datum_ontvangst=D(2025, 2, 3), kanaal="Comité P", categorie="geweld",
             dienst="Verkeer", status="in behandeling", datum_afsluiting=None, beoordeling=None, gevolg=None,
             medewerker="Medewerker 0040", omschrijving=None),
        dict(dossiernummer="KL-2025-0003", datum_ontvangst=D(2025, 3, 15), kanaal="AIG", categorie="privacy",
             dienst="Onthaal", status="ontvangen", datum_afsluiting=None, beoordeling=None, gevolg=None,
             medewerker=None, omschrijving=None),
    ],
    "functioneringsnotas": [
        dict(nummer="FN-2025-01", datum=D(2025, 1, 20), dienst="Interventie", thema="stiptheid",
             aanleiding="vaststelling leidinggevende", opvolgingsdatum=D(2025, 3, 1), status="open",
             medewerker="Medewerker 0007"),
    ],
    "tuchtdossiers": [
        dict(dossiernummer="TD-2024-01", soort="tucht", categorie="geweld", dienst="Interventie",
             datum_feiten=D(2024, 1, 5), datum_kennisname=D(2024, 1, 10), datum_opening=D(2024, 1, 15),
             datum_inleidend_verslag=D(2024, 3, 1), tuchtoverheid="korpschef", fase="beslist", ordemaatregel="geen",
             datum_ordemaatregel=None, sanctie="blaam", datum_beslissing=D(2024, 6, 1), medewerker="Medewerker 0100"),
        dict(dossiernummer="TD-2024-02", soort="gerechtelijk", categorie="corruptie of fraude", dienst="Recherche",
             datum_feiten=None, datum_kennisname=D(2024, 2, 1), datum_opening=D(2024, 2, 2),
             datum_inleidend_verslag=None, tuchtoverheid=None, fase="lopend", ordemaatregel="voorlopige schorsing",
             datum_ordemaatregel=D(2024, 2, 5), sanctie=None, datum_beslissing=None, medewerker="Medewerker 0101"),
    ],
    "meldingen": [
        dict(nummer="ML-2025-01", datum_ontvangst=D(2025, 1, 8), kanaal="intern meldkanaal", anoniem=True,
             categorie="misbruik van informatie", datum_ontvangstbevestiging=D(2025, 1, 10),
             datum_terugkoppeling=D(2025, 3, 1), status="afgesloten", uitkomst="geen schending", omschrijving=None),
        dict(nummer="ML-2025-02", datum_ontvangst=D(2025, 2, 8), kanaal="extern", anoniem=False,
             categorie="andere", datum_ontvangstbevestiging=None, datum_terugkoppeling=None, status="onderzoek",
             uitkomst=None, omschrijving="Vermoeden van misbruik tankkaart"),
    ],
    "actieplan": [
        dict(actie_id="A-2025-01", strategische_doelstelling="Bepalen en definiëren",
             operationele_doelstelling="3.1.1.3 Ontwikkeling van een ethisch kompas", actie="Ethisch kompas opstellen",
             trekker="integriteitscoördinator", startdatum=D(2025, 1, 1), deadline=D(2025, 6, 30), status="lopend",
             voortgang=45.0, laatste_update=D(2025, 3, 1), opmerking=None),
        dict(actie_id="A-2025-02", strategische_doelstelling="Monitoren",
             operationele_doelstelling="3.1.3.1 Opvolging klachten", actie="Klachtenrapport per kwartaal",
             trekker="integriteitscoördinator", startdatum=None, deadline=D(2025, 4, 1), status="afgerond",
             voortgang=100.0, laatste_update=None, opmerking="Eerste rapport besproken"),
    ],
    "evaluatiecriteria": [
        dict(criterium_id="EC-01", omschrijving="Klachten tijdig afgehandeld", indicator="complaints_closed_in_time",
             norm=90.0, richting="minstens", jaar=2025, gevalideerd_op=D(2025, 2, 1)),
    ],
    "indicatoren": [
        dict(indicator="personeelsbestand (VTE)", periode="2025", waarde=120.5, bron="HR"),
        dict(indicator="deelnemers dilemmatraining", periode="2025-03", waarde=14.0, bron=None),
    ],
    "risicos": [
        dict(risico_id="R-2025-01", proces="consultatie van gegevensbanken",
             omschrijving="Raadpleging van politionele gegevensbanken zonder dienstreden",
             kritieke_functie="inspecteur interventie", kans=3, impact=5,
             beheersmaatregelen="Logging van raadplegingen", acties="A-2025-01; A-2025-02", eigenaar="korpschef",
             datum_analyse=D(2025, 1, 15), herziening=D(2025, 12, 31), status="in behandeling"),
        dict(risico_id="R-2025-02", proces="geschenken en voordelen", omschrijving="Aanvaarden van geschenken",
             kritieke_functie=None, kans=2, impact=2, beheersmaatregelen=None, acties=None,
             eigenaar="directeur operaties", datum_analyse=D(2025, 1, 15), herziening=None, status="aanvaard"),
    ],
    "referenties": [
        dict(indicator="complaints_per_100_fte", jaar=2024, waarde=6.5, populatie="Vlaamse politiezones, gemiddelde",
             bron="Jaarverslag Comité P 2024"),
    ],
}



def clean_data() -> dict[str, list[dict]]:
    return copy.deepcopy(CLEAN)


def sheet_rows(register_name: str, records: list[dict], *, headers: dict[str, str] | None = None) -> list[list]:
    """Header row (the registers' Dutch headers, or `headers` overrides) and one list per record."""
    register = BY_NAME[register_name]
    names = list(register.column_names)
    header = [(headers or {}).get(n, register.column(n).header) for n in names]
    return [header] + [[_cell(register.column(n).type, r.get(n)) for n in names] for r in records]


def _cell(type_: str, value):
    if type_ == "bool" and isinstance(value, bool):
        return "ja" if value else "nee"
    return value


def save(sheets: dict[str, list[list]], path: Path | None = None, *, hidden: tuple[str, ...] = (),
         formats: dict[str, dict[str, str]] | None = None, merged: dict[str, list[str]] | None = None):
    """Writes the sheets (name -> rows) with openpyxl; `formats`: sheet -> {cell ref: number
    format}. Returns the path, or the bytes when no path is given."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref, fmt in (formats or {}).get(name, {}).items():
            ws[ref].number_format = fmt
        for ref in (merged or {}).get(name, []):
            ws.merge_cells(ref)
        if name in hidden:
            ws.sheet_state = "hidden"
    if path is None:
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()
    wb.save(path)
    return path


def clean_workbook(path: Path | None = None, data: dict[str, list[dict]] | None = None):
    data = clean_data() if data is None else data
    return save({BY_NAME[name].sheet: sheet_rows(name, rows) for name, rows in data.items()}, path)


def one_sheet(register_name: str, records: list[dict], path: Path | None = None, **kwargs):
    return save({BY_NAME[register_name].sheet: sheet_rows(register_name, records)}, path, **kwargs)


def table_rows(engine, *, with_import_id: bool = False) -> dict[str, list[tuple]]:
    """Every register table's rows that an import wrote, sorted, for comparing databases: the
    published references every new database starts with (migration 0004, no import_id) are
    left out until an import changes them."""
    out = {}
    with engine.connect() as conn:
        for register in REGISTERS:
            table = REGISTER_TABLES[register.name]
            columns = [table.c[n] for n in register.column_names]
            if with_import_id:
                columns.append(table.c.import_id)
            query = sa.select(*columns)
            if register.name == "referenties":
                query = query.where(table.c.import_id.is_not(None))
            out[register.name] = sorted(tuple(r) for r in conn.execute(query))
    return out


def all_tables(engine) -> dict[str, list[tuple]]:
    """Every table of the database (registers, import_log, meta, ...), for 'nothing changed'."""
    out = {}
    with engine.connect() as conn:
        for name in sorted(sa.inspect(conn).get_table_names()):
            if name == "alembic_version":
                continue
            table = sa.Table(name, sa.MetaData(), autoload_with=conn)
            out[name] = sorted(tuple(map(repr, r)) for r in conn.execute(sa.select(table)))
    return out


def messy_workbook(path: Path | None = None):
    """The CLEAN data as people type it: title rows above the header, headers in other case,
    spacing, underscores and without accents, columns in another order, an extra column, text
    dates in every accepted form, enum values in other case with stray spaces, pct as 45% or a
    percentage cell, bools as x / empty, numbers with a decimal comma, a period that Excel
    turned into a date. Imports to exactly the rows of clean_workbook()."""
    klachten = [
        ["Klachtenregister PZ Voorbeeld"],
        [],
        ["Dossiernummer", " DATUM_ONTVANGST ", "Kanaal", "CATEGORIE", "Dienst ", "status", "Datum  afsluiting",
         "Beoordeling", "gevolg", "Interne nota", "MEDEWERKER", "omschrijving"],
        ["KL-2025-0001", "6/1/2025", "  BURGER ", "Bejegening", " Interventie", "Afgesloten", "10/02/2025",
         "ONGEGROND", "Geen", "zie mail", "Medewerker 0012", "Onvriendelijk aan het onthaal "],
        ["KL-2025-0002", "2025-02-03", "comite p", "geweld", "Verkeer", "in  behandeling", None, None, None, None,
         "Medewerker 0040", None],
        [],
        ["KL-2025-0003", D(2025, 3, 15), "aig", "PRIVACY", "Onthaal", "ontvangen", "", "", "", "", None, "  "],
    ]
    notas = [
        ["nummer", "Datum", "dienst", "Thema", "Aanleiding", "Opvolgingsdatum", "Status", "Medewerker"],
        ["FN-2025-01", "20/01/2025", "Interventie", "STIPTHEID", "vaststelling  leidinggevende", "1/3/2025", "Open",
         "Medewerker 0007"],
    ]
    tucht_headers = ["dossiernummer", "soort", "categorie", "dienst", "datum_feiten", "datum_kennisname",
                     "datum_opening", "datum_inleidend_verslag", "tuchtoverheid", "fase", "ordemaatregel",
                     "datum_ordemaatregel", "sanctie", "datum_beslissing", "medewerker"]
    tucht = [
        ["Tucht- en gerechtelijke dossiers"],
        tucht_headers,
        ["TD-2024-01", "Tucht", "GEWELD", "Interventie", "5/1/2024", "10/1/2024", D(2024, 1, 15), "2024-03-01",
         "Korpschef", "beslist", None, None, "Blaam", "01/06/2024", "Medewerker 0100"],
        ["TD-2024-02", "gerechtelijk", "corruptie  of fraude", "Recherche", None, "1/2/2024", "2/2/2024", None, None,
         "LOPEND", "Voorlopige schorsing", "05/02/2024", None, None, "Medewerker 0101"],
    ]
    meldingen = [
        ["Nummer", "Datum ontvangst", "Kanaal", "Anoniem", "Categorie", "Datum ontvangstbevestiging",
         "Datum terugkoppeling", "Status", "Uitkomst", "Omschrijving"],
        ["ML-2025-01", "08/01/2025", "Intern meldkanaal", "x", "misbruik van informatie", "10/01/2025", "1/3/2025",
         "afgesloten", "Geen schending", None],
        ["ML-2025-02", D(2025, 2, 8), "EXTERN", None, "Andere", None, None, "onderzoek", None,
         "Vermoeden van misbruik tankkaart"],
    ]
    actieplan = [
        ["ACTIE ID", "Strategische doelstelling", "Operationele doelstelling", "Actie", "Trekker", "Startdatum",
         "Deadline", "Status", "Voortgang", "Laatste update", "Opmerking"],
        ["A-2025-01", "bepalen en definieren", "3.1.1.3 Ontwikkeling van een ethisch kompas",
         "Ethisch kompas opstellen", "integriteitscoördinator", "1/1/2025", "30/06/2025", "Lopend", "45%",
         "01/03/2025", None],
        ["A-2025-02", " MONITOREN", "3.1.3.1 Opvolging klachten", "Klachtenrapport per kwartaal",
         "integriteitscoördinator", None, "2025-04-01", "afgerond", 1.0, None, "Eerste rapport besproken"],
    ]
    criteria = [
        ["Criterium_ID", "Omschrijving", "Indicator", "Norm", "Richting", "Jaar", "Gevalideerd op"],
        ["EC-01", "Klachten tijdig afgehandeld", "complaints_closed_in_time", 0.9, "Minstens", "2025", "1/2/2025"],
    ]
    indicatoren = [
        ["INDICATOR", "periode", "Waarde", "Bron"],
        ["personeelsbestand (VTE)", 2025, "120,5", "HR"],
        ["deelnemers dilemmatraining", D(2025, 3, 1), 14, None],
    ]
    risicos = [
        ["Risico_ID", "Proces", "Omschrijving", "Kritieke functie", "KANS", "Impact", "Beheersmaatregelen", "Acties",
         "Eigenaar", "Datum analyse", "Herziening", "Status"],
        ["R-2025-01", "Consultatie van gegevensbanken", "Raadpleging van politionele gegevensbanken zonder dienstreden",
         "inspecteur interventie", "3", 5, "Logging van raadplegingen", " A-2025-01 ,A-2025-02;", "korpschef",
         "15/01/2025", "31/12/2025", "In behandeling"],
        ["R-2025-02", "geschenken en  voordelen", "Aanvaarden van geschenken", None, 2, "2", "", None,
         "directeur operaties", D(2025, 1, 15), None, "AANVAARD"],
    ]
    referenties = [
        ["Indicator", "Jaar", "Waarde", "Populatie", "Bron"],
        ["Complaints per 100 FTE", "2024", "6,5", "Vlaamse politiezones, gemiddelde", "Jaarverslag Comité P 2024"],
    ]
    return save(
        {"Klachten": klachten, "functioneringsnotas": notas, "TUCHTDOSSIERS": tucht, "Meldingen": meldingen,
         "Actieplan": actieplan, "Evaluatiecriteria": criteria, "Indicatoren": indicatoren,
         "Risicos": risicos, "referenties": referenties},
        path,
        formats={"Actieplan": {"I3": "0%"}, "Evaluatiecriteria": {"D2": "0%"}},
        merged={"Klachten": ["A1:D1"]},
    )


def expected_rows() -> dict[str, list[tuple]]:
    """CLEAN as table_rows() returns it."""
    return {
        register.name: sorted(tuple(r[n] for n in register.column_names) for r in CLEAN.get(register.name, []))
        for register in REGISTERS
    }
