"""Every rule of registers.md broken once: the exact Dutch message, and nothing written.

Each case starts from a database holding the clean data set, then imports the clean workbook
with one cell changed to break one rule, plus a valid change elsewhere (indicatoren row 2 gets
a new waarde) that an import that is not all-or-nothing would write."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.db import connect
from data_access.importer import import_workbook
from data_access.registers import INTEGRITY_CATEGORIES
from tests.workbooks import all_tables, clean_data, clean_workbook

D = dt.date

# (register, index in CLEAN, changes, sheet, Excel row, column header, message)
CASES = [
    ("klachten", 0, {"dossiernummer": None}, "Klachten", 2, "dossiernummer", "verplicht veld is leeg"),
    ("klachten", 2, {"dossiernummer": "KL-2025-0001"}, "Klachten", 4, "dossiernummer",
     "dossiernummer 'KL-2025-0001' komt meer dan eens voor (ook op rij 2)"),
    ("klachten", 2, {"datum_ontvangst": D(2099, 1, 1)}, "Klachten", 4, "datum ontvangst", "01/01/2099 ligt in de toekomst"),
    ("klachten", 2, {"datum_ontvangst": "32/01/2025"}, "Klachten", 4, "datum ontvangst",
     "'32/01/2025' is geen geldige datum (gebruik dd/mm/jjjj)"),
    ("klachten", 2, {"datum_ontvangst": None}, "Klachten", 4, "datum ontvangst", "verplicht veld is leeg"),
    ("klachten", 0, {"kanaal": "telefoon??"}, "Klachten", 2, "kanaal",
     "'telefoon??' is geen geldige waarde (kies uit: burger, Comité P, AIG, parket, gemeente, intern, andere)"),
    ("klachten", 1, {"dienst": "   "}, "Klachten", 3, "dienst", "verplicht veld is leeg"),
    ("klachten", 0, {"datum_afsluiting": None}, "Klachten", 2, "datum afsluiting", "verplicht als status afgesloten is"),
    ("klachten", 1, {"datum_afsluiting": D(2025, 3, 1)}, "Klachten", 3, "datum afsluiting",
     "moet leeg zijn zolang status niet afgesloten is (status is 'in behandeling')"),
    ("klachten", 0, {"datum_afsluiting": D(2025, 1, 1)}, "Klachten", 2, "datum afsluiting",
     "01/01/2025 ligt vóór datum ontvangst (06/01/2025)"),
    ("klachten", 0, {"beoordeling": None}, "Klachten", 2, "beoordeling", "verplicht als status afgesloten is"),
    ("klachten", 0, {"gevolg": "ontslag"}, "Klachten", 2, "gevolg",
     "'ontslag' is geen geldige waarde (kies uit: geen, gesprek, functioneringsnota, tuchtdossier, "
     "gerechtelijk dossier, opleiding of coaching)"),
    ("functioneringsnotas", 0, {"opvolgingsdatum": D(2025, 1, 19)}, "Functioneringsnota's", 2, "opvolgingsdatum",
     "19/01/2025 ligt vóór datum (20/01/2025)"),
    ("functioneringsnotas", 0, {"thema": None}, "Functioneringsnota's", 2, "thema", "verplicht veld is leeg"),
    ("tuchtdossiers", 0, {"datum_kennisname": D(2024, 1, 4)}, "Tuchtdossiers", 2, "datum kennisname",
     "04/01/2024 ligt vóór datum feiten (05/01/2024)"),
    ("tuchtdossiers", 0, {"datum_opening": D(2024, 1, 9)}, "Tuchtdossiers", 2, "datum opening",
     "09/01/2024 ligt vóór datum kennisname (10/01/2024)"),
    ("tuchtdossiers", 0, {"datum_inleidend_verslag": D(2024, 1, 9)}, "Tuchtdossiers", 2, "datum inleidend verslag",
     "09/01/2024 ligt vóór datum kennisname (10/01/2024)"),
    ("tuchtdossiers", 0, {"tuchtoverheid": None}, "Tuchtdossiers", 2, "tuchtoverheid",
     "verplicht als soort tucht of tucht en gerechtelijk is"),
    ("tuchtdossiers", 1, {"datum_ordemaatregel": None}, "Tuchtdossiers", 3, "datum ordemaatregel",
     "verplicht als ordemaatregel voorlopige schorsing of andere is"),
    ("tuchtdossiers", 0, {"sanctie": None}, "Tuchtdossiers", 2, "sanctie", "verplicht als fase beslist of afgesloten is"),
    ("tuchtdossiers", 0, {"sanctie": "veroordeling"}, "Tuchtdossiers", 2, "sanctie",
     "'veroordeling' kan enkel als soort gerechtelijk of tucht en gerechtelijk is"),
    ("tuchtdossiers", 0, {"datum_beslissing": None}, "Tuchtdossiers", 2, "datum beslissing",
     "verplicht als fase beslist of afgesloten is"),
    ("tuchtdossiers", 0, {"datum_beslissing": D(2024, 1, 14)}, "Tuchtdossiers", 2, "datum beslissing",
     "14/01/2024 ligt vóór datum opening (15/01/2024)"),
    ("tuchtdossiers", 1, {"categorie": "diefstal"}, "Tuchtdossiers", 3, "categorie",
     f"'diefstal' is geen geldige waarde (kies uit: {', '.join(INTEGRITY_CATEGORIES)})"),
    ("meldingen", 1, {"anoniem": "misschien"}, "Meldingen", 3, "anoniem",
     "'misschien' is geen geldige waarde (gebruik ja of nee)"),
    ("meldingen", 0, {"datum_ontvangstbevestiging": D(2025, 1, 7)}, "Meldingen", 2, "datum ontvangstbevestiging",
     "07/01/2025 ligt vóór datum ontvangst (08/01/2025)"),
    ("meldingen", 0, {"datum_terugkoppeling": D(2025, 1, 7)}, "Meldingen", 2, "datum terugkoppeling",
     "07/01/2025 ligt vóór datum ontvangst (08/01/2025)"),
    ("meldingen", 0, {"uitkomst": None}, "Meldingen", 2, "uitkomst", "verplicht als status afgesloten is"),
    ("actieplan", 0, {"deadline": D(2024, 12, 31)}, "Actieplan", 2, "deadline",
     "31/12/2024 ligt vóór startdatum (01/01/2025)"),
    ("actieplan", 0, {"voortgang": 120}, "Actieplan", 2, "voortgang", "120 moet tussen 0 en 100 liggen"),
    ("actieplan", 1, {"voortgang": "80%"}, "Actieplan", 3, "voortgang", "moet 100 zijn als status afgerond is (nu 80)"),
    ("actieplan", 0, {"voortgang": "veel"}, "Actieplan", 2, "voortgang",
     "'veel' is geen percentage (bv. 45, 45% of 45,5)"),
    ("actieplan", 0, {"strategische_doelstelling": "Sturen"}, "Actieplan", 2, "strategische doelstelling",
     "'Sturen' is geen geldige waarde (kies uit: Bepalen en definiëren, Begeleiden, Monitoren, Afdwingen)"),
    ("evaluatiecriteria", 0, {"indicator": "complaints_by_category"}, "Evaluatiecriteria", 2, "indicator",
     "'complaints_by_category' is een verdeling (een KPI met opsplitsing) en kan geen indicator van een "
     "evaluatiecriterium zijn"),
    ("evaluatiecriteria", 0, {"jaar": "2025,5"}, "Evaluatiecriteria", 2, "jaar", "'2025,5' is geen geheel getal"),
    ("evaluatiecriteria", 0, {"norm": "hoog"}, "Evaluatiecriteria", 2, "norm",
     "'hoog' is geen percentage (bv. 45, 45% of 45,5)"),
    ("evaluatiecriteria", 0, {"richting": "meer"}, "Evaluatiecriteria", 2, "richting",
     "'meer' is geen geldige waarde (kies uit: minstens, hoogstens)"),
    ("indicatoren", 1, {"periode": "2025/03"}, "Indicatoren", 3, "periode",
     "'2025/03' is geen geldige periode (gebruik jjjj of jjjj-mm)"),
    ("indicatoren", 1, {"periode": "2025-13"}, "Indicatoren", 3, "periode",
     "'2025-13' is geen geldige periode (gebruik jjjj of jjjj-mm)"),
    ("indicatoren", 1, {"waarde": "twaalf"}, "Indicatoren", 3, "waarde", "'twaalf' is geen getal"),
    ("indicatoren", 1, {"indicator": "personeelsbestand (VTE)", "periode": "2025"}, "Indicatoren", 3, "indicator",
     "indicator 'personeelsbestand (VTE)' met periode '2025' komt meer dan eens voor (ook op rij 2)"),
    ("risicos", 0, {"kans": 6}, "Risico's", 2, "kans", "6 moet tussen 1 en 5 liggen"),
    ("risicos", 1, {"impact": 0}, "Risico's", 3, "impact", "0 moet tussen 1 en 5 liggen"),
    ("risicos", 0, {"proces": "kantine"}, "Risico's", 2, "proces",
     "'kantine' is geen geldige waarde (kies uit: rekrutering en selectie, aanwending van middelen, omgang met "
     "aangehouden personen, inbeslagnames en overtuigingsstukken, consultatie van gegevensbanken, geschenken en "
     "voordelen, nevenactiviteiten, interacties met burgers, interne onderzoeken, andere)"),
    ("risicos", 0, {"datum_analyse": D(2099, 1, 1), "herziening": None}, "Risico's", 2, "datum analyse", "01/01/2099 ligt in de toekomst"),
    ("risicos", 0, {"herziening": D(2025, 1, 1)}, "Risico's", 2, "herziening",
     "01/01/2025 ligt vóór datum analyse (15/01/2025)"),
    ("risicos", 1, {"eigenaar": None}, "Risico's", 3, "eigenaar", "verplicht veld is leeg"),
    ("risicos", 0, {"acties": "A-2025-01; A-2025-99"}, "Risico's", 2, "acties",
     "de actie 'A-2025-99' bestaat niet in het Actieplan (niet in deze werkmap en niet in de databank)"),
    ("risicos", 1, {"acties": "A-9, A-8"}, "Risico's", 3, "acties",
     "de acties 'A-9', 'A-8' bestaan niet in het Actieplan (niet in deze werkmap en niet in de databank)"),
    ("referenties", 0, {"indicator": "complaints_received"}, "Referenties", 2, "indicator",
     "'complaints_received' is geen geldige waarde (kies uit: complaints_per_100_fte, complaints_founded_rate, "
     "complaints_within_norm_rate, reports_anonymous_rate, reports_ack_in_time_rate, reports_feedback_in_time_rate, "
     "reports_violation_rate, reports_per_100_fte, actions_done_rate)"),
    ("referenties", 0, {"bron": None}, "Referenties", 2, "bron", "verplicht veld is leeg"),
]


def _broken_workbook(register: str, index: int, changes: dict) -> bytes:
    data = clean_data()
    data[register][index].update(changes)
    if register != "indicatoren" or index != 0:
        data["indicatoren"][0]["waarde"] = 999.0  # a valid change that must not be written either
    return clean_workbook(data=data)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """One database holding the clean data set, shared by the cases: none of them may change it."""
    engine = connect(f"sqlite:///{tmp_path_factory.mktemp('regels') / 'regels.sqlite'}")
    assert import_workbook(engine, clean_workbook(), file_name="start.xlsx", user="t").ok
    yield engine, all_tables(engine)
    engine.dispose()


@pytest.mark.parametrize("register,index,changes,sheet,row,column,message", CASES,
                         ids=[f"{c[0]}-{c[5]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_broken_once(loaded, register, index, changes, sheet, row, column, message):
    engine, before = loaded
    report = import_workbook(engine, _broken_workbook(register, index, changes), file_name="fout.xlsx", user="t")
    assert report.errors == [f"fout.xlsx: {sheet}, rij {row}, kolom {column}: {message}"]
    assert not report.applied and report.import_id is None
    assert all_tables(engine) == before


def test_a_risk_may_name_an_action_that_is_only_in_the_database(any_engine):
    """acties must exist in the Actieplan of the same workbook or already in the database."""
    data = clean_data()
    assert import_workbook(any_engine, clean_workbook(data={"actieplan": data["actieplan"]}), file_name="plan.xlsx", user="t").ok
    report = import_workbook(any_engine, clean_workbook(data={"risicos": data["risicos"]}), file_name="risico.xlsx", user="t")
    assert report.ok and report.applied, report.errors
    assert report.counts["risicos"]["added"] == 2


def test_an_unknown_action_refuses_the_whole_workbook(any_engine):
    data = clean_data()
    data["risicos"][1]["acties"] = "A-2025-02; A-2026-77"
    before = all_tables(any_engine)
    report = import_workbook(any_engine, clean_workbook(data=data), file_name="r.xlsx", user="t")
    assert report.errors == [
        "r.xlsx: Risico's, rij 3, kolom acties: de actie 'A-2026-77' bestaat niet in het Actieplan "
        "(niet in deze werkmap en niet in de databank)"
    ]
    assert not report.applied and all_tables(any_engine) == before
    dry = import_workbook(any_engine, clean_workbook(data=data), file_name="r.xlsx", user="t", dry_run=True)
    assert dry.errors == report.errors


def test_every_error_is_reported_in_sheet_row_column_order(any_engine):
    data = clean_data()
    data["klachten"][2].update(kanaal="fax", datum_ontvangst="gisteren")
    data["klachten"][0].update(status="gesloten")
    data["indicatoren"][1].update(waarde=None)
    before = all_tables(any_engine)
    report = import_workbook(any_engine, clean_workbook(data=data), file_name="f.xlsx", user="t")
    assert report.errors == [
        "f.xlsx: Klachten, rij 2, kolom status: 'gesloten' is geen geldige waarde "
        "(kies uit: ontvangen, in behandeling, afgesloten)",
        "f.xlsx: Klachten, rij 4, kolom datum ontvangst: 'gisteren' is geen geldige datum (gebruik dd/mm/jjjj)",
        "f.xlsx: Klachten, rij 4, kolom kanaal: 'fax' is geen geldige waarde "
        "(kies uit: burger, Comité P, AIG, parket, gemeente, intern, andere)",
        "f.xlsx: Indicatoren, rij 3, kolom waarde: verplicht veld is leeg",
    ]
    assert all_tables(any_engine) == before


def test_failed_import_leaves_every_table_as_it_was(any_engine):
    assert import_workbook(any_engine, clean_workbook(), file_name="a.xlsx", user="t").ok
    before = all_tables(any_engine)
    data = clean_data()
    for rows in data.values():  # every register changed validly ...
        for r in rows:
            for k, v in r.items():
                if isinstance(v, str) and k in ("dienst", "omschrijving", "bron", "opmerking", "medewerker"):
                    r[k] = v + " (gewijzigd)"
    data["klachten"].append(dict(data["klachten"][0], dossiernummer="KL-NIEUW"))
    data["meldingen"][0]["status"] = "?"  # ... and one error
    report = import_workbook(any_engine, clean_workbook(data=data), file_name="b.xlsx", user="t")
    assert len(report.errors) == 1 and not report.applied
    assert all_tables(any_engine) == before
