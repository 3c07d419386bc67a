"""`python -m data_access import` end to end: exit codes, messages, nothing written when refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from data_access import importer
from data_access.db import connect
from data_access.importer import cli_import
from data_access.schema import import_log
from tests.workbooks import all_tables, clean_data, clean_workbook, expected_rows, table_rows

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "data_access", "import", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_applies_a_valid_workbook(tmp_path, sqlite_url):
    book = clean_workbook(tmp_path / "registers.xlsx")
    result = _run(str(book), "--database-url", sqlite_url, "--user", "Els")
    assert result.returncode == 0, result.stderr
    assert "Klachten: 3 toegevoegd, 0 bijgewerkt, 0 ongewijzigd" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "Import 1 weggeschreven."
    engine = connect(sqlite_url)
    assert table_rows(engine) == expected_rows()
    with engine.connect() as conn:
        assert conn.execute(sa.select(import_log.c.user_name, import_log.c.file_name)).one() == ("Els", "registers.xlsx")
    engine.dispose()


def test_cli_prints_every_error_and_writes_nothing(tmp_path, sqlite_url):
    engine = connect(sqlite_url)
    before = all_tables(engine)
    data = clean_data()
    data["klachten"][1]["kanaal"] = "telefoon??"
    data["meldingen"][0]["uitkomst"] = None
    book = clean_workbook(tmp_path / "fout.xlsx", data)
    result = _run(str(book), "--database-url", sqlite_url)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "fout.xlsx: Klachten, rij 3, kolom kanaal: 'telefoon??' is geen geldige waarde "
        "(kies uit: burger, Comité P, AIG, parket, gemeente, intern, andere)",
        "fout.xlsx: Meldingen, rij 2, kolom uitkomst: verplicht als status afgesloten is",
        "2 fout(en) gevonden; er werd niets weggeschreven.",
    ]
    # nothing written but the audit log's note of the refused attempt
    after = all_tables(engine)
    refused = after.pop("audit_log")
    assert after == {k: v for k, v in before.items() if k != "audit_log"} and before["audit_log"] == []
    assert len(refused) == 1 and "'import'" in refused[0] and "geweigerd" in refused[0][-1]
    engine.dispose()


def test_cli_dry_run_checks_without_writing(tmp_path, sqlite_url):
    book = clean_workbook(tmp_path / "registers.xlsx")
    result = _run(str(book), "--database-url", sqlite_url, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Proefimport: alles in orde, er werd niets weggeschreven."
    engine = connect(sqlite_url)
    assert all(rows == [] for rows in table_rows(engine).values())
    engine.dispose()


def test_cli_refuses_a_file_that_is_no_workbook(tmp_path, sqlite_url):
    path = tmp_path / "notities.xlsx"
    path.write_text("geen werkmap")
    result = _run(str(path), "--database-url", sqlite_url)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "notities.xlsx: dit is geen Excel-werkmap (.xlsx); open het in Excel en bewaar het als "
        "Excel-werkmap (.xlsx) of kies het juiste bestand"
    )


def test_cli_unreachable_database_is_a_dutch_message(tmp_path):
    book = clean_workbook(tmp_path / "registers.xlsx")
    result = _run(str(book), "--database-url", "postgresql://niemand:x@127.0.0.1:9/geen")
    assert result.returncode == 2
    assert result.stderr.startswith("De databank is niet bereikbaar (postgresql+psycopg://niemand:***@127.0.0.1:9/geen)")
    assert "Traceback" not in result.stderr


def test_cli_prints_progress_of_a_long_import(tmp_path, sqlite_url, monkeypatch, capsys):
    monkeypatch.setattr(importer._ProgressPrinter, "QUIET_SECONDS", 0.0)  # as if the import were long
    book = clean_workbook(tmp_path / "registers.xlsx")
    assert cli_import(str(book), database_url=sqlite_url, dry_run=False, user="t") == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "  0% Bestand lezen"
    assert "Klachten wegschrijven" in " ".join(lines)
    assert lines[-1] == "100% Klaar"
