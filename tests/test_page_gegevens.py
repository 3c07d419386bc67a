"""The Gegevens page: upload -> validation report -> confirm -> imported, the history, the audit."""

from __future__ import annotations

import datetime as dt
import io

import sqlalchemy as sa
from openpyxl import Workbook

from data_access.registers import KLACHTEN
from data_access.schema import REGISTER_TABLES, audit_log, import_log
from tests.dashboard_apptest import open_page, start_app, texts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _klachten_workbook(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = KLACHTEN.sheet
    headers = [c.header for c in KLACHTEN.columns]
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


GOOD_ROWS = [
    {"dossiernummer": "KL-2024-0001", "datum ontvangst": dt.date(2024, 2, 3), "kanaal": "burger",
     "categorie": "bejegening", "dienst": "Verkeer", "status": "ontvangen"},
    {"dossiernummer": "KL-2024-0002", "datum ontvangst": dt.date(2024, 3, 9), "kanaal": "intern",
     "categorie": "privacy", "dienst": "Onthaal", "status": "afgesloten",
     "datum afsluiting": dt.date(2024, 4, 1), "beoordeling": "ongegrond"},
]


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_a_bad_workbook_is_refused_with_the_importers_messages(engine, sqlite_url, monkeypatch):
    bad = [dict(GOOD_ROWS[0], kanaal="fax")]  # not an allowed kanaal, on data row 2
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "gegevens")
    at.file_uploader[0].upload("slecht.xlsx", _klachten_workbook(bad), XLSX).run()
    assert not at.exception
    shown = texts(at)
    assert "slecht.xlsx kan niet geïmporteerd worden" in shown
    # The importer's own line, naming file, sheet, row and column.
    assert "slecht.xlsx: Klachten, rij 2, kolom kanaal: 'fax'" in shown
    assert not [b for b in at.button if b.label == "Importeren bevestigen"]
    assert _count(engine, REGISTER_TABLES["klachten"]) == 0


def test_a_file_that_is_no_workbook_gets_a_dutch_refusal(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "gegevens")
    at.file_uploader[0].upload("notities.txt", b"dit is geen werkmap", "text/plain").run()
    assert not at.exception
    assert "notities.txt kan niet geïmporteerd worden" in texts(at)
    assert _count(engine, import_log) == 0


def test_a_good_workbook_is_checked_then_imported_on_confirmation(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "gegevens")
    assert "Nog geen gegevens voor de importgeschiedenis" in texts(at)
    at.file_uploader[0].upload("klachten-2024.xlsx", _klachten_workbook(GOOD_ROWS), XLSX).run()
    assert not at.exception
    assert "klachten-2024.xlsx is gecontroleerd: geen fouten gevonden" in texts(at)
    assert _count(engine, REGISTER_TABLES["klachten"]) == 0  # the check writes nothing

    confirm = next(b for b in at.button if b.label == "Importeren bevestigen")
    confirm.click().run()
    assert not at.exception
    shown = texts(at)
    assert "is geïmporteerd" in shown and "Klachten: 2 toegevoegd, 0 bijgewerkt, 0 ongewijzigd" in shown
    assert _count(engine, REGISTER_TABLES["klachten"]) == 2

    history = at.dataframe[-1].value
    assert list(history["Bestand"]) == ["klachten-2024.xlsx"]
    assert history["Door"].iloc[0] == "test-integriteitscoordinator"
    assert (history["Registers"].iloc[0], history["Toegevoegd"].iloc[0], history["Bijgewerkt"].iloc[0]) == ("Klachten", 2, 0)
    assert history["Wanneer"].iloc[0][2] == "/" and len(history["Wanneer"].iloc[0]) == 16  # dd/mm/jjjj HH:MM
    # The new year is offered by the filter right away, and the figures include the new rows
    # (the import bumped the data version the caches are keyed on).
    assert "2024" in at.sidebar.selectbox(key="jaar").options
    at.sidebar.selectbox(key="jaar").select(2024).run()
    open_page(at, "klachten")
    assert [m.value for m in at.metric if m.label == "Klachten ontvangen"][:1] == ["2"]
    # A second import: the page just shown (cached) shows the new figure on the next visit.
    third = dict(GOOD_ROWS[0], dossiernummer="KL-2024-0003")
    open_page(at, "gegevens")
    at.file_uploader[0].upload("extra.xlsx", _klachten_workbook([*GOOD_ROWS, third]), XLSX).run()
    next(b for b in at.button if b.label == "Importeren bevestigen").click().run()
    assert "Klachten: 1 toegevoegd, 0 bijgewerkt, 2 ongewijzigd" in texts(at)
    open_page(at, "klachten")
    assert [m.value for m in at.metric if m.label == "Klachten ontvangen"][:1] == ["3"]
    open_page(at, "gegevens")
    with engine.connect() as conn:
        details = conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action == "import")).scalars().all()
    assert len(details) == 2 and "klachten-2024.xlsx" in details[0] and "geïmporteerd" in details[0]
    assert "extra.xlsx" in details[1]


def test_the_template_is_offered_for_download(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "gegevens")
    assert "Sjabloon downloaden" in [b.label for b in at.get("download_button")]
